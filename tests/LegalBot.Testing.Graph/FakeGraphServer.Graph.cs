using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LegalBot.Testing.Graph;

/// <summary>The Graph v1.0 routes.</summary>
public sealed partial class FakeGraphServer
{
    private const string HonorNonIndexed = "HonorNonIndexedQueriesWarningMayFailRandomly";
    private const int DefaultPageSize = 200;
    private const int MaxBatchRequests = 20;

    private static readonly HashSet<string> ListItemProperties = new(StringComparer.Ordinal)
    {
        "id", "eTag", "createdDateTime", "lastModifiedDateTime", "webUrl", "fields", "contentType", "createdBy", "lastModifiedBy", "parentReference",
    };

    private static readonly HashSet<string> ListProperties = new(StringComparer.Ordinal)
    {
        "id", "eTag", "displayName", "name", "description", "createdDateTime", "lastModifiedDateTime", "webUrl", "list", "parentReference", "columns",
    };

    private static readonly HashSet<string> ColumnWritable = new(StringComparer.Ordinal)
    {
        "name", "displayName", "description", "indexed", "required", "enforceUniqueValues", "hidden", "text", "number", "dateTime", "boolean", "choice",
    };

    private static readonly Dictionary<string, HashSet<string>> FacetProperties = new(StringComparer.Ordinal)
    {
        ["text"] = ["allowMultipleLines", "appendChangesToExistingText", "linesForEditing", "maxLength", "textType"],
        ["number"] = ["decimalPlaces", "displayAs", "maximum", "minimum"],
        ["dateTime"] = ["displayAs", "format"],
        ["boolean"] = [],
        ["choice"] = ["allowTextEntry", "choices", "displayAs"],
    };

    /// <summary>One Graph request, outer or batch part. <paramref name="rawQuery"/> is still percent-encoded.</summary>
    private GraphResult Graph(string method, string path, string rawQuery, IReadOnlyDictionary<string, string> headers, string? body, bool inBatch = false)
    {
        try
        {
            if (!inBatch)
            {
                var authorization = headers.GetValueOrDefault("Authorization") ?? "";
                if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || authorization.Length == "Bearer ".Length)
                {
                    return GraphResult.Error(401, "InvalidAuthenticationToken", "Access token is empty.", null, null, time.GetUtcNow());
                }

                if (!issuedTokens.ContainsKey(authorization["Bearer ".Length..]))
                {
                    return GraphResult.Error(401, "InvalidAuthenticationToken", "Access token validation failure.", null, null, time.GetUtcNow());
                }
            }

            var query = Query.Parse(rawQuery);
            var segments = path["/v1.0/".Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
            var route = $"{method} {path}";
            if (DriveRoute(method, path, query, body, route) is { } drive)
            {
                return drive;
            }

            if (SharesRoute(method, segments, query, route) is { } shared)
            {
                return shared;
            }

            return (method, segments) switch
            {
                ("POST", ["$batch"]) when !inBatch => Batch(body, query, route),
                ("GET", ["groups", var group, var relation, var cast])
                    when string.Equals(relation, "transitiveMembers", StringComparison.OrdinalIgnoreCase) && cast is "microsoft.graph.user" or "graph.user" =>
                    WithQuery(query, route, ["select", "count", "top", "skiptoken"], () => TransitiveUsers(group, path, query, headers)),
                ("POST", ["users", var user, "teamwork", "installedApps"]) => WithQuery(query, route, [], () => InstallApp(user, Body(body))),
                ("GET", ["users", var user, "teamwork", "installedApps"]) => WithQuery(query, route, ["expand", "filter"], () => InstalledApps(user, query)),
                ("GET", ["users", var user, "teamwork", "installedApps", var installation, "chat"]) => WithQuery(query, route, ["select"], () => InstallationChat(user, installation, query)),
                ("POST", ["users", var user, "teamwork", "sendActivityNotification"]) => WithQuery(query, route, [], () => SendActivityNotification(user, Body(body))),
                ("GET", ["users", var user]) => WithQuery(query, route, ["select"], () => GetUser(user, query)),
                ("GET", ["users", var user, "manager"]) => WithQuery(query, route, ["select"], () => GetManager(user, query)),
                ("GET", ["sites", var site]) => WithQuery(query, route, [], () => GraphResult.Json(200, SiteJson(Site(site)))),
                ("GET", ["sites", var site, "lists"]) => WithQuery(query, route, ["select", "expand"], () => GetLists(Site(site), query)),
                ("POST", ["sites", var site, "lists"]) => WithQuery(query, route, [], () => CreateList(Site(site), Body(body))),
                ("GET", ["sites", var site, "lists", var list]) => WithQuery(query, route, ["select", "expand"], () => GraphResult.Json(200, ListJson(List(site, list), query))),
                ("GET", ["sites", var site, "lists", var list, "columns"]) => WithQuery(query, route, [], () => GraphResult.Json(200, Collection(List(site, list).AllColumns.Select(c => (JsonNode)c.ToJson())))),
                ("POST", ["sites", var site, "lists", var list, "columns"]) => WithQuery(query, route, [], () => CreateColumn(List(site, list), Body(body))),
                ("GET", ["sites", var site, "lists", var list, "columns", var column]) => WithQuery(query, route, [], () => GraphResult.Json(200, Column(List(site, list), column).ToJson())),
                ("PATCH", ["sites", var site, "lists", var list, "columns", var column]) => WithQuery(query, route, [], () => UpdateColumn(List(site, list), Column(List(site, list), column), Body(body))),
                ("GET", ["sites", var site, "lists", var list, "items"]) => WithQuery(query, route, ["expand", "select", "filter", "orderby", "top", "skiptoken"], () => GetItems(List(site, list), path, query, headers)),
                ("POST", ["sites", var site, "lists", var list, "items"]) => WithQuery(query, route, [], () => PostItem(List(site, list), Body(body))),
                ("GET", ["sites", var site, "lists", var list, "items", var delta]) when DeltaFunction(delta, out var inPath) =>
                    WithQuery(query, route, ["token", "expand", "select"], () => Delta(List(site, list), path, query, inPath)),
                ("GET", ["sites", var site, "lists", var list, "items", var item]) => WithQuery(query, route, ["expand", "select"], () => GetItem(List(site, list), item, query)),
                ("DELETE", ["sites", var site, "lists", var list, "items", var item]) => WithQuery(query, route, [], () => DeleteItem(List(site, list), item, headers)),
                ("GET", ["sites", var site, "lists", var list, "items", var item, "fields"]) => WithQuery(query, route, ["select"], () => GetFields(List(site, list), item, query)),
                ("PATCH", ["sites", var site, "lists", var list, "items", var item, "fields"]) => WithQuery(query, route, [], () => PatchFields(List(site, list), item, Body(body), headers)),
                _ => NotImplemented($"route {method} {path}"),
            };
        }
        catch (ThrottledException)
        {
            return GraphResult.Throttled(null, time.GetUtcNow());
        }
        catch (GraphErrorException error)
        {
            return GraphResult.Error(error.Status, error.Code, error.Message, error.InnerCode, null, time.GetUtcNow());
        }
        catch (NotImplementedByFakeException missing)
        {
            return NotImplemented($"{method} {path}: {missing.Message}");
        }
    }

