using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LegalBot.Core.Stores;

namespace LegalBot.Store.Graph;

/// <summary>
/// The Graph store's continuation token: SharePoint's <c>$skiptoken</c> from the page's <c>@odata.nextLink</c>, bound
/// to the list and to the listing it came from (which filter, on whose id). The store never follows a URL from a
/// token: it rebuilds the query itself, against its own Graph address, for the caller's own filter, and adds only the
/// skiptoken. A token for another list or listing, or one altered, is refused; a skiptoken SharePoint cannot read is
/// refused by Graph, which the store reports the same way.
/// </summary>
internal static class GraphPageToken
{
    private const string Prefix = "g1.";

    public static string Write(string scope, string skipToken) =>
        Prefix + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Payload(Hash(scope), skipToken)));

    public static string Read(string scope, string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length is < 4 or > 4096 || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw Invalid();
        }

        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(Base64Url.DecodeFromChars(token.AsSpan(Prefix.Length)));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw Invalid();
        }

        if (payload is not { Scope: { } tokenScope, Skip: { Length: > 0 } skip } || tokenScope != Hash(scope))
        {
            throw Invalid();
        }

        return skip;
    }

    /// <summary>The <c>$skiptoken</c> of a nextLink Graph returned for a query on <paramref name="itemsUrl"/>; null when it is not one.</summary>
    public static string? SkipTokenOf(string nextLink, Uri itemsUrl)
    {
        // Same scheme, host and port, and the same path once decoded (the SDK escapes the commas of a site id, Graph may not).
        if (!Uri.TryCreate(nextLink, UriKind.Absolute, out var next)
            || !string.Equals(next.GetLeftPart(UriPartial.Authority), itemsUrl.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
            || !string.Equals(Uri.UnescapeDataString(next.AbsolutePath), Uri.UnescapeDataString(itemsUrl.AbsolutePath), StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var pair in next.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at > 0 && Uri.UnescapeDataString(pair[..at]) is "$skiptoken" or "$skipToken")
            {
                return Uri.UnescapeDataString(pair[(at + 1)..]);
            }
        }

        return null;
    }

    public static InvalidContinuationTokenException Invalid() => new("The continuation token was not issued by this store.");

    private static string Hash(string scope) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(scope)).AsSpan(0, 12));

    private sealed record Payload(string? Scope, string? Skip);
}
