using System.Security.Cryptography.X509Certificates;

namespace LegalBot.Testing;

/// <summary>
/// A throwaway TLS certificate for 127.0.0.1 that this user's .NET trusts while the fixture lives.
/// </summary>
/// <remarks>
/// The Bot Framework fetches its OpenID metadata and signing keys with a static HttpClient of its own,
/// and the identity libraries refuse metadata addresses that are not https. So a fake identity server
/// must speak TLS with a certificate the whole process trusts: the certificate goes into the current
/// user's root store (a .NET-managed folder on Linux) and is removed again on dispose. It is
/// self-signed, not a CA, valid for loopback only and for two hours; its private key never leaves memory.
/// Each fixture's certificate has a subject of its own: while two trusted certificates share a subject (two
/// test runs at once, or a test run and the benchmark), .NET may take the other one for the issuer and refuse
/// the connection as an untrusted root.
/// Where the client's HTTP handler can be chosen, <see cref="LoopbackCertificate"/> pins the certificate
/// instead and leaves the shared root store alone.
/// </remarks>
public sealed class LoopbackTls : IDisposable
{
    /// <summary>How every subject starts (each adds its own id).</summary>
    public const string SubjectName = "CN=LegalBot tests loopback identity server";

    private readonly X509Certificate2 trusted;

    public LoopbackTls()
    {
        if (!OperatingSystem.IsLinux())
        {
            // Elsewhere the root store asks the user to confirm (Windows) or needs the keychain (macOS).
            throw new PlatformNotSupportedException("The loopback TLS tests trust a loopback certificate in the user's .NET root store, which is only silent on Linux.");
        }

        RemoveLeftovers();
        ServerCertificate = LoopbackCertificate.Create(SubjectName + " " + Guid.NewGuid().ToString("N"));
        trusted = X509CertificateLoader.LoadCertificate(ServerCertificate.RawData);
        using var store = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        store.Add(trusted);
    }

    /// <summary>The certificate with its private key, for the server side.</summary>
    public X509Certificate2 ServerCertificate { get; }

    public void Dispose()
    {
        using (var store = new X509Store(StoreName.Root, StoreLocation.CurrentUser))
        {
            store.Open(OpenFlags.ReadWrite);
            store.Remove(trusted);
        }

        trusted.Dispose();
        ServerCertificate.Dispose();
    }

    /// <summary>
    /// Expired certificates of an earlier run that was killed before it could clean up. Unexpired ones may
    /// belong to a test run going on in another work tree, so they stay.
    /// </summary>
    private static void RemoveLeftovers()
    {
        using var store = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        var now = TimeProvider.System.GetUtcNow();
        foreach (var old in store.Certificates)
        {
            if (old.Subject.StartsWith(SubjectName, StringComparison.Ordinal) && old.NotAfter.ToUniversalTime() < now.UtcDateTime)
            {
                store.Remove(old);
            }

            old.Dispose();
        }
    }
}
