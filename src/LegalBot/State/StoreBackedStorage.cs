using LegalBot.Core.Stores;
using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace LegalBot.State;

/// <summary>
/// Bot Builder state (ConversationState, UserState) kept in the store backend's <see cref="IStateStore"/>. Behaves
/// like Bot Builder's <see cref="MemoryStorage"/>: reads return only the keys found, as <see cref="JObject"/>s
/// (BotState converts them to the property types); writes honour the ETag of <see cref="IStoreItem"/> values and
/// of JObjects read back with one (null, empty or "*" means last write wins), and a stale one fails the whole
/// batch with <see cref="EtagConflictException"/>.
/// </summary>
/// <remarks>
/// Stored JSON never names .NET types (<see cref="TypeNameHandling.None"/>), so the store cannot choose what gets
/// instantiated. The store keeps the etag beside the document: a value written with an ETag property is stored
/// with it null and read back with the store's current etag in it. A null value in a write deletes its key once
/// the batch's writes have landed (Bot Builder deletes through <see cref="DeleteAsync"/> instead).
/// </remarks>
public sealed class StoreBackedStorage(IStateStore store) : IStorage
{
    private const string ETagProperty = "ETag";

    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.None,
        ReferenceLoopHandling = ReferenceLoopHandling.Error,
        NullValueHandling = NullValueHandling.Include,
        DateParseHandling = DateParseHandling.None,
        MaxDepth = 64,
    });

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var items = new Dictionary<string, object>(keys.Length, StringComparer.Ordinal);
        if (keys.Length == 0)
        {
            return items;
        }

        foreach (var document in await store.ReadAsync(keys, cancellationToken))
        {
            var state = Parse(document.Json);
            if (state.ContainsKey(ETagProperty))
            {
                state[ETagProperty] = document.ETag;
            }

            items[document.Key] = state;
        }

        return items;
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        var writes = new List<StateWrite>(changes.Count);
        var deletes = new List<string>();
        foreach (var (key, value) in changes)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(changes));
            if (value is null)
            {
                deletes.Add(key);
                continue;
            }

            var state = JObject.FromObject(value, Serializer);
            string? expected = null;
            if (TryGetExpectedETag(value, out var etag))
            {
                expected = string.IsNullOrEmpty(etag) ? null : etag;
                state[ETagProperty] = null;
            }

            writes.Add(new StateWrite(key, state.ToString(Formatting.None), expected));
        }

        try
        {
            await store.WriteAsync(writes, cancellationToken);
        }
        catch (StateConflictException conflict)
        {
            throw new EtagConflictException($"Etag conflict. Original: {conflict.ExpectedETag} Current: {conflict.CurrentETag}", conflict);
        }

        if (deletes.Count > 0)
        {
            await store.DeleteAsync(deletes, cancellationToken);
        }
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return keys.Length == 0 ? Task.CompletedTask : store.DeleteAsync(keys, cancellationToken);
    }

    private static bool TryGetExpectedETag(object value, out string? expected)
    {
        switch (value)
        {
            case IStoreItem item:
                expected = item.ETag;
                return true;
            case JObject json when json.TryGetValue(ETagProperty, StringComparison.Ordinal, out var token):
                expected = token.Type == JTokenType.String ? token.Value<string>() : null;
                return true;
            default:
                expected = null;
                return false;
        }
    }

    private static JObject Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json))
        {
            DateParseHandling = DateParseHandling.None,
            MaxDepth = 64,
        };
        return JObject.Load(reader);
    }
}
