using System.Text.Json;
using LegalBot.Core.Stores;

namespace LegalBot.Application.Export;

/// <summary>Where an export stands between its consent card and the upload.</summary>
public enum ExportStatus
{
    /// <summary>The consent card is out; Accept uploads it.</summary>
    Offered,

    /// <summary>An Accept is uploading it now.</summary>
    Uploading,

    /// <summary>Uploaded; another Accept of the same card sends nothing.</summary>
    Sent,
}

/// <summary>
/// An export offered on a consent card, kept on the server under the id the card's <c>acceptContext</c> carries: who
/// asked and the period, fixed when they asked (so "last 30 days" means the same days when they accept). Not the
/// file: it is written again from the store on Accept, so no copy of privileged data waits in bot state.
/// </summary>
public sealed record PendingExport(
    string RequesterAadObjectId,
    string PeriodName,
    DateTimeOffset From,
    DateTimeOffset To,
    DateOnly FirstDay,
    DateOnly LastDay,
    DateTimeOffset OfferedAt,
    ExportStatus Status = ExportStatus.Offered,
    DateTimeOffset? UploadStartedAt = null);

/// <summary>The pending exports in the bot's state store, one document each, changed with etags so two Accepts cannot both upload.</summary>
public sealed class PendingExports(IStateStore state)
{
    private const string KeyPrefix = "export-consent/";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A fresh id: 128 random bits as 32 lowercase hex digits.</summary>
    public static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether <paramref name="id"/> could be one of ours (anything else is not looked up).</summary>
    public static bool IsWellFormed(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);

    /// <summary>Saves the export under its id whatever is stored there (a new offer, or the end of this turn's claimed upload).</summary>
    public async Task SaveAsync(string id, PendingExport export, CancellationToken cancellationToken) =>
        await state.WriteAsync([new StateWrite(KeyPrefix + id, JsonSerializer.Serialize(export, Json))], cancellationToken);

    /// <summary>The export and its etag, or null when there is none under the id.</summary>
    public async Task<(PendingExport Export, string ETag)?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var found = await state.ReadAsync([KeyPrefix + id], cancellationToken);
        return found.Count == 1 && JsonSerializer.Deserialize<PendingExport>(found[0].Json, Json) is { } export
            ? (export, found[0].ETag)
            : null;
    }

    /// <summary>Replaces the export if it still has <paramref name="etag"/>; false when another turn changed it first.</summary>
    public async Task<bool> TryReplaceAsync(string id, PendingExport export, string etag, CancellationToken cancellationToken)
    {
        try
        {
            await state.WriteAsync([new StateWrite(KeyPrefix + id, JsonSerializer.Serialize(export, Json), etag)], cancellationToken);
            return true;
        }
        catch (StateConflictException)
        {
            return false;
        }
    }

    public Task DeleteAsync(string id, CancellationToken cancellationToken) => state.DeleteAsync([KeyPrefix + id], cancellationToken);

    /// <summary>Removes at most <paramref name="max"/> exports last written before <paramref name="before"/>; how many went.</summary>
    public Task<int> DeleteWrittenBeforeAsync(DateTimeOffset before, int max, CancellationToken cancellationToken) =>
        state.DeleteWrittenBeforeAsync(KeyPrefix, before, max, cancellationToken);
}