    /// <summary>Refuses query options the route does not implement before running it.</summary>
    private GraphResult WithQuery(Query query, string route, string[] allowed, Func<GraphResult> handler)
    {
        var extra = query.Keys.Where(k => !allowed.Contains(k, StringComparer.Ordinal)).ToList();
        return extra.Count > 0 ? NotImplemented($"{route}: query option(s) {string.Join(", ", extra.Select(e => "$" + e))}") : handler();
    }

    private static JsonObject Body(string? body)
    {
        try
        {
            return JsonNode.Parse(body ?? "") as JsonObject ?? throw new GraphErrorException(400, "invalidRequest", "The request body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw new GraphErrorException(400, "invalidRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
        }
    }

    private static void OnlyKnown(JsonObject body, IEnumerable<string> known, string where)
    {
        // OData control information (@odata.type and the like) is accepted wherever Graph accepts a resource.
        var extra = body.Select(p => p.Key).Where(k => !k.StartsWith("@odata.", StringComparison.Ordinal) && !known.Contains(k, StringComparer.Ordinal)).ToList();
        if (extra.Count > 0)
        {
            throw new NotImplementedByFakeException($"body field(s) {string.Join(", ", extra)} in {where}");
        }
    }

    private FakeSite Site(string id)
    {
        lock (sites)
        {
            return sites.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase))
                ?? throw new GraphErrorException(404, "itemNotFound", "Requested site could not be found");
        }
    }

    private FakeList List(string site, string list) =>
        Site(site).FindList(list) ?? throw new GraphErrorException(404, "itemNotFound", "The specified list was not found");

    private static FakeColumn Column(FakeList list, string idOrName) =>
        list.AllColumns.FirstOrDefault(c => c.Id == idOrName || c.Name == idOrName)
        ?? throw new GraphErrorException(404, "itemNotFound", "The specified column was not found");

    private JsonObject SiteJson(FakeSite site) => new()
    {
        ["@odata.context"] = $"{GraphBaseUrl}/$metadata#sites/$entity",
        ["createdDateTime"] = "2024-01-01T00:00:00Z",
        ["description"] = "",
        ["id"] = site.Id,
        ["lastModifiedDateTime"] = "2024-01-01T00:00:00Z",
        ["name"] = site.DisplayName,
        ["webUrl"] = site.WebUrl,
        ["displayName"] = site.DisplayName,
        ["root"] = new JsonObject(),
        ["siteCollection"] = new JsonObject { ["hostname"] = "contoso.sharepoint.com" },
    };

    private static JsonObject Collection(IEnumerable<JsonNode> values) => new() { ["value"] = new JsonArray([.. values]) };

    private static GraphResult GetLists(FakeSite site, Query query) =>
        GraphResult.Json(200, Collection(site.AllLists.Select(l => (JsonNode)ListJson(l, query))));

    private static JsonObject ListJson(FakeList list, Query query)
    {
        var json = list.ToJson();
        if (query.Get("expand") is { } expand)
        {
            if (expand != "columns")
            {
                throw new NotImplementedByFakeException($"$expand={expand} on a list");
            }

            json["columns"] = new JsonArray([.. list.AllColumns.Select(c => (JsonNode)c.ToJson())]);
        }

        if (query.Get("select") is { } select)
        {
            var chosen = Split(select);
            foreach (var name in chosen.Where(n => !ListProperties.Contains(n)))
            {
                throw new GraphErrorException(400, "BadRequest", $"Could not find a property named '{name}' on type 'microsoft.graph.list'.");
            }

            foreach (var key in json.Select(p => p.Key).ToList())
            {
                if (key != "@odata.etag" && !chosen.Contains(key) && !(key == "columns" && query.Get("expand") is not null))
                {
                    json.Remove(key);
                }
            }
        }

        return json;
    }

    private GraphResult CreateList(FakeSite site, JsonObject body)
    {
        OnlyKnown(body, ["displayName", "description", "columns", "list"], "POST lists");
        var displayName = body["displayName"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(displayName))
        {
            throw new GraphErrorException(400, "invalidRequest", "The list displayName is required.");
        }

        var template = "genericList";
        if (body["list"] is JsonObject facet)
        {
            OnlyKnown(facet, ["template", "contentTypesEnabled", "hidden"], "POST lists: list");
            template = facet["template"]?.GetValue<string>() ?? template;
            if (template != "genericList")
            {
                throw new NotImplementedByFakeException($"list template '{template}'");
            }
        }

        lock (site.Lists)
        {
            if (site.Lists.Any(l => string.Equals(l.DisplayName, displayName, StringComparison.OrdinalIgnoreCase)))
            {
                throw new GraphErrorException(409, "nameAlreadyExists", "A list, survey, discussion board, or document library with the specified title already exists in this Web site.");
            }

            var list = new FakeList(site, displayName, template, time.GetUtcNow());
            foreach (var column in body["columns"]?.AsArray() ?? [])
            {
                AddColumn(list, column as JsonObject ?? throw new GraphErrorException(400, "invalidRequest", "A column must be an object."));
            }

            site.Lists.Add(list);
            return GraphResult.Json(201, list.ToJson());
        }
    }

    private GraphResult CreateColumn(FakeList list, JsonObject body)
    {
        lock (list)
        {
            return GraphResult.Json(201, AddColumn(list, body).ToJson());
        }
    }

    private FakeColumn AddColumn(FakeList list, JsonObject body)
    {
        OnlyKnown(body, ColumnWritable, "a column definition");
        var name = body["name"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new GraphErrorException(400, "invalidRequest", "The column name is required.");
        }

        var facets = body.Where(p => FacetProperties.ContainsKey(p.Key)).ToList();
        if (facets.Count != 1)
        {
            throw new GraphErrorException(400, "invalidRequest", $"Column '{name}' must have exactly one type.");
        }

        var (facetName, facetNode) = facets[0];
        var facet = facetNode as JsonObject ?? [];
        OnlyKnown(facet, FacetProperties[facetName], $"the {facetName} facet");
        var kind = facetName switch
        {
            "text" => ColumnKind.Text,
            "number" => ColumnKind.Number,
            "dateTime" => ColumnKind.DateTime,
            "boolean" => ColumnKind.Boolean,
            _ => ColumnKind.Choice,
        };
        if (list.Columns.Any(c => c.Kind != ColumnKind.System && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new GraphErrorException(409, "nameAlreadyExists", $"A duplicate field name \"{name}\" was found.");
        }

        var displayName = body["displayName"]?.GetValue<string>() ?? name;
        while (list.Columns.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            // A name taken by a built-in column (Author, Created, …) gets a digit appended, as SharePoint makes internal names unique.
            name += "0";
        }

        var column = new FakeColumn(name, kind)
        {
            DisplayName = displayName,
            Description = body["description"]?.GetValue<string>() ?? "",
            Required = body["required"]?.GetValue<bool>() ?? false,
            EnforceUniqueValues = body["enforceUniqueValues"]?.GetValue<bool>() ?? false,
            Hidden = body["hidden"]?.GetValue<bool>() ?? false,
            Facet = (JsonObject)facet.DeepClone(),
        };
        if (body["indexed"]?.GetValue<bool>() == true || column.EnforceUniqueValues)
        {
            RequireIndexRoom(list);
            column.Indexed = true;
        }

        list.Columns.Add(column);
        return column;
    }

    private void RequireIndexRoom(FakeList list)
    {
        if (list.Columns.Count(c => c.Indexed && c.Kind != ColumnKind.System) >= MaxIndexedColumns)
        {
            throw new GraphErrorException(400, "invalidRequest", $"The maximum number of indexed columns ({MaxIndexedColumns.ToString(CultureInfo.InvariantCulture)}) has been reached for this list.");
        }
    }

    private GraphResult UpdateColumn(FakeList list, FakeColumn column, JsonObject body)
    {
        OnlyKnown(body, ["displayName", "description", "indexed", "required", "enforceUniqueValues"], "PATCH a column");
        if (column.ReadOnly)
        {
            throw new GraphErrorException(400, "invalidRequest", $"Column '{column.Name}' is read-only.");
        }

        lock (list)
        {
            if (body["indexed"]?.GetValue<bool>() is { } indexed)
            {
                if (indexed && !column.Indexed)
                {
                    RequireIndexRoom(list);
                }

                column.Indexed = indexed;
            }

            column.DisplayName = body["displayName"]?.GetValue<string>() ?? column.DisplayName;
            column.Description = body["description"]?.GetValue<string>() ?? column.Description;
            column.Required = body["required"]?.GetValue<bool>() ?? column.Required;
            column.EnforceUniqueValues = body["enforceUniqueValues"]?.GetValue<bool>() ?? column.EnforceUniqueValues;
            return GraphResult.Json(200, column.ToJson());
        }
    }

    private GraphResult GetItems(FakeList list, string path, Query query, IReadOnlyDictionary<string, string> headers)
    {
        var (fieldSelect, expandFields) = Expand(query);
        var select = ItemSelect(query);
        var filter = query.Get("filter") is { } text ? FilterParser.Parse(text) : null;
        var order = query.Get("orderby") is { } orderText ? OrderBy(orderText) : [];
        CheckIndexes(list, (filter?.Columns() ?? []).Concat(order.Select(o => o.Column)), headers);
        var top = DefaultPageSize;
        if (query.Get("top") is { } topText && (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top < 1))
        {
            throw new GraphErrorException(400, "invalidRequest", $"Invalid $top value '{topText}'.");
        }

        // SharePoint's skiptoken is a keyset, not an offset: "Paged=TRUE&p_ID=<last id>" (with p_<Column>=<value>
        // for each sort column), so items added before the position after a page was read neither repeat nor hide items.
        Dictionary<string, string>? after = null;
        if (query.Get("skiptoken") is { } skip && !TryReadSkipToken(skip, out after))
        {
            throw new GraphErrorException(400, "invalidRequest", "The $skiptoken is not valid.");
        }

        List<FakeItem> matching;
        Comparison<FakeItem> compare;
        lock (list)
        {
            var kinds = order.Select(o => list.Column(o.Column)!.Kind).ToList();
            compare = (a, b) => CompareKeys(order, kinds, Key(a, order), a.Id, Key(b, order), b.Id);
            matching = [.. list.Items.Values.Where(i => filter?.Matches(i, list) ?? true)];
            matching.Sort(compare);
            if (after is not null)
            {
                var lastId = int.Parse(after["ID"], CultureInfo.InvariantCulture);
                var lastKey = order.Select(o => after.TryGetValue(o.Column, out var v) ? JsonNode.Parse(v) : null).ToList();
                matching = [.. matching.Where(i => CompareKeys(order, kinds, Key(i, order), i.Id, lastKey, lastId) > 0)];
            }
        }

        var taken = matching.Take(top).ToList();
        var page = taken.Select(i => (JsonNode)ItemJson(list, i, select, expandFields, fieldSelect)).ToList();
        var result = new JsonObject
        {
            ["@odata.context"] = $"{GraphBaseUrl}/$metadata#sites('{list.Site.Id}')/lists('{list.Id}')/items",
            ["value"] = new JsonArray([.. page]),
        };
        if (matching.Count > top)
        {
            result["@odata.nextLink"] = NextLink(path, query, taken[^1], order);
        }

        return GraphResult.Json(200, result);
    }

    private static List<JsonNode?> Key(FakeItem item, List<(string Column, bool Descending)> order) =>
        [.. order.Select(o => item.Value(o.Column)?.DeepClone())];

    /// <summary>Compares two items' sort keys in the query's order, the item id (ascending) breaking ties.</summary>
    private static int CompareKeys(List<(string Column, bool Descending)> order, List<ColumnKind> kinds, List<JsonNode?> a, int aId, List<JsonNode?> b, int bId)
    {
        for (var i = 0; i < order.Count; i++)
        {
            var c = CompareValues(kinds[i], a[i], b[i]);
            if (c != 0)
            {
                return order[i].Descending ? -c : c;
            }
        }

        return aId.CompareTo(bId);
    }

    private string NextLink(string path, Query query, FakeItem last, List<(string Column, bool Descending)> order)
    {
        var parts = query.Raw.Where(p => p.Key != "skiptoken").Select(p => p.RawPair).ToList();
        var token = new StringBuilder("Paged=TRUE");
        foreach (var (column, _) in order.Where(o => o.Column != "ID"))
        {
            token.Append("&p_").Append(column).Append('=').Append(Uri.EscapeDataString(last.Value(column)?.ToJsonString() ?? "null"));
        }

        token.Append("&p_ID=").Append(last.Id.ToString(CultureInfo.InvariantCulture));
        parts.Add("$skiptoken=" + Uri.EscapeDataString(Convert.ToBase64String(Encoding.UTF8.GetBytes(token.ToString()))));
        return $"{BaseUrl.ToString().TrimEnd('/')}{path}?{string.Join('&', parts)}";
    }

    private static bool TryReadSkipToken(string token, out Dictionary<string, string>? after)
    {
        after = null;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (!text.StartsWith("Paged=TRUE&", StringComparison.Ordinal))
            {
                return false;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in text["Paged=TRUE&".Length..].Split('&'))
            {
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                if (at < 3 || !pair.StartsWith("p_", StringComparison.Ordinal))
                {
                    return false;
                }

                values[pair[2..at]] = Uri.UnescapeDataString(pair[(at + 1)..]);
            }

            if (!values.TryGetValue("ID", out var id) || !int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return false;
            }

            foreach (var (key, value) in values.Where(v => v.Key != "ID"))
            {
                JsonNode.Parse(value);
            }

            after = values;
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }

    private static int CompareValues(ColumnKind kind, JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return (a is null ? 0 : 1) - (b is null ? 0 : 1);
        }

        return kind switch
        {
            ColumnKind.Number => a.GetValue<double>().CompareTo(b.GetValue<double>()),
            ColumnKind.Boolean => a.GetValue<bool>().CompareTo(b.GetValue<bool>()),
            ColumnKind.System when a.GetValueKind() == JsonValueKind.Number => a.GetValue<int>().CompareTo(b.GetValue<int>()),
            _ => string.Compare(a.GetValue<string>(), b.GetValue<string>(), StringComparison.OrdinalIgnoreCase),
        };
    }

    private void CheckIndexes(FakeList list, IEnumerable<string> columns, IReadOnlyDictionary<string, string> headers)
    {
        foreach (var name in columns.Distinct(StringComparer.Ordinal))
        {
            var column = list.Column(name) ?? throw new GraphErrorException(400, "invalidRequest", $"Column '{name}' does not exist. It may have been deleted by another user.");
            if (column.Indexed)
            {
                continue;
            }

            nonIndexedQueries.Enqueue($"{list.DisplayName}: {name}");
            if (list.ItemCount > ListViewThreshold)
            {
                throw LargeListRefusal == LargeListRefusal.TooManyResources
                    ? new GraphErrorException(400, "notSupported", "The request is unprocessable because it uses too many resources", "tooManyResources")
                    : new ThrottledException();
            }

            var prefer = headers.GetValueOrDefault("Prefer") ?? "";
            if (!prefer.Contains(HonorNonIndexed, StringComparison.OrdinalIgnoreCase))
            {
                throw new GraphErrorException(400, "invalidRequest", $"Field '{name}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: {HonorNonIndexed}' header to allow this, but be warned that such queries may fail on large lists.");
            }
        }
    }

    private static List<(string Column, bool Descending)> OrderBy(string text) =>
        [.. Split(text).Select(part =>
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length is < 1 or > 2 || (words.Length == 2 && words[1] is not "asc" and not "desc"))
            {
                throw new GraphErrorException(400, "invalidRequest", $"Invalid $orderby clause '{part}'.");
            }

            if (!words[0].StartsWith("fields/", StringComparison.Ordinal))
            {
                throw new NotImplementedByFakeException($"$orderby on listItem property '{words[0]}' (only fields/… is implemented)");
            }

            return (words[0]["fields/".Length..], words.Length == 2 && words[1] == "desc");
        })];

    /// <summary>Reads <c>$expand=fields</c> or <c>fields($select=a,b)</c> (with or without the dollar).</summary>
    private static (IReadOnlyCollection<string>? Select, bool Expand) Expand(Query query)
    {
        if (query.Get("expand") is not { } expand)
        {
            return (null, false);
        }

        if (expand == "fields")
        {
            return (null, true);
        }

        foreach (var prefix in new[] { "fields($select=", "fields(select=" })
        {
            if (expand.StartsWith(prefix, StringComparison.Ordinal) && expand.EndsWith(')'))
            {
                return (Split(expand[prefix.Length..^1]), true);
            }
        }

        throw new NotImplementedByFakeException($"$expand={expand} on list items");
    }

    private static IReadOnlyCollection<string>? ItemSelect(Query query)
    {
        if (query.Get("select") is not { } select)
        {
            return null;
        }

        var names = Split(select);
        foreach (var name in names.Where(n => !ListItemProperties.Contains(n)))
        {
            throw new GraphErrorException(400, "BadRequest", $"Could not find a property named '{name}' on type 'microsoft.graph.listItem'.");
        }

        return names;
    }

    private static List<string> Split(string text) => [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private JsonObject ItemJson(FakeList list, FakeItem item, IReadOnlyCollection<string>? select, bool expandFields, IReadOnlyCollection<string>? fieldSelect)
    {
        var json = new JsonObject
        {
            ["@odata.etag"] = item.ETag,
            ["createdDateTime"] = FakeColumn.FormatDate(item.Created),
            ["eTag"] = item.ETag,
            ["id"] = item.Id.ToString(CultureInfo.InvariantCulture),
            ["lastModifiedDateTime"] = FakeColumn.FormatDate(item.Modified),
            ["webUrl"] = $"{list.Site.WebUrl}/Lists/{Uri.EscapeDataString(list.DisplayName)}/{item.Id.ToString(CultureInfo.InvariantCulture)}_.000",
            ["createdBy"] = FakeItem.AppIdentity(),
            ["lastModifiedBy"] = item.ModifiedBy.DeepClone(),
            ["parentReference"] = new JsonObject { ["id"] = list.Id, ["siteId"] = list.Site.Id },
            ["contentType"] = new JsonObject { ["id"] = "0x0100" + list.Id.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant(), ["name"] = "Item" },
        };
        if (select is not null)
        {
            foreach (var key in json.Select(p => p.Key).ToList())
            {
                if (key != "@odata.etag" && !select.Contains(key))
                {
                    json.Remove(key);
                }
            }
        }

        if (expandFields)
        {
            json["fields@odata.context"] = $"{GraphBaseUrl}/$metadata#sites('{list.Site.Id}')/lists('{list.Id}')/items('{item.Id.ToString(CultureInfo.InvariantCulture)}')/fields/$entity";
            json["fields"] = item.Fields(fieldSelect);
        }

        return json;
    }

    private static FakeItem Item(FakeList list, string id)
    {
        lock (list)
        {
            return int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && list.Items.TryGetValue(number, out var item)
                ? item
                : throw new GraphErrorException(404, "itemNotFound", "The specified list item was not found.");
        }
    }

    private GraphResult GetItem(FakeList list, string id, Query query)
    {
        var (fieldSelect, expandFields) = Expand(query);
        var item = Item(list, id);
        lock (list)
        {
            var json = ItemJson(list, item, ItemSelect(query), expandFields, fieldSelect);
            json["@odata.context"] = $"{GraphBaseUrl}/$metadata#sites('{list.Site.Id}')/lists('{list.Id}')/items/$entity";
            return GraphResult.Json(200, json);
        }
    }

    private static GraphResult GetFields(FakeList list, string id, Query query)
    {
        var item = Item(list, id);
        lock (list)
        {
            return GraphResult.Json(200, item.Fields(query.Get("select") is { } select ? Split(select) : null));
        }
    }

    private GraphResult PostItem(FakeList list, JsonObject body)
    {
        OnlyKnown(body, ["fields"], "POST items");
        var fields = body["fields"] as JsonObject ?? [];
        var item = CreateItem(list, fields);
        lock (list)
        {
            var json = ItemJson(list, item, null, true, null);
            json["@odata.context"] = $"{GraphBaseUrl}/$metadata#sites('{list.Site.Id}')/lists('{list.Id}')/items/$entity";
            return GraphResult.Json(201, json);
        }
    }

    private FakeItem CreateItem(FakeList list, JsonObject fields)
    {
        lock (list)
        {
            var values = Validate(list, fields);
            RequireUnique(list, null, values);
            var item = new FakeItem(list.NextItemId++, time.GetUtcNow());
            foreach (var (name, value) in values)
            {
                item.Values[name] = value;
            }

            item.ChangeNumber = ++list.ChangeNumber;
            list.Items.Add(item.Id, item);
            list.Modified = item.Created;
            return item;
        }
    }

    private static Dictionary<string, JsonNode?> Validate(FakeList list, JsonObject fields)
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            var column = list.Column(name) ?? throw new GraphErrorException(400, "invalidRequest", $"Field '{name}' is not recognized");
            if (column.ReadOnly)
            {
                throw new GraphErrorException(400, "invalidRequest", $"Field '{name}' is read-only");
            }

            values[name] = column.Coerce(value);
        }

        return values;
    }

    private GraphResult PatchFields(FakeList list, string id, JsonObject body, IReadOnlyDictionary<string, string> headers)
    {
        var item = Item(list, id);
        lock (list)
        {
            RequireMatch(item, headers);
            var values = Validate(list, body);
            RequireUnique(list, item, values);
            foreach (var (name, value) in values)
            {
                item.Values[name] = value;
            }

            item.Version++;
            item.Modified = time.GetUtcNow();
            item.ModifiedBy = FakeItem.AppIdentity();
            item.ChangeNumber = ++list.ChangeNumber;
            return GraphResult.Json(200, item.Fields(null));
        }
    }

    /// <summary>
    /// A column with <c>enforceUniqueValues</c> refuses a value another item already has (text compared without regard
    /// to case, as SharePoint does): 409, and nothing is written.
    /// </summary>
    private static void RequireUnique(FakeList list, FakeItem? self, Dictionary<string, JsonNode?> values)
    {
        foreach (var (name, value) in values)
        {
            if (value is null || list.Column(name) is not { EnforceUniqueValues: true } column)
            {
                continue;
            }

            if (list.Items.Values.Any(other => other != self && other.Value(name) is { } taken
                && (column.Kind is ColumnKind.Text or ColumnKind.Choice
                    ? string.Equals(taken.GetValue<string>(), value.GetValue<string>(), StringComparison.OrdinalIgnoreCase)
                    : JsonNode.DeepEquals(taken, value))))
            {
                throw new GraphErrorException(409, "nameAlreadyExists", $"The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [{name}].");
            }
        }
    }

    private static void RequireMatch(FakeItem item, IReadOnlyDictionary<string, string> headers)
    {
        if (headers.GetValueOrDefault("If-Match") is not { } ifMatch)
        {
            return;
        }

        if (!ifMatch.Trim().StartsWith('"') && ifMatch.Trim() != "*")
        {
            throw new GraphErrorException(400, "invalidRequest", "ETag header is malformed. ETags must be quoted strings.", "malformedEntityTag");
        }

        if (!item.Matches(ifMatch))
        {
            throw new GraphErrorException(412, "resourceModified", "ETag does not match the current item's value.", "entityTagDoesNotMatch");
        }
    }

    private static GraphResult DeleteItem(FakeList list, string id, IReadOnlyDictionary<string, string> headers)
    {
        var item = Item(list, id);
        lock (list)
        {
            RequireMatch(item, headers);
            list.Items.Remove(item.Id);
            list.Deleted[item.Id] = ++list.ChangeNumber;
            return GraphResult.NoContent();
        }
    }

    /// <summary>
    /// The delta feed, as the listItem delta documentation describes it: without a token, every item (pages joined
    /// by <c>@odata.nextLink</c>, then an <c>@odata.deltaLink</c>); with <c>token=latest</c>, nothing but a deltaLink;
    /// with a token from a deltaLink, the latest state of each item changed since, deletions marked with the
    /// <c>deleted</c> facet. Tokens are opaque; one the list can no longer serve (see <see cref="FakeList.ExpireDeltaTokens"/>)
    /// gets 410 Gone with a Location header to start a new enumeration. Items in the feed carry no
    /// <c>createdBy</c>/<c>lastModifiedBy</c>: the delta API does not return them.
    /// </summary>
    private GraphResult Delta(FakeList list, string path, Query query, string? tokenInPath)
    {
        if (tokenInPath is not null && query.Get("token") is not null)
        {
            throw new GraphErrorException(400, "invalidRequest", "The token was given twice.");
        }

        var (fieldSelect, expandFields) = Expand(query);
        var select = (ItemSelect(query) ?? ListItemProperties).Where(p => p is not ("createdBy" or "lastModifiedBy")).ToList();
        var token = tokenInPath ?? query.Get("token");
        path = path[..(path.LastIndexOf('/') + 1)] + "delta";
        lock (list)
        {
            long since = -1, after = -1;
            if (token is not null && token != "latest" && !DeltaToken.TryRead(token, list.DeltaEpoch, out since, out after))
            {
                return GraphResult.Error(
                    410,
                    "resyncChangesApplyDifferences",
                    "The delta token is no longer valid: enumerate the list again and replace what you hold with what the service has.",
                    null,
                    new Dictionary<string, string> { ["Location"] = $"{BaseUrl.ToString().TrimEnd('/')}{path}" },
                    time.GetUtcNow());
            }

            var values = new JsonArray();
            var link = "@odata.deltaLink";
            var next = DeltaToken.Write(list.DeltaEpoch, list.ChangeNumber, -1);
            if (token != "latest")
            {
                var changed = list.Items.Values.Where(i => i.ChangeNumber > since && i.ChangeNumber > after).OrderBy(i => i.ChangeNumber).ToList();
                foreach (var item in changed.Take(DeltaPageSize))
                {
                    values.Add(ItemJson(list, item, select, expandFields, fieldSelect));
                }

                if (changed.Count > DeltaPageSize)
                {
                    link = "@odata.nextLink";
                    next = DeltaToken.Write(list.DeltaEpoch, since, changed[DeltaPageSize - 1].ChangeNumber);
                }
                else if (since >= 0)
                {
                    foreach (var (id, _) in list.Deleted.Where(d => d.Value > since).OrderBy(d => d.Value))
                    {
                        values.Add(new JsonObject
                        {
                            ["id"] = id.ToString(CultureInfo.InvariantCulture),
                            ["parentReference"] = new JsonObject { ["siteId"] = list.Site.Id },
                            ["deleted"] = new JsonObject { ["state"] = "deleted" },
                        });
                    }
                }
            }

            return GraphResult.Json(200, new JsonObject
            {
                ["@odata.context"] = $"{GraphBaseUrl}/$metadata#Collection(listItem)",
                ["value"] = values,
                [link] = $"{BaseUrl.ToString().TrimEnd('/')}{path}?token={Uri.EscapeDataString(next)}",
            });
        }
    }

    /// <summary>
    /// The delta function's path segment in its three forms: <c>delta</c> (the token, if any, in the query),
    /// <c>delta()</c>, and <c>delta(token='…')</c> as Graph's metadata declares the overload (quotes doubled inside).
    /// </summary>
    private static bool DeltaFunction(string segment, out string? token)
    {
        token = null;
        segment = Uri.UnescapeDataString(segment);
        if (segment is "delta" or "delta()")
        {
            return true;
        }

        const string Open = "delta(token='", Close = "')";
        if (segment.StartsWith(Open, StringComparison.Ordinal) && segment.EndsWith(Close, StringComparison.Ordinal) && segment.Length >= Open.Length + Close.Length)
        {
            token = segment[Open.Length..^Close.Length].Replace("''", "'", StringComparison.Ordinal);
            return true;
        }

        return false;
    }

    /// <summary>The fake's delta tokens: opaque to clients, naming the list's token epoch, the change they start after and a page position.</summary>
    private static class DeltaToken
    {
        public static string Write(int epoch, long since, long after) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{epoch};{since};{after}")));

        public static bool TryRead(string token, int epoch, out long since, out long after)
        {
            since = after = -1;
            try
            {
                var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(';');
                return parts.Length == 3
                    && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var issued) && issued == epoch
                    && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out since)
                    && long.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out after);
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }

    /// <summary>JSON batching: at most 20 requests, ids unique, dependsOn honoured (a failed dependency gives 424).</summary>
    private GraphResult Batch(string? text, Query query, string route)
    {
        if (query.Keys.Count > 0)
        {
            return NotImplemented($"{route}: query option(s) on $batch");
        }

        var body = Body(text);
        OnlyKnown(body, ["requests"], "$batch");
        var parts = body["requests"] as JsonArray ?? throw new GraphErrorException(400, "invalidRequest", "The batch request must have a 'requests' array.");
        if (parts.Count > MaxBatchRequests)
        {
            throw new GraphErrorException(400, "invalidRequest", $"The number of requests in a batch exceeds the limit of {MaxBatchRequests.ToString(CultureInfo.InvariantCulture)}.");
        }

        var pending = new List<(string Id, JsonObject Part, string[] DependsOn)>();
        foreach (var node in parts)
        {
            var part = node as JsonObject ?? throw new GraphErrorException(400, "invalidRequest", "Each batch request must be an object.");
            OnlyKnown(part, ["id", "method", "url", "headers", "body", "dependsOn"], "a $batch request");
            var id = part["id"]?.GetValue<string>() ?? throw new GraphErrorException(400, "invalidRequest", "Each batch request must have an id.");
            if (part["method"] is null || part["url"] is null)
            {
                throw new GraphErrorException(400, "invalidRequest", $"Batch request '{id}' must have a method and a url.");
            }

            if (part["body"] is not null && (part["headers"] as JsonObject)?.Any(h => string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)) != true)
            {
                throw new GraphErrorException(400, "invalidRequest", $"Batch request '{id}' has a body but no Content-Type header.");
            }

            if (pending.Any(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase)))
            {
                throw new GraphErrorException(400, "invalidRequest", $"Batch request id '{id}' is not unique.");
            }

            pending.Add((id, part, [.. (part["dependsOn"]?.AsArray() ?? []).Select(d => d!.GetValue<string>())]));
        }

        foreach (var (id, _, dependsOn) in pending)
        {
            foreach (var dependency in dependsOn.Where(d => !pending.Any(p => string.Equals(p.Id, d, StringComparison.OrdinalIgnoreCase))))
            {
                throw new GraphErrorException(400, "invalidRequest", $"Batch request '{id}' depends on '{dependency}', which is not in the batch.");
            }
        }

        var statuses = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var responses = new JsonArray();
        while (statuses.Count < pending.Count)
        {
            var next = pending.FirstOrDefault(p => !statuses.ContainsKey(p.Id) && p.DependsOn.All(statuses.ContainsKey));
            if (next.Id is null)
            {
                throw new GraphErrorException(400, "invalidRequest", "The dependsOn references of the batch form a cycle.");
            }

            var result = next.DependsOn.Any(d => statuses[d] >= 400)
                ? GraphResult.Error(424, "failedDependency", "The request depends on a request that failed.", null, null, time.GetUtcNow())
                : RunPart(next.Part);
            statuses[next.Id] = result.Status;
            var headers = new JsonObject();
            foreach (var (name, value) in result.Headers ?? new Dictionary<string, string>())
            {
                headers[name] = value;
            }

            if (result.Body is not null)
            {
                headers["Content-Type"] = "application/json";
            }

            var response = new JsonObject { ["id"] = next.Id, ["status"] = result.Status, ["headers"] = headers };
            if (result.Body is not null)
            {
                response["body"] = result.Body;
            }

            responses.Add(response);
        }

        return GraphResult.Json(200, new JsonObject { ["responses"] = responses });
    }

    private GraphResult RunPart(JsonObject part)
    {
        var method = part["method"]!.GetValue<string>().ToUpperInvariant();
        var url = part["url"]!.GetValue<string>();
        var queryAt = url.IndexOf('?', StringComparison.Ordinal);
        // A part's url is a relative reference, percent-encoded like any URL (a list named by its title has %20 in it).
        var path = "/v1.0/" + Uri.UnescapeDataString((queryAt < 0 ? url : url[..queryAt]).TrimStart('/'));
        var rawQuery = queryAt < 0 ? "" : url[queryAt..];
        var headers = (part["headers"] as JsonObject ?? []).ToDictionary(h => h.Key, h => h.Value?.ToString() ?? "", StringComparer.OrdinalIgnoreCase);
        var body = part["body"]?.ToJsonString();
        var fault = TakeFault(method, path);
        var result = fault is null ? Graph(method, path, rawQuery, headers, body, inBatch: true)
            : fault.Abort ? GraphResult.Error(504, "gatewayTimeout", "The request timed out.", null, null, time.GetUtcNow())
            : FaultResult(fault);
        requests.Enqueue(new RecordedRequest(method, path, Uri.UnescapeDataString(rawQuery), headers, body, true, result.Status));
        return result;
    }

    /// <summary>A parsed query string: option names without their dollar, values decoded, raw pairs kept for nextLinks.</summary>
    private sealed record Query(IReadOnlyList<(string Key, string Value, string RawPair)> Raw)
    {
        public IReadOnlyList<string> Keys => [.. Raw.Select(r => r.Key)];

        public string? Get(string key) => Raw.FirstOrDefault(r => r.Key == key).Value;

        public static Query Parse(string raw)
        {
            var pairs = new List<(string, string, string)>();
            foreach (var pair in raw.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                var key = Decode(at < 0 ? pair : pair[..at]);
                var value = at < 0 ? "" : Decode(pair[(at + 1)..]);
                var name = key.TrimStart('$');
                if (pairs.Any(p => p.Item1 == name))
                {
                    throw new GraphErrorException(400, "invalidRequest", $"Query option '{key}' is specified more than once.");
                }

                pairs.Add((name, value, pair));
            }

            return new Query(pairs);
        }

        private static string Decode(string text) => Uri.UnescapeDataString(text.Replace("+", "%20", StringComparison.Ordinal));
    }
}
