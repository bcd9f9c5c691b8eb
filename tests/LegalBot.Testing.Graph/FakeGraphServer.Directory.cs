using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace LegalBot.Testing.Graph;

/// <summary>
/// A user of the tenant: a member, or a guest (B2B, <c>userType</c> Guest), whose id looks like any other; with the
/// department, job title and manager their profile may carry.
/// </summary>
public sealed record FakeUser(string Id, string DisplayName, string? Mail, bool Guest = false, string? Department = null, string? JobTitle = null, FakeUser? Manager = null)
{
    /// <summary>A guest's user principal name is their address with <c>#EXT#</c>, as Entra ID makes it.</summary>
    public string UserPrincipalName => Guest
        ? $"{(Mail ?? Id).Replace('@', '_')}#EXT#@contoso.onmicrosoft.com"
        : Mail ?? $"{Id}@contoso.onmicrosoft.com";

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["displayName"] = DisplayName,
        ["mail"] = Mail,
        ["userPrincipalName"] = UserPrincipalName,
        ["userType"] = Guest ? "Guest" : "Member",
        ["givenName"] = null,
        ["surname"] = null,
        ["jobTitle"] = JobTitle,
        ["department"] = Department,
    };
}

/// <summary>A security group: users and other groups as direct members.</summary>
public sealed class FakeGroup(string id, string displayName)
{
    public string Id { get; } = id;

    public string DisplayName { get; } = displayName;

    internal List<object> Members { get; } = [];
}

/// <summary>
/// Microsoft Entra ID groups and users, as Graph documents them: <c>GET /groups/{id}/transitiveMembers/microsoft.graph.user</c>
/// (or <c>graph.user</c>, the alias the SDK writes)
/// (members of nested groups flattened, each user once; an OData cast, so an advanced query: <c>ConsistencyLevel:
/// eventual</c> and <c>$count=true</c>), with <c>$select</c>, <c>$top</c> (1 to 999) and paging by
/// <c>@odata.nextLink</c>; 404 <c>Request_ResourceNotFound</c> for an unknown group; 403
/// <c>Authorization_RequestDenied</c> without <c>GroupMember.Read.All</c>.
/// </summary>
public sealed partial class FakeGraphServer
{
    private static readonly HashSet<string> UserProperties = new(StringComparer.Ordinal)
    {
        "id", "displayName", "mail", "userPrincipalName", "userType", "givenName", "surname", "jobTitle", "department",
    };

    private static readonly string[] DefaultUserProperties = ["displayName", "givenName", "jobTitle", "mail", "surname", "userPrincipalName", "id"];

    private readonly Dictionary<string, FakeGroup> groups = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// At most this many members a page whatever <c>$top</c> asks (Graph may serve fewer than asked and a nextLink);
    /// null: <c>$top</c>, or Graph's default of 100.
    /// </summary>
    public int? MemberPageLimit { get; set; }

    /// <summary>Whether the app has been granted <c>GroupMember.Read.All</c>; without it group members are refused (403).</summary>
    public bool GroupMemberReadGranted { get; set; } = true;

    public FakeGroup AddGroup(string displayName)
    {
        var group = new FakeGroup(Guid.NewGuid().ToString(), displayName);
        lock (groups)
        {
            groups[group.Id] = group;
        }

        return group;
    }

    /// <summary>Adds a user or a group as a direct member (as an administrator does in the Entra admin center).</summary>
    public void AddMember(FakeGroup group, object member)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (member is not (FakeUser or FakeGroup))
        {
            throw new ArgumentException("A member is a FakeUser or a FakeGroup.", nameof(member));
        }

