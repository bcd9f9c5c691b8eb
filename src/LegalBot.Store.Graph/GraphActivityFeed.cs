using System.Globalization;
using System.Net;
using LegalBot.Core.Sending;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.Teamwork.SendActivityNotification;
using Microsoft.Kiota.Abstractions;
using KeyValuePair = Microsoft.Graph.Models.KeyValuePair;

namespace LegalBot.Store.Graph;

/// <summary>
/// Raises Teams activity-feed notifications through Microsoft Graph
/// (<c>POST /users/{id}/teamwork/sendActivityNotification</c>, application permission <c>TeamsActivity.Send</c>): a
/// text topic naming the request, linking to the recipient's chat with the bot (where its card is), the activity type
/// declared in the app manifest with its template parameters, and a preview line. Graph answers 204 when it took it.
/// The call is made once, without the pipeline's own retries: the outbox retries a throttled or failed call at the
/// time Graph asked (Retry-After), and a refusal (403: the permission not granted, or the app not installed for the
/// user; 404: no such user; 400) is reported as <see cref="ActivityFeedException"/> with its status and code.
/// </summary>
public sealed class GraphActivityFeed(GraphServiceClient graph, IOptions<ActivityFeedOptions> options, ILogger<GraphActivityFeed> logger) : IActivityFeed
{
    /// <summary>Teams shows at most this many characters of the preview.</summary>
    public const int PreviewMax = 150;

    public async Task SendAsync(ActivityFeedNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var botAppId = options.Value.BotAppId
            ?? throw new InvalidOperationException($"{ActivityFeedOptions.Section}:BotAppId (or MicrosoftAppId) is not set.");
        var body = new SendActivityNotificationPostRequestBody
        {
            Topic = new TeamworkActivityTopic
            {
                Source = TeamworkActivityTopicSource.Text,
                Value = notice.Number.ToString(),
                WebUrl = ActivityFeedOptions.BotChatLink(botAppId).AbsoluteUri,
            },
            ActivityType = notice.ActivityType,
            PreviewText = new ItemBody { Content = notice.PreviewText.Length <= PreviewMax ? notice.PreviewText : notice.PreviewText[..PreviewMax] },
            TemplateParameters = [.. notice.TemplateParameters.Select(p => new KeyValuePair { Name = p.Key, Value = p.Value })],
        };

        try
        {
            await graph.Users[notice.UserId].Teamwork.SendActivityNotification.PostAsync(
                body,
                request => request.Options.Add(GraphClients.RetryWithin(TimeSpan.Zero)),
                cancellationToken);
        }
        catch (ApiException error)
        {
            // Graph's error body (ODataError) names a code; an answer without one (a gateway's) still has its status.
            var code = (error as ODataError)?.Error?.Code;
            Log.ActivityNotificationRefused(logger, notice.Number, notice.ActivityType, error.ResponseStatusCode, code);
            throw new ActivityFeedException((HttpStatusCode)error.ResponseStatusCode, code, RetryAfter(error));
        }

        Log.ActivityNotificationSent(logger, notice.Number, notice.ActivityType);
    }

    /// <summary>Graph's Retry-After, in seconds, capped at an hour; null without one.</summary>
    private static TimeSpan? RetryAfter(ApiException error)
    {
        var value = error.ResponseHeaders?
            .FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(Math.Min(seconds, 3600)) : null;
    }
}
