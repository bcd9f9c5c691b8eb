using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LegalBot.Testing.Graph;

/// <summary>The column types the fake knows: the type facets of Graph's columnDefinition it implements.</summary>
public enum ColumnKind
{
    Text,
    Number,
    DateTime,
    Boolean,
    Choice,
    /// <summary>System columns such as ID, Author and Editor, which the API never lets a caller write.</summary>
    System,
}

/// <summary>A SharePoint site with its lists.</summary>
public sealed class FakeSite(string id, string displayName, string webUrl)
{
    public string Id { get; } = id;

    public string DisplayName { get; } = displayName;

    public string WebUrl { get; } = webUrl;

    internal List<FakeList> Lists { get; } = [];

    public IReadOnlyList<FakeList> AllLists
    {
        get
        {
            lock (Lists)
            {
                return [.. Lists];
            }
        }
    }

    /// <summary>A list by id or by display name, as Graph resolves <c>lists/{list-id}</c>.</summary>
    public FakeList? FindList(string idOrTitle)
    {
        lock (Lists)
        {
            return Lists.FirstOrDefault(l => string.Equals(l.Id, idOrTitle, StringComparison.OrdinalIgnoreCase))
                ?? Lists.FirstOrDefault(l => string.Equals(l.DisplayName, idOrTitle, StringComparison.OrdinalIgnoreCase));
        }
    }
}

/// <summary>A column definition (the subset of columnDefinition the fake implements).</summary>
public sealed class FakeColumn(string name, ColumnKind kind)
{
    public string Id { get; init; } = Guid.NewGuid().ToString();

    public string Name { get; } = name;

    public string DisplayName { get; set; } = name;

    public ColumnKind Kind { get; } = kind;

    public bool Indexed { get; set; }

    public bool Required { get; set; }

    public bool ReadOnly { get; init; }

    public bool Hidden { get; init; }

    public bool EnforceUniqueValues { get; set; }

    public string Description { get; set; } = "";

    /// <summary>The type facet as it was sent (text, number, dateTime, boolean, choice), echoed back on reads.</summary>
    public JsonObject Facet { get; init; } = [];

    public JsonObject ToJson() => new()
    {
        ["columnGroup"] = ReadOnly ? "_Hidden" : "Custom Columns",
        ["description"] = Description,
        ["displayName"] = DisplayName,
        ["enforceUniqueValues"] = EnforceUniqueValues,
        ["hidden"] = Hidden,
        ["id"] = Id,
        ["indexed"] = Indexed,
        ["name"] = Name,
        ["readOnly"] = ReadOnly,
        ["required"] = Required,
        [FacetName(Kind)] = Facet.DeepClone(),
    };

    public static string FacetName(ColumnKind kind) => kind switch
    {
        ColumnKind.Text => "text",
        ColumnKind.Number => "number",
        ColumnKind.DateTime => "dateTime",
        ColumnKind.Boolean => "boolean",
        ColumnKind.Choice => "choice",
        _ => "calculated",
    };

    /// <summary>Checks a value sent for this column and returns it as stored (dates normalised to UTC with a Z).</summary>
    internal JsonNode? Coerce(JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }

        var element = value.GetValueKind();
        switch (Kind)
        {
            case ColumnKind.Text or ColumnKind.Choice when element == JsonValueKind.String:
                var text = value.GetValue<string>();
                var max = Facet["maxLength"]?.GetValue<int>() ?? 255;
                if (Kind == ColumnKind.Text && Facet["allowMultipleLines"]?.GetValue<bool>() != true && text.Length > max)
                {
                    throw new GraphErrorException(400, "invalidRequest", $"The value of field '{Name}' exceeds the maximum length of {max.ToString(CultureInfo.InvariantCulture)}.");
                }

                return JsonValue.Create(text);
            case ColumnKind.Number when element == JsonValueKind.Number:
                return JsonValue.Create(value.GetValue<double>());
            case ColumnKind.Number when element == JsonValueKind.String && double.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                return JsonValue.Create(parsed);
            case ColumnKind.Boolean when element is JsonValueKind.True or JsonValueKind.False:
                return JsonValue.Create(value.GetValue<bool>());
            case ColumnKind.DateTime when element == JsonValueKind.String && DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at):
                return JsonValue.Create(FormatDate(at));
            default:
                throw new GraphErrorException(400, "invalidRequest", $"Invalid value for field '{Name}'.");
        }
    }

    internal static string FormatDate(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}

