using System.Text.Json.Nodes;

namespace LegalBot.Testing.Graph;

/// <summary>An app of the organisation's Teams app catalog: its catalog id and its manifest id (<c>externalId</c>).</summary>
public sealed record FakeTeamsApp(string Id, string ExternalId, string DisplayName)
{
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["externalId"] = ExternalId,
        ["displayName"] = DisplayName,
        ["distributionMethod"] = "organization",
    };
}

/// <summary>
/// Apps installed in users' personal scope, as Graph documents them:
/// <c>POST /users/{id}/teamwork/installedApps</c> with <c>teamsApp@odata.bind</c> to a catalog app (201 and no body;
/// 409 when it is already installed; 403 when the tenant's app permission policy blocks the app for the user, the
/// message Teams gives "App is blocked by app permission policy", or when the app lacks
/// <c>TeamsAppInstallation.ReadWriteForUser.All</c>; 404 for an unknown user or catalog app);
/// <c>GET /users/{id}/teamwork/installedApps</c> with <c>$expand=teamsApp</c> and <c>$filter=teamsApp/id eq '…'</c>
/// (or <c>teamsApp/externalId</c>); <c>GET …/installedApps/{installation}/chat</c>, the 1:1 chat of the user and the
/// app (<c>19:…@unq.gbl.spaces</c>). The fake's users are those added and the members of its groups.
/// </summary>
public sealed partial class FakeGraphServer
{
    private readonly Dictionary<string, FakeTeamsApp> catalogApps = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>By user, the installation id of each catalog app installed for them.</summary>
    private readonly Dictionary<string, Dictionary<string, string>> installedApps = new(StringComparer.OrdinalIgnoreCase);

    private readonly HashSet<string> appBlockedFor = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the app has been granted <c>TeamsAppInstallation.ReadWriteForUser.All</c>; without it installed apps are refused (403).</summary>
    public bool AppInstallationGranted { get; set; } = true;

    /// <summary>Runs as an install request arrives, before it is carried out (to let the user install it meanwhile).</summary>
    public Action<string>? BeforeInstall { get; set; }

    /// <summary>Raised when an app is installed for a user (through Graph or by the user): the user's id and the app's chat with them.</summary>
    public event Action<string, string>? AppInstalled;

    public FakeTeamsApp AddCatalogApp(string externalId, string displayName)
    {
        var app = new FakeTeamsApp(Guid.NewGuid().ToString(), externalId, displayName);
        lock (installedApps)
        {
            catalogApps[app.Id] = app;
        }

        return app;
    }

    /// <summary>Blocks the app for the user, as an app permission policy assigned to them does.</summary>
    public void BlockApp(string userId)
    {
        lock (installedApps)
        {
            appBlockedFor.Add(userId);
        }
    }

    /// <summary>The user installs the app themselves (from the Teams store).</summary>
    public void InstallByUser(string userId, FakeTeamsApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        lock (installedApps)
        {
            Install(userId, app.Id);
        }

        AppInstalled?.Invoke(userId, ChatId(userId, app.Id));
    }

    /// <summary>The users the app is installed for.</summary>
    public IReadOnlyList<string> InstalledFor(FakeTeamsApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        lock (installedApps)
        {
            return [.. installedApps.Where(u => u.Value.ContainsKey(app.Id)).Select(u => u.Key)];
        }
    }

    /// <summary>The id of the 1:1 chat between a user and an app installed for them.</summary>
    public static string ChatId(string userId, string appId) => $"19:{appId}_{userId}@unq.gbl.spaces";

    private void Install(string userId, string appId)
    {
        if (!installedApps.TryGetValue(userId, out var apps))
        {
            installedApps[userId] = apps = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        }

        apps[appId] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{userId}##{appId}"));
    }

    private bool HasInstalledApp(string userId)
    {
        lock (installedApps)
        {
            return installedApps.TryGetValue(userId, out var apps) && apps.Count > 0;
        }
    }

    /// <summary>Whether the tenant knows the user: added as a user, or a member of one of its groups.</summary>
    private bool IsDirectoryUser(string userId)
    {
        lock (groups)
        {
            return users.ContainsKey(userId) || groups.Values.Any(g => Flatten(g).Any(u => string.Equals(u.Id, userId, StringComparison.OrdinalIgnoreCase)));
        }
    }

