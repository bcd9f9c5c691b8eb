using System.Net;
using System.Text.Json;
using LegalBot.Core.Access;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;

namespace LegalBot.Store.Graph;

/// <summary>
/// Reads a user's profile from Microsoft Entra ID: <c>GET /users/{id}?$select=displayName,mail,department,jobTitle</c>
/// and, at the same time, <c>GET /users/{id}/manager?$select=displayName,mail</c> (404 <c>Request_ResourceNotFound</c>
/// when no manager is set). Both need the application permission <c>User.Read.All</c>. Guests are users like any other.
/// Throttling is retried by the client's pipeline within its budget; the caller bounds the wait.
/// </summary>
public sealed class GraphUserProfiles(GraphServiceClient graph, ILogger<GraphUserProfiles> logger, TimeProvider? time = null) : IUserProfileDirectory
{
    private readonly GraphCalls calls = new(graph, time);

    public async Task<UserProfile?> ReadAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        // Ids come from activities: only an object id (a GUID) is sent to Graph.
        if (!Guid.TryParse(aadObjectId, out var id))
        {
            return null;
        }

        var user = graph.Users[id.ToString()];
        var profileRequest = user.ToGetRequestInformation(q => q.QueryParameters.Select = ["displayName", "mail", "department", "jobTitle"]);
        var managerRequest = user.Manager.ToGetRequestInformation(q => q.QueryParameters.Select = ["displayName", "mail"]);
        var profileReply = SendAsync(profileRequest, "the user", cancellationToken);
        var managerReply = SendAsync(managerRequest, "the user's manager", cancellationToken);
        await Task.WhenAll(profileReply, managerReply);
        var (profile, manager) = (await profileReply, await managerReply);
        if (profile.Status == (int)HttpStatusCode.NotFound)
        {
            Log.ProfileNotFound(logger, id);
            return null;
        }

        var body = Succeeded(profile, "the user");
        UserManager? boss = null;
        if (manager.Status != (int)HttpStatusCode.NotFound)
        {
            var managerBody = Succeeded(manager, "the user's manager");
            boss = new UserManager(Text(managerBody, "displayName"), Text(managerBody, "mail"));
        }

        Log.ProfileRead(logger, id, boss is not null);
        return new UserProfile(Text(body, "displayName"), Text(body, "mail"), Text(body, "department"), Text(body, "jobTitle"), boss);
    }

    private async Task<GraphReply> SendAsync(RequestInformation request, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await calls.SendAsync(request, cancellationToken);
        }
        catch (RequestStoreUnavailableException unavailable)
        {
            throw new UserProfileException(UserProfileFailure.Unavailable, $"Could not read {what}: {unavailable.Message}", unavailable);
        }
    }

    private static JsonElement Succeeded(GraphReply reply, string what) => reply switch
    {
        { Succeeded: true, Body: { } body } => body,
        { Status: (int)HttpStatusCode.Forbidden or (int)HttpStatusCode.Unauthorized } => throw new UserProfileException(
            UserProfileFailure.Forbidden,
            $"Microsoft Graph refused to read {what} ({reply.Status}): the app needs the application permission User.Read.All (admin consent)."),
        _ => throw new UserProfileException(UserProfileFailure.Unavailable, $"Microsoft Graph answered {reply.Status} reading {what}."),
    };

    private static string? Text(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && value.GetString()?.Trim() is { Length: > 0 } text ? text : null;
}