        lock (groups)
        {
            if (!group.Members.Contains(member))
            {
                group.Members.Add(member);
            }
        }
    }

    public void RemoveMember(FakeGroup group, object member)
    {
        ArgumentNullException.ThrowIfNull(group);
        lock (groups)
        {
            group.Members.Remove(member);
        }
    }

    private GraphResult TransitiveUsers(string groupId, string path, Query query, IReadOnlyDictionary<string, string> headers)
    {
        if (!GroupMemberReadGranted)
        {
            throw new GraphErrorException(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
        }

        // The OData cast needs the advanced query capabilities (the documented "ConsistencyLevel and $count" rule).
        if (!string.Equals(headers.GetValueOrDefault("ConsistencyLevel"), "eventual", StringComparison.OrdinalIgnoreCase)
            || !string.Equals(query.Get("count"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new GraphErrorException(400, "Request_UnsupportedQuery", "Unsupported Query.");
        }

        IReadOnlyList<string> select = query.Get("select") is { } text ? Split(text) : DefaultUserProperties;
        foreach (var name in select.Where(n => !UserProperties.Contains(n)))
        {
            throw new GraphErrorException(400, "Request_BadRequest", $"Could not find a property named '{name}' on type 'microsoft.graph.user'.");
        }

        var top = 100;
        if (query.Get("top") is { } topText && (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > 999))
        {
            throw new GraphErrorException(400, "Request_BadRequest", $"Invalid page size specified: '{topText}'. Must be between 1 and 999 inclusive.");
        }

        top = Math.Min(top, MemberPageLimit ?? top);

        var skip = 0;
        if (query.Get("skiptoken") is { } token && !TryReadDirectoryToken(token, out skip))
        {
            throw new GraphErrorException(400, "Request_BadRequest", "Unable to parse the skip token.");
        }

        List<FakeUser> users;
        lock (groups)
        {
            if (!groups.TryGetValue(groupId, out var group))
            {
                throw new GraphErrorException(404, "Request_ResourceNotFound", $"Resource '{groupId}' does not exist or one of its queried reference-property objects are not present.");
            }

            users = Flatten(group);
        }

        var page = users.Skip(skip).Take(top).ToList();
        var result = new JsonObject
        {
            ["@odata.context"] = $"{GraphBaseUrl}/$metadata#users({string.Join(',', select)})",
            ["@odata.count"] = users.Count,
            ["value"] = new JsonArray([.. page.Select(u => (JsonNode)Selected(u.ToJson(), select))]),
        };
        if (skip + page.Count < users.Count)
        {
            var parts = query.Raw.Where(p => p.Key != "skiptoken").Select(p => p.RawPair).ToList();
            parts.Add("$skiptoken=" + Uri.EscapeDataString(WriteDirectoryToken(skip + page.Count)));
            result["@odata.nextLink"] = $"{BaseUrl.ToString().TrimEnd('/')}{path}?{string.Join('&', parts)}";
        }

        return GraphResult.Json(200, result);
    }

    /// <summary>Every user reached through the group and its nested groups, once each, in the order first reached.</summary>
    private static List<FakeUser> Flatten(FakeGroup root)
    {
        var users = new List<FakeUser>();
        var seenUsers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seenGroups = new HashSet<FakeGroup>();
        var pending = new Queue<FakeGroup>([root]);
        while (pending.TryDequeue(out var group))
        {
            if (!seenGroups.Add(group))
            {
                continue;
            }

            foreach (var member in group.Members)
            {
                switch (member)
                {
                    case FakeUser user when seenUsers.Add(user.Id):
                        users.Add(user);
                        break;
                    case FakeGroup nested:
                        pending.Enqueue(nested);
                        break;
                }
            }
        }

        return users;
    }

    private static JsonObject Selected(JsonObject user, IReadOnlyCollection<string> select)
    {
        foreach (var key in user.Select(p => p.Key).ToList())
        {
            if (!select.Contains(key))
            {
                user.Remove(key);
            }
        }

        return user;
    }

    private static string WriteDirectoryToken(int offset) =>
        "X'" + Convert.ToHexString(Encoding.UTF8.GetBytes("directory:" + offset.ToString(CultureInfo.InvariantCulture))) + "'";

    private static bool TryReadDirectoryToken(string token, out int offset)
    {
        offset = 0;
        try
        {
            var text = token.StartsWith("X'", StringComparison.Ordinal) && token.EndsWith('\'')
                ? Encoding.UTF8.GetString(Convert.FromHexString(token[2..^1])) : "";
            return text.StartsWith("directory:", StringComparison.Ordinal)
                && int.TryParse(text["directory:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
