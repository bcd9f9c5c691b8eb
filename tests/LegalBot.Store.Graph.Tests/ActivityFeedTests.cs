using System.Net;
using System.Text.Json.Nodes;
using LegalBot.Core.Requests;
using LegalBot.Core.Sending;
using LegalBot.Testing;
using LegalBot.Testing.Graph;
using Microsoft.Extensions.Logging.Abstractions;

namespace LegalBot.Store.Graph.Tests;

/// <summary>
/// <see cref="GraphActivityFeed"/> against the fake Graph server with the manifest's activity types declared: the body
/// Graph documents for <c>sendActivityNotification</c>, and each way Graph refuses it, reported with its status once
/// (the outbox does the retrying).
/// </summary>
[Collection(GraphServerCollection.Name)]
public sealed class ActivityFeedTests(LoopbackCertificate tls)
{
    private const string BotAppId = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";
    private const string User = "b1c2d3e4-0000-4000-8000-000000000001";
    private static readonly RequestNumber Number = new(1042);

    private static GraphActivityFeed Feed(GraphTestBed bed) => new(
        bed.Client,
        Microsoft.Extensions.Options.Options.Create(new ActivityFeedOptions { Enabled = true, BotAppId = BotAppId }),
        NullLogger<GraphActivityFeed>.Instance);

    private static async Task<GraphTestBed> StartAsync(LoopbackCertificate tls)
    {
        var bed = await GraphTestBed.StartAsync(tls);
        bed.Server.DeclareManifestActivityTypes();
        bed.Server.AddFeedUser(User);
        return bed;
    }

    [Fact]
    public async Task AnAssignment_IsSentInGraphsDocumentedShape_WithATextTopicOpeningTheBotChat()
    {
        await using var bed = await StartAsync(tls);

        await Feed(bed).SendAsync(new ActivityFeedNotice(
            User,
            Number,
            ActivityFeedTypes.Assigned,
            new Dictionary<string, string> { [ActivityFeedTypes.RequestNumber] = "LR-1042", [ActivityFeedTypes.AssignedBy] = "Dana Legal" },
            "LR-1042 is assigned to you."), CancellationToken.None);

        var sent = Assert.Single(bed.Server.ActivityNotifications);
        Assert.Equal(User, sent.UserId);
        Assert.Equal(("text", "LR-1042"), (sent.TopicSource, sent.TopicValue));
        Assert.Equal($"https://teams.microsoft.com/l/chat/0/0?users=28:{BotAppId}", sent.TopicWebUrl);
        Assert.Equal("requestAssigned", sent.ActivityType);
        Assert.Equal("LR-1042 is assigned to you.", sent.PreviewText);
        Assert.Equal(new Dictionary<string, string> { ["requestNumber"] = "LR-1042", ["assignedBy"] = "Dana Legal" }, sent.TemplateParameters);
        Assert.Equal(["activityType", "previewText", "templateParameters", "topic"], sent.Body.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.IsType<JsonArray>(sent.Body["templateParameters"]);
        var call = Assert.Single(bed.Server.GraphRoundTrips);
        Assert.Equal(("POST", $"/v1.0/users/{User}/teamwork/sendActivityNotification", 204), (call.Method, call.Path, call.Status));
        Assert.Empty(bed.Server.Unknown);
    }

    [Theory]
    [InlineData("permission", HttpStatusCode.Forbidden)]
    [InlineData("not installed", HttpStatusCode.Forbidden)]
    [InlineData("unknown user", HttpStatusCode.NotFound)]
    public async Task ARefusal_IsReportedWithItsStatus_AsNotTransient_AfterOneCall(string refusal, HttpStatusCode expected)
    {
        await using var bed = await StartAsync(tls);
        var user = User;
        switch (refusal)
        {
            case "permission":
                bed.Server.TeamsActivitySendGranted = false;
                break;
            case "not installed":
                user = "b1c2d3e4-0000-4000-8000-000000000002";
                bed.Server.AddFeedUser(user, appInstalled: false);
                break;
            default:
                user = "b1c2d3e4-0000-4000-8000-00000000dead";
                break;
        }

        var refused = await Assert.ThrowsAsync<ActivityFeedException>(() => Feed(bed).SendAsync(Question(user), CancellationToken.None));

        Assert.Equal(expected, refused.Status);
        Assert.False(refused.Transient);
        Assert.Single(bed.Server.GraphRoundTrips);
        Assert.Empty(bed.Server.ActivityNotifications);
    }

    [Fact]
    public async Task AnUndeclaredActivityType_OrAMissingParameter_IsABadRequest()
    {
        await using var bed = await StartAsync(tls);
        var feed = Feed(bed);

        var undeclared = await Assert.ThrowsAsync<ActivityFeedException>(() => feed.SendAsync(Question(User) with { ActivityType = "requestFiled" }, CancellationToken.None));
        var missing = await Assert.ThrowsAsync<ActivityFeedException>(() => feed.SendAsync(
            Question(User) with { TemplateParameters = new Dictionary<string, string> { [ActivityFeedTypes.RequestNumber] = "LR-1042" } },
            CancellationToken.None));

        Assert.Equal((HttpStatusCode.BadRequest, false), (undeclared.Status, undeclared.Transient));
        Assert.Equal((HttpStatusCode.BadRequest, false), (missing.Status, missing.Transient));
        Assert.Empty(bed.Server.ActivityNotifications);
    }

    [Fact]
    public async Task Throttling_IsReportedAtOnce_WithGraphsRetryAfter_ForTheOutboxToWait()
    {
        await using var bed = await StartAsync(tls);
        bed.Server.AddFault(new GraphFault(429, RetryAfter: TimeSpan.FromSeconds(7), PathContains: "/sendActivityNotification"));

        var throttled = await Assert.ThrowsAsync<ActivityFeedException>(() => Feed(bed).SendAsync(Question(User), CancellationToken.None));

        Assert.Equal((HttpStatusCode.TooManyRequests, true, TimeSpan.FromSeconds(7)), (throttled.Status, throttled.Transient, throttled.RetryAfter));
        Assert.Single(bed.Server.GraphRoundTrips);
    }

    [Fact]
    public async Task AServiceError_IsTransient()
    {
        await using var bed = await StartAsync(tls);
        bed.Server.AddFault(new GraphFault(503, PathContains: "/sendActivityNotification"));

        var failed = await Assert.ThrowsAsync<ActivityFeedException>(() => Feed(bed).SendAsync(Question(User), CancellationToken.None));

        Assert.Equal((HttpStatusCode.ServiceUnavailable, true), (failed.Status, failed.Transient));
        Assert.Single(bed.Server.GraphRoundTrips);
    }

    private static ActivityFeedNotice Question(string user) => new(
        user,
        Number,
        ActivityFeedTypes.Question,
        new Dictionary<string, string> { [ActivityFeedTypes.RequestNumber] = "LR-1042", [ActivityFeedTypes.AskedBy] = "Pat Provider" },
        "Pat Provider asked a question on LR-1042.");
}