/// <summary>A person editing a list in Microsoft Lists, as Graph's identity set names them.</summary>
public sealed record ListsUser(string AadObjectId, string DisplayName, string Email)
{
    internal JsonObject IdentitySet() => new()
    {
        ["user"] = new JsonObject { ["email"] = Email, ["id"] = AadObjectId, ["displayName"] = DisplayName },
    };
}

/// <summary>A list: its columns, items and the change log its delta feed reads.</summary>
public sealed class FakeList
{
    internal FakeList(FakeSite site, string displayName, string template, DateTimeOffset created)
    {
        Site = site;
        DisplayName = displayName;
        Template = template;
        Created = created;
        Modified = created;
        Columns.AddRange(SystemColumns());
    }

    public FakeSite Site { get; }

    public string Id { get; } = Guid.NewGuid().ToString();

    public string DisplayName { get; }

    public string Template { get; }

    public DateTimeOffset Created { get; }

    public DateTimeOffset Modified { get; internal set; }

    internal List<FakeColumn> Columns { get; } = [];

    internal SortedDictionary<int, FakeItem> Items { get; } = [];

    /// <summary>Deleted item ids with the change number of their deletion.</summary>
    internal Dictionary<int, long> Deleted { get; } = [];

    internal int NextItemId { get; set; } = 1;

    internal long ChangeNumber { get; set; }

    /// <summary>Delta tokens carry the epoch they were issued in; a new epoch makes the older ones fail with 410.</summary>
    internal int DeltaEpoch { get; set; }

    /// <summary>An item's custom values by internal name, as text (test assertions).</summary>
    public IReadOnlyDictionary<string, string?> Item(int id)
    {
        lock (this)
        {
            return Items[id].Values.ToDictionary(
                v => v.Key,
                v => v.Value is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : v.Value?.ToJsonString(),
                StringComparer.Ordinal);
        }
    }

    /// <summary>Makes every delta token issued so far unusable: they get 410 Gone, as after a long disconnection.</summary>
    public void ExpireDeltaTokens()
    {
        lock (this)
        {
            DeltaEpoch++;
        }
    }

    public int ItemCount
    {
        get
        {
            lock (this)
            {
                return Items.Count;
            }
        }
    }

    public IReadOnlyList<FakeColumn> AllColumns
    {
        get
        {
            lock (this)
            {
                return [.. Columns];
            }
        }
    }

    /// <summary>
    /// What the list holds now, read from outside the API (test assertions, not recorded as requests): each item's
    /// field set as a GET with every field would show it, in item id order.
    /// </summary>
    public IReadOnlyList<JsonObject> Snapshot()
    {
        lock (this)
        {
            return [.. Items.Values.Select(item => item.Fields(null))];
        }
    }

    public FakeColumn? Column(string name)
    {
        lock (this)
        {
            return Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
        }
    }

    public JsonObject ToJson() => new()
    {
        ["@odata.etag"] = $"\"{Id},1\"",
        ["createdDateTime"] = FakeColumn.FormatDate(Created),
        ["description"] = "",
        ["eTag"] = $"\"{Id},1\"",
        ["id"] = Id,
        ["lastModifiedDateTime"] = FakeColumn.FormatDate(Modified),
        ["name"] = DisplayName.Replace(" ", "", StringComparison.Ordinal),
        ["webUrl"] = $"{Site.WebUrl}/Lists/{Uri.EscapeDataString(DisplayName.Replace(" ", "", StringComparison.Ordinal))}",
        ["displayName"] = DisplayName,
        ["parentReference"] = new JsonObject { ["siteId"] = Site.Id },
        ["list"] = new JsonObject
        {
            ["contentTypesEnabled"] = false,
            ["hidden"] = false,
            ["template"] = Template,
        },
    };

