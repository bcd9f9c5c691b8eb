using System.Net;
using System.Text.Json;
using LegalBot.Core.Sending;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;

namespace LegalBot.Store.Graph;

/// <summary>
/// Installs LegalBot for a user through Graph, as Teams documents proactive installation: the user's installation of
/// the catalog app (<c>GET /users/{id}/teamwork/installedApps?$expand=teamsApp&amp;$filter=teamsApp/id eq '{app}'</c>);
/// none: <c>POST /users/{id}/teamwork/installedApps</c> binding the catalog app (201, or 409 when it is already
/// installed, a race with the user or another instance), then the installation again; then its chat
/// (<c>GET …/installedApps/{installation}/chat</c>), whose id is the conversation the bot posts into.
/// </summary>
public sealed class GraphAppInstaller(GraphServiceClient graph, IOptions<GraphStoreOptions> options, ILogger<GraphAppInstaller> logger) : ITeamsAppInstaller
{
    private readonly GraphCalls calls = new(graph);

    public async Task<string> PersonalChatAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(aadObjectId);
        var app = options.Value.TeamsAppId?.Trim() is { Length: > 0 } configured
            ? configured
            : throw new InvalidOperationException($"{GraphStoreOptions.Section}:TeamsAppId is not set.");

        var installation = await InstallationAsync(aadObjectId, app, cancellationToken);
        if (installation is null)
        {
            var body = new UserScopeTeamsAppInstallation
            {
                AdditionalData = new Dictionary<string, object> { ["teamsApp@odata.bind"] = $"{BaseUrl}/appCatalogs/teamsApps/{app}" },
            };
            var install = await SendAsync(graph.Users[aadObjectId].Teamwork.InstalledApps.ToPostRequestInformation(body), aadObjectId, cancellationToken);
            if (install.Succeeded)
            {
                Log.AppInstalled(logger, aadObjectId);
            }
            else if (install.Status != (int)HttpStatusCode.Conflict)
            {
                // The user was found a moment ago: a 404 now is the catalog app that is not there.
                throw Refused(install, aadObjectId, notFound: UnreachableReason.AppNotInCatalog);
            }

            installation = await InstallationAsync(aadObjectId, app, cancellationToken)
                ?? throw Unreachable(UnreachableReason.Busy, aadObjectId, 0, "the installation is not listed yet");
        }

        var chat = await SendAsync(
            graph.Users[aadObjectId].Teamwork.InstalledApps[installation].Chat.ToGetRequestInformation(q => q.QueryParameters.Select = ["id"]),
            aadObjectId,
            cancellationToken);
        if (!chat.Succeeded)
        {
            throw Refused(chat, aadObjectId, notFound: UnreachableReason.Busy);
        }

        return chat.Body is { } found && found.TryGetProperty("id", out var id) && id.GetString() is { Length: > 0 } chatId
            ? chatId
            : throw Unreachable(UnreachableReason.Busy, aadObjectId, chat.Status, "the chat came back without an id");
    }

    private string BaseUrl => (graph.RequestAdapter.BaseUrl ?? "https://graph.microsoft.com/v1.0").TrimEnd('/');

    /// <summary>The id of the user's installation of the app; null when it is not installed for them.</summary>
    private async Task<string?> InstallationAsync(string user, string app, CancellationToken cancellationToken)
    {
        var request = graph.Users[user].Teamwork.InstalledApps.ToGetRequestInformation(q =>
        {
            q.QueryParameters.Expand = ["teamsApp"];
            q.QueryParameters.Filter = $"teamsApp/id eq '{app}'";
        });
        var reply = await SendAsync(request, user, cancellationToken);
        if (!reply.Succeeded)
        {
            throw Refused(reply, user, notFound: UnreachableReason.NotInDirectory);
        }

        return reply.Body is { } page && page.TryGetProperty("value", out var values) && values.ValueKind == JsonValueKind.Array
            ? values.EnumerateArray().Select(v => v.TryGetProperty("id", out var id) ? id.GetString() : null).FirstOrDefault(id => !string.IsNullOrEmpty(id))
            : null;
    }

    private async Task<GraphReply> SendAsync(RequestInformation request, string user, CancellationToken cancellationToken)
    {
        try
        {
            return await calls.SendAsync(request, cancellationToken);
        }
        catch (RequestStoreUnavailableException unavailable)
        {
            throw Unreachable(UnreachableReason.Busy, user, 0, unavailable.Message, unavailable);
        }
    }

    /// <summary>A refusal, by status: 403 is the app policy blocking the app or the permission missing (Graph's message tells them apart).</summary>
    private RecipientUnreachableException Refused(GraphReply reply, string user, UnreachableReason notFound)
    {
        var message = reply.Error?.Message ?? "";
        var reason = reply.Status switch
        {
            (int)HttpStatusCode.Forbidden when message.Contains("blocked", StringComparison.OrdinalIgnoreCase) => UnreachableReason.AppBlocked,
            (int)HttpStatusCode.Forbidden or (int)HttpStatusCode.Unauthorized => UnreachableReason.NotPermitted,
            (int)HttpStatusCode.NotFound => notFound,
            >= 500 or (int)HttpStatusCode.TooManyRequests or (int)HttpStatusCode.RequestTimeout => UnreachableReason.Busy,
            _ => UnreachableReason.Refused,
        };
        return Unreachable(reason, user, reply.Status, reply.Error?.Code ?? "no error code");
    }

    private RecipientUnreachableException Unreachable(UnreachableReason reason, string user, int status, string detail, Exception? inner = null)
    {
        Log.AppNotInstalled(logger, user, reason, status);
        return new RecipientUnreachableException(reason, $"LegalBot could not be installed for {user}: {reason} (HTTP {status}, {detail}).", inner);
    }
}
