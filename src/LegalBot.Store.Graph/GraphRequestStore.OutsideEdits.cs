using System.Globalization;
using System.Net;
using System.Text.Json;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using static LegalBot.Store.Graph.ListSchema;

namespace LegalBot.Store.Graph;

/// <summary>
/// Edits made in Microsoft Lists, found through the requests list's delta feed (<c>…/items/delta</c>): one round trip
/// per page of changed items, whatever the list's size, selecting only the columns that tell an edit from the bot's
/// own writes, then one GET per edited item for who edited it (the delta feed does not name the editor).
/// </summary>
public sealed partial class GraphRequestStore : IOutsideEdits
{
    /// <summary>What the delta feed needs to tell an edit made outside the bot from the bot's own writes.</summary>
    private static readonly string[] EditColumns = [Requests.State, Requests.AssigneeId, Requests.SubmissionKey, Requests.ExactValues];

    private static readonly string[] EditedItemProperties = ["id", "eTag", "lastModifiedBy", "lastModifiedDateTime"];

    /// <summary>
    /// Follows the delta feed from <paramref name="cursor"/> (a delta token) to its end. A token Graph no longer
    /// serves (410 Gone) starts a new enumeration of the whole list, which finds every edit not yet taken in, however
    /// old: an item is an edit while its columns differ from what the workflow recorded, not because it changed.
    /// </summary>
    public async Task<OutsideEditBatch> ReadAsync(string? cursor, CancellationToken cancellationToken = default)
    {
        var changes = await ReadDeltaAsync(RequestItemsApi, EditColumns, cursor, static (_, item) => item, "read the list's changes", cancellationToken);
        if (changes.Restarted)
        {
            Log.DeltaRestarted(logger);
        }

        var edits = new List<OutsideEdit>();
        foreach (var (itemId, item) in changes.Changed)
        {
            if (IsRequestItem(item) && RequestItems.IsEditedOutside(item) && await ReadEditAsync(itemId, cancellationToken) is { } edit)
            {
                edits.Add(edit);
            }
        }

        return new OutsideEditBatch(edits, [.. changes.Deleted.Order().Select(id => new OutsideDeletion(RequestItems.NumberOf(id)))], changes.Token);
    }

    /// <summary>One PATCH of the state and assignee columns, If-Match the revision the edit was read at.</summary>
    public async Task<bool> RevertAsync(OutsideEdit edit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var update = FieldsApi(RequestItems.ItemId(edit.Number)).ToPatchRequestInformation(new Microsoft.Graph.Models.FieldValueSet());
        SetJson(update, RequestItems.RecordedColumns(edit.Recorded));
        update.Headers.Add("If-Match", edit.Revision);
        var reply = await calls.SendAsync(update, cancellationToken);
        if (reply.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return false;
        }

        Require(reply, "put a request back");
        Log.EditReverted(logger, edit.Number, edit.Recorded.State);
        return true;
    }

    /// <summary>The edited item as it is now, with who edited it; null when it no longer differs (taken in or put back meanwhile) or is gone.</summary>
    private async Task<OutsideEdit?> ReadEditAsync(long itemId, CancellationToken cancellationToken)
    {
        var request = RequestItemsApi[itemId.ToString(CultureInfo.InvariantCulture)].ToGetRequestInformation(q =>
        {
            q.QueryParameters.Select = EditedItemProperties;
            q.QueryParameters.Expand = [ExpandFields(RequestItems.RequestColumns)];
        });
        var reply = await calls.SendAsync(request, cancellationToken);
        if (reply.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }

        var item = Require(reply, "read an edited request");
        if (!RequestItems.IsEditedOutside(item) || RequestItems.ETagOf(item) is not { } revision)
        {
            return null;
        }

        var recorded = RequestItems.ReadRequest(item);
        return new OutsideEdit(
            $"{recorded.Number}@{RevisionNumber(revision)}",
            recorded,
            RequestItems.ListStateOf(item),
            RequestItems.AssigneeEditedOutside(item),
            EditorOf(item),
            item.TryGetProperty("lastModifiedDateTime", out var at) && at.TryGetDateTimeOffset(out var when) ? when : recorded.UpdatedAt,
            revision);
    }

    private static bool IsRequestItem(JsonElement item) =>
        item.TryGetProperty("fields", out var fields) && RequestItems.Text(fields, Requests.SubmissionKey) is not null;

    /// <summary>The person in <c>lastModifiedBy</c>; null for an app (SharePoint names no user id for it).</summary>
    private static Person? EditorOf(JsonElement item) =>
        item.TryGetProperty("lastModifiedBy", out var by) && by.TryGetProperty("user", out var user)
            && RequestItems.Text(user, "id") is { } id
            ? new Person(id, RequestItems.Text(user, "displayName") ?? "", RequestItems.Text(user, "email"))
            : null;

    /// <summary>The version in an item's ETag (<c>"{guid},7"</c> → 7), which names an edit together with the request number.</summary>
    private static string RevisionNumber(string etag)
    {
        var comma = etag.LastIndexOf(',');
        return comma < 0 ? etag.Trim('"') : etag[(comma + 1)..].Trim('"');
    }
}