    /// <summary>The columns every genericList has before any custom column is added (a representative subset).</summary>
    private static IEnumerable<FakeColumn> SystemColumns() =>
    [
        new FakeColumn("Title", ColumnKind.Text) { DisplayName = "Title", Required = true, Facet = new JsonObject { ["allowMultipleLines"] = false, ["appendChangesToExistingText"] = false, ["linesForEditing"] = 0, ["maxLength"] = 255 } },
        new FakeColumn("ID", ColumnKind.System) { ReadOnly = true, Indexed = true },
        new FakeColumn("ContentType", ColumnKind.System) { ReadOnly = true },
        new FakeColumn("Created", ColumnKind.System) { ReadOnly = true },
        new FakeColumn("Modified", ColumnKind.System) { ReadOnly = true },
        new FakeColumn("Author", ColumnKind.System) { DisplayName = "Created By", ReadOnly = true },
        new FakeColumn("Editor", ColumnKind.System) { DisplayName = "Modified By", ReadOnly = true },
        new FakeColumn("Attachments", ColumnKind.System) { ReadOnly = true },
    ];
}

/// <summary>A list item: its custom field values and version (its ETag is <c>"{guid},{version}"</c>).</summary>
public sealed class FakeItem(int id, DateTimeOffset created)
{
    public int Id { get; } = id;

    public Guid UniqueId { get; } = Guid.NewGuid();

    public int Version { get; internal set; } = 1;

    public DateTimeOffset Created { get; } = created;

    public DateTimeOffset Modified { get; internal set; } = created;

    /// <summary>The listItem's <c>lastModifiedBy</c> identity set: the app's after an app-only write, a person's after an edit in Lists.</summary>
    internal JsonObject ModifiedBy { get; set; } = AppIdentity();

    internal long ChangeNumber { get; set; }

    /// <summary>The identity set SharePoint records for a write made with an app-only token.</summary>
    internal static JsonObject AppIdentity() => new()
    {
        ["application"] = new JsonObject { ["displayName"] = "LegalBot" },
        ["user"] = new JsonObject { ["displayName"] = "SharePoint App" },
    };

    /// <summary>Custom and Title values by internal name.</summary>
    public Dictionary<string, JsonNode?> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>The listItem's eTag, braces included: <c>"{GUID},2"</c>.</summary>
    public string ETag => $"\"{{{UniqueId.ToString().ToUpperInvariant()}}},{Version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The fieldValueSet's <c>@odata.etag</c>: <c>"guid,2"</c>.</summary>
    public string FieldsETag => $"\"{UniqueId},{Version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Whether an If-Match value names this version (either ETag form, or <c>*</c>).</summary>
    public bool Matches(string ifMatch)
    {
        var value = ifMatch.Trim();
        if (value == "*")
        {
            return true;
        }

        static string Normalise(string tag) => tag.Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal).ToUpperInvariant();
        return Normalise(value) == Normalise(ETag);
    }

    /// <summary>A value as a filter or sort sees it, system columns included.</summary>
    internal JsonNode? Value(string name) => name switch
    {
        "ID" => JsonValue.Create(Id),
        "Created" => JsonValue.Create(FakeColumn.FormatDate(Created)),
        "Modified" => JsonValue.Create(FakeColumn.FormatDate(Modified)),
        _ => Values.TryGetValue(name, out var value) ? value : null,
    };

    /// <summary>The fieldValueSet: every field, or the selected ones, always with <c>@odata.etag</c> and <c>id</c>.</summary>
    internal JsonObject Fields(IReadOnlyCollection<string>? select)
    {
        var all = new JsonObject
        {
            ["@odata.etag"] = FieldsETag,
        };
        foreach (var (name, value) in Values)
        {
            all[name] = value?.DeepClone();
        }

        all["id"] = Id.ToString(CultureInfo.InvariantCulture);
        all["ContentType"] = "Item";
        all[nameof(Modified)] = FakeColumn.FormatDate(Modified);
        all[nameof(Created)] = FakeColumn.FormatDate(Created);
        all["AuthorLookupId"] = "6";
        all["EditorLookupId"] = "6";
        all["_UIVersionString"] = Version.ToString(CultureInfo.InvariantCulture) + ".0";
        all["Attachments"] = false;
        all["Edit"] = "";
        all["ItemChildCount"] = "0";
        all["FolderChildCount"] = "0";
        if (select is null)
        {
            return all;
        }

        var chosen = new JsonObject { ["@odata.etag"] = FieldsETag };
        foreach (var name in select)
        {
            var key = name == "ID" ? "id" : name;
            if (all.TryGetPropertyValue(key, out var value) && !chosen.ContainsKey(key))
            {
                chosen[key] = value?.DeepClone();
            }
        }

        return chosen;
    }
}
