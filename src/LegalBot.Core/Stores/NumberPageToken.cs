using System.Globalization;
using LegalBot.Core.Requests;

namespace LegalBot.Core.Stores;

/// <summary>
/// A keyset continuation token: the number of the last request on the previous page, behind the issuing store's own
/// versioned prefix, in a URL-safe form callers treat as opaque. A token with another prefix, or altered, is refused.
/// </summary>
public sealed class NumberPageToken(string prefix)
{
    public string Write(long lastNumber) => prefix + lastNumber.ToString("x", CultureInfo.InvariantCulture);

    public long Read(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length > prefix.Length + 16
            || !token.StartsWith(prefix, StringComparison.Ordinal)
            || !long.TryParse(token.AsSpan(prefix.Length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var number)
            || number <= 0)
        {
            throw new InvalidContinuationTokenException("The continuation token was not issued by this store.");
        }

        return number;
    }

    /// <summary>A page from up to <paramref name="take"/> + 1 requests read newest first: the extra one only says there is more.</summary>
    public RequestPage Page(List<LegalRequest> read, int take)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (read.Count <= take)
        {
            return new RequestPage(read, null);
        }

        read.RemoveRange(take, read.Count - take);
        return new RequestPage(read, Write(read[^1].Number.Value));
    }
}
