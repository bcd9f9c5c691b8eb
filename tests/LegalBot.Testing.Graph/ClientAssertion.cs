using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LegalBot.Testing.Graph;

/// <summary>
/// Checks a certificate credential's client assertion as the Microsoft identity platform documents it: a JWT
/// signed with the registered certificate's key (RS256 or PS256), issued by and about the client, for the token
/// endpoint as audience, not expired.
/// </summary>
internal static class ClientAssertion
{
    public static bool IsValid(string? assertion, X509Certificate2 certificate, string clientId, string audience, DateTimeOffset now)
    {
        var parts = assertion?.Split('.') ?? [];
        if (parts.Length != 3)
        {
            return false;
        }

        try
        {
            var header = JsonNode.Parse(Decode(parts[0]))!;
            var claims = JsonNode.Parse(Decode(parts[1]))!;
            using var key = certificate.GetRSAPublicKey();
            var padding = header["alg"]?.GetValue<string>() switch
            {
                "RS256" => RSASignaturePadding.Pkcs1,
                "PS256" => RSASignaturePadding.Pss,
                _ => null,
            };
            var signed = key is not null && padding is not null
                && key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Decode(parts[2]), HashAlgorithmName.SHA256, padding);
            return signed
                && claims["iss"]?.GetValue<string>() == clientId
                && claims["sub"]?.GetValue<string>() == clientId
                && claims["aud"]?.GetValue<string>() == audience
                && Seconds(claims["exp"]) > now.ToUnixTimeSeconds();
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A NumericDate claim; MSAL writes it as a JSON string, others as a number.</summary>
    private static long Seconds(JsonNode? claim) =>
        claim is not null && long.TryParse(claim.GetValueKind() == JsonValueKind.String ? claim.GetValue<string>() : claim.ToJsonString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;

    private static byte[] Decode(string part)
    {
        var base64 = part.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
