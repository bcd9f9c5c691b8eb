namespace LegalBot.Testing.Graph;

/// <summary>
/// Users and their managers, as Graph documents them: <c>GET /users/{id}</c> (with <c>$select</c>; the default
/// properties without it) and <c>GET /users/{id}/manager</c> (a directoryObject, the manager's <c>@odata.type</c> with
/// the selected properties); 404 <c>Request_ResourceNotFound</c> for an unknown user or a user without a manager; 403
/// <c>Authorization_RequestDenied</c> without <c>User.Read.All</c>. A user is known once added with
/// <see cref="AddUser"/> or as a member of a group.
/// </summary>
public sealed partial class FakeGraphServer
{
    private readonly Dictionary<string, FakeUser> users = new(StringComparer.OrdinalIgnoreCase);
    private TaskCompletionSource? userReadsHeld;
    private int heldUserReads;

    /// <summary>Whether the app has been granted <c>User.Read.All</c>; without it users and managers are refused (403).</summary>
    public bool UserReadGranted { get; set; } = true;

    /// <summary>Adds (or replaces, by id) a user of the tenant, as an administrator does in the Entra admin center.</summary>
    public void AddUser(FakeUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (groups)
        {
            users[user.Id] = user;
        }
    }

    /// <summary>Holds every <c>/users/</c> request unanswered until <see cref="ReleaseUserReads"/>, as a slow directory would.</summary>
    public void HoldUserReads() => Interlocked.CompareExchange(ref userReadsHeld, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);

    /// <summary>Lets the held <c>/users/</c> requests (and the next ones) be answered.</summary>
    public void ReleaseUserReads() => Interlocked.Exchange(ref userReadsHeld, null)?.TrySetResult();

    /// <summary>How many <c>/users/</c> requests are waiting to be answered now.</summary>
    public int HeldUserReads => Volatile.Read(ref heldUserReads);

    /// <summary>Waits while user reads are held (called before a Graph request is answered).</summary>
    private async Task WhileUserReadsHeldAsync(string path, CancellationToken aborted)
    {
        if (Volatile.Read(ref userReadsHeld) is { } held && path.StartsWith("/v1.0/users/", StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref heldUserReads);
            try
            {
                await held.Task.WaitAsync(aborted);
            }
            finally
            {
                Interlocked.Decrement(ref heldUserReads);
            }
        }
    }

    private GraphResult GetUser(string id, Query query)
    {
        var user = KnownUser(id);
        IReadOnlyList<string> select = query.Get("select") is { } text ? Split(text) : DefaultUserProperties;
        CheckUserSelect(select);
        var result = Selected(user.ToJson(), select);
        result.Insert(0, "@odata.context", $"{GraphBaseUrl}/$metadata#users({string.Join(',', select)})/$entity");
        return GraphResult.Json(200, result);
    }

    private GraphResult GetManager(string id, Query query)
    {
        var manager = KnownUser(id).Manager
            ?? throw new GraphErrorException(404, "Request_ResourceNotFound", "Resource 'manager' does not exist or one of its queried reference-property objects are not present.");
        IReadOnlyList<string> select = query.Get("select") is { } text ? Split(text) : [.. UserProperties];
        CheckUserSelect(select);
        var result = Selected(manager.ToJson(), select);
        result.Insert(0, "@odata.type", "#microsoft.graph.user");
        result.Insert(0, "@odata.context", query.Get("select") is null
            ? $"{GraphBaseUrl}/$metadata#directoryObjects/$entity"
            : $"{GraphBaseUrl}/$metadata#directoryObjects({string.Join(',', select)})/$entity");
        return GraphResult.Json(200, result);
    }

    private static void CheckUserSelect(IEnumerable<string> select)
    {
        foreach (var name in select.Where(n => !UserProperties.Contains(n)))
        {
            throw new GraphErrorException(400, "Request_BadRequest", $"Could not find a property named '{name}' on type 'microsoft.graph.user'.");
        }
    }

    /// <summary>The user with this id (added, or a member of a group); refused without <c>User.Read.All</c>.</summary>
    private FakeUser KnownUser(string id)
    {
        if (!UserReadGranted)
        {
            throw new GraphErrorException(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
        }

        lock (groups)
        {
            return users.GetValueOrDefault(id)
                ?? groups.Values.SelectMany(Flatten).FirstOrDefault(u => string.Equals(u.Id, id, StringComparison.OrdinalIgnoreCase))
                ?? throw new GraphErrorException(404, "Request_ResourceNotFound", $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");
        }
    }
}
