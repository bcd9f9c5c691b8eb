using System.Net;
using System.Text.Json;
using LegalBot.Core.Stores;
using Microsoft.Graph.Sites.Item.Lists.Item.Items;
using Microsoft.Kiota.Abstractions;

namespace LegalBot.Store.Graph;

/// <summary>
/// A list's changed items since a delta token, each as the caller read it from its latest state, the deleted item ids,
/// and the token to read on from.
/// </summary>
/// <param name="Restarted">The token was no longer served (410 Gone): the items are the whole list, to replace what the caller held.</param>
internal sealed record DeltaChanges<T>(IReadOnlyDictionary<long, T> Changed, IReadOnlySet<long> Deleted, string Token, bool Restarted);

/// <summary>The delta feed of a list's items (<c>…/items/delta</c>), as the listItem delta documentation describes it.</summary>
public sealed partial class GraphRequestStore
{
    /// <summary>
    /// Follows the delta feed of <paramref name="items"/> from <paramref name="cursor"/> (a delta token; null for the
    /// whole list) to its end, one round trip per page, selecting only <paramref name="columns"/>. A token Graph no
    /// longer serves (410 Gone) starts a new enumeration of the whole list, marked <see cref="DeltaChanges{T}.Restarted"/>.
    /// Each changed item is read by <paramref name="read"/> as its page arrives, so only what that keeps is held.
    /// </summary>
    private async Task<DeltaChanges<T>> ReadDeltaAsync<T>(
        ItemsRequestBuilder items, string[] columns, string? cursor, Func<long, JsonElement, T> read, string what, CancellationToken cancellationToken)
    {
        var changed = new Dictionary<long, T>();
        var deleted = new HashSet<long>();
        var token = cursor;
        var restarted = false;
        while (true)
        {
            var reply = await calls.SendAsync(DeltaRequest(items, columns, token), cancellationToken);
            if (reply.Status == (int)HttpStatusCode.Gone && token is not null)
            {
                changed.Clear();
                deleted.Clear();
                token = null;
                restarted = true;
                continue;
            }

            var page = Require(reply, what);
            foreach (var item in Values(page))
            {
                // The same item can appear more than once: the last occurrence is its latest state.
                var itemId = RequestItems.ItemIdOf(item);
                if (item.TryGetProperty("deleted", out _))
                {
                    changed.Remove(itemId);
                    deleted.Add(itemId);
                }
                else
                {
                    deleted.Remove(itemId);
                    changed[itemId] = read(itemId, item);
                }
            }

            if (DeltaTokenOf(page, "@odata.nextLink") is { } next)
            {
                token = next;
                continue;
            }

            var latest = DeltaTokenOf(page, "@odata.deltaLink")
                ?? throw new RequestStoreUnavailableException("Microsoft Graph answered a delta query without a delta link.");
            return new DeltaChanges<T>(changed, deleted, latest, restarted);
        }
    }

    /// <summary>No token: the whole list (<c>delta()</c>); a token: what changed since (<c>delta(token='…')</c>).</summary>
    private static RequestInformation DeltaRequest(ItemsRequestBuilder items, string[] columns, string? token)
    {
        string[] select = ["id"];
        string[] expand = [ExpandFields(columns)];
        return token is null
            ? items.Delta.ToGetRequestInformation(q =>
            {
                q.QueryParameters.Select = select;
                q.QueryParameters.Expand = expand;
            })
            : items.DeltaWithToken(token).ToGetRequestInformation(q =>
            {
                q.QueryParameters.Select = select;
                q.QueryParameters.Expand = expand;
            });
    }

    /// <summary>The <c>token</c> a next or delta link carries (never the link itself: the next request is built here).</summary>
    private static string? DeltaTokenOf(JsonElement page, string linkName)
    {
        if (!page.TryGetProperty(linkName, out var link) || link.GetString() is not { } text || !Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return null;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length == 2 && parts[0] == "token")
            {
                return Uri.UnescapeDataString(parts[1]);
            }
        }

        return null;
    }
}
