using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LegalBot.Testing;

/// <summary>
/// A throwaway TLS certificate for 127.0.0.1 that nothing trusts by itself: a client that should reach the
/// server pins it (<see cref="CreatePinnedHandler"/>). Unlike <see cref="LoopbackTls"/> it leaves the user's
/// root store alone, which test runs in other processes change at the same time; use it wherever the client's
/// HTTP handler can be chosen.
/// </summary>
public sealed class LoopbackCertificate : IDisposable
{
    public const string SubjectName = "CN=LegalBot tests loopback server";

    /// <summary>The certificate with its private key, for the server side.</summary>
    public X509Certificate2 ServerCertificate { get; } = Create(SubjectName);

    /// <summary>An HTTP handler that accepts this certificate, and only this one, from the server.</summary>
    public HttpMessageHandler CreatePinnedHandler()
    {
        var pinned = ServerCertificate.GetCertHash(HashAlgorithmName.SHA256);
        return new SocketsHttpHandler
        {
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && certificate.GetCertHash(HashAlgorithmName.SHA256).AsSpan().SequenceEqual(pinned),
            },
        };
    }

    public void Dispose() => ServerCertificate.Dispose();

    /// <summary>A self-signed server certificate for the loopback address, valid for two hours.</summary>
    internal static X509Certificate2 Create(string subjectName)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subjectName, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = TimeProvider.System.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(2));

        // Exported and loaded again so the key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