    private void RequireInstallationAccess(string userId)
    {
        if (!AppInstallationGranted)
        {
            throw new GraphErrorException(
                403,
                "Forbidden",
                "Missing role permissions on the request. API requires one of 'TeamsAppInstallation.ReadForUser.All, TeamsAppInstallation.ReadWriteSelfForUser.All, TeamsAppInstallation.ReadWriteForUser.All'. Roles on the request ''.");
        }

        if (!IsDirectoryUser(userId))
        {
            throw new GraphErrorException(404, "NotFound", $"Failed to find the user with id '{userId}'.");
        }
    }

    private GraphResult InstallApp(string userId, JsonObject body)
    {
        BeforeInstall?.Invoke(userId);
        RequireInstallationAccess(userId);
        OnlyKnown(body, ["teamsApp@odata.bind"], "userScopeTeamsAppInstallation");
        var bind = (string?)body["teamsApp@odata.bind"]
            ?? throw new GraphErrorException(400, "BadRequest", "The teamsApp binding is required.");
        var prefixes = new[] { $"{GraphBaseUrl}/appCatalogs/teamsApps/", "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/" };
        var appId = prefixes.FirstOrDefault(p => bind.StartsWith(p, StringComparison.OrdinalIgnoreCase)) is { } prefix ? bind[prefix.Length..] : null;
        string? chat = null;
        lock (installedApps)
        {
            if (appId is null || !catalogApps.ContainsKey(appId))
            {
                throw new GraphErrorException(404, "NotFound", $"The app '{appId ?? bind}' was not found in the app catalog.");
            }

            if (appBlockedFor.Contains(userId))
            {
                throw new GraphErrorException(
                    403,
                    "Forbidden",
                    $"App is blocked by app permission policy. TenantId: {TenantId}, UserObjectId: {userId}, AppId: {appId}, AppType: Private",
                    "AccessDenied");
            }

            if (installedApps.TryGetValue(userId, out var apps) && apps.ContainsKey(appId))
            {
                throw new GraphErrorException(409, "Conflict", "The app is already installed for this user.");
            }

            Install(userId, appId);
            chat = ChatId(userId, appId);
        }

        AppInstalled?.Invoke(userId, chat);
        return new GraphResult(201);
    }

    private GraphResult InstalledApps(string userId, Query query)
    {
        RequireInstallationAccess(userId);
        var expand = query.Get("expand");
        if (expand is not null and not "teamsApp")
        {
            throw new NotImplementedByFakeException($"$expand={expand} (only teamsApp)");
        }

        (string Property, string Value)? filter = null;
        if (query.Get("filter") is { } text)
        {
            var parts = text.Split(' ', 3);
            if (parts.Length != 3 || parts[0] is not ("teamsApp/id" or "teamsApp/externalId") || parts[1] != "eq" || parts[2].Length < 2 || parts[2][0] != '\'' || parts[2][^1] != '\'')
            {
                throw new NotImplementedByFakeException($"$filter={text} (only teamsApp/id or teamsApp/externalId eq 'value')");
            }

            filter = (parts[0]["teamsApp/".Length..], parts[2][1..^1]);
        }

        var value = new JsonArray();
        lock (installedApps)
        {
            foreach (var (appId, installation) in installedApps.GetValueOrDefault(userId) ?? [])
            {
                var app = catalogApps[appId];
                if (filter is { } f && !string.Equals(f.Property == "id" ? app.Id : app.ExternalId, f.Value, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var item = new JsonObject { ["id"] = installation };
                if (expand is not null)
                {
                    item["teamsApp"] = app.ToJson();
                }

                value.Add(item);
            }
        }

        return GraphResult.Json(200, new JsonObject
        {
            ["@odata.context"] = $"{GraphBaseUrl}/$metadata#users('{userId}')/teamwork/installedApps",
            ["value"] = value,
        });
    }

    private GraphResult InstallationChat(string userId, string installation, Query query)
    {
        RequireInstallationAccess(userId);
        if (query.Get("select") is { } select && select != "id")
        {
            throw new NotImplementedByFakeException($"$select={select} (only id)");
        }

        lock (installedApps)
        {
            var appId = (installedApps.GetValueOrDefault(userId) ?? []).FirstOrDefault(a => a.Value == installation).Key
                ?? throw new GraphErrorException(404, "NotFound", $"The app installation '{installation}' was not found.");
            return GraphResult.Json(200, new JsonObject
            {
                ["@odata.context"] = $"{GraphBaseUrl}/$metadata#chats/$entity",
                ["id"] = ChatId(userId, appId),
            });
        }
    }
}
