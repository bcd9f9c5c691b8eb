using System.Text.Json.Nodes;
using LegalBot.Testing;

namespace LegalBot.Store.Graph.Tests.FakeGraph;

/// <summary>
/// The fake's <c>sendActivityNotification</c> answers the documentation's own sample (a text topic) with 204, and refuses
/// what Graph refuses; anything it does not implement is a 501 it records.
/// </summary>
[Collection(GraphServerCollection.Name)]
public sealed class FakeActivityFeedTests(LoopbackCertificate tls)
{
    private const string User = "c1c2c3d4-0000-4000-8000-000000000001";

    /// <summary>The documentation's "custom topic" example, with its activity type declared.</summary>
    private static JsonObject Sample() => new()
    {
        ["topic"] = new JsonObject
        {
            ["source"] = "text",
            ["value"] = "Deployment Approvals Channel",
            ["webUrl"] = "https://teams.microsoft.com/l/message/19:448cfd2ac2a7490a9084a9ed14cttr78c@thread.skype/1605223780000",
        },
        ["activityType"] = "deploymentApprovalRequired",
        ["previewText"] = new JsonObject { ["content"] = "New deployment requires your approval" },
        ["templateParameters"] = new JsonArray(new JsonObject { ["name"] = "deploymentId", ["value"] = "6788662" }),
    };

    private static async Task<(int Status, string? Code)> PostAsync(GraphTestBed bed, LoopbackCertificate tls, JsonObject body, string user = User)
    {
        using var graph = await RawGraph.ConnectAsync(bed.Server, tls);
        var answer = await graph.PostAsync($"/users/{user}/teamwork/sendActivityNotification", body);
        return (answer.Status, answer.Body?["error"]?["code"]?.GetValue<string>());
    }

    private static async Task<GraphTestBed> StartAsync(LoopbackCertificate tls)
    {
        var bed = await GraphTestBed.StartAsync(tls);
        bed.Server.DeclareActivityType("deploymentApprovalRequired", "{actor} created a new deployment {deploymentId}");
        bed.Server.AddFeedUser(User);
        return bed;
    }

    [Fact]
    public async Task TheDocumentedSample_Is204_AndRecorded()
    {
        await using var bed = await StartAsync(tls);

        var (status, _) = await PostAsync(bed, tls, Sample());

        Assert.Equal(204, status);
        var sent = Assert.Single(bed.Server.ActivityNotifications);
        Assert.Equal(("deploymentApprovalRequired", "Deployment Approvals Channel", "New deployment requires your approval"), (sent.ActivityType, sent.TopicValue, sent.PreviewText));
        Assert.Equal("6788662", sent.TemplateParameters["deploymentId"]);
        Assert.Empty(bed.Server.Unknown);
    }

    [Theory]
    [InlineData("undeclared type", 400)]
    [InlineData("parameter missing", 400)]
    [InlineData("parameter not declared", 400)]
    [InlineData("text topic without webUrl", 400)]
    [InlineData("unknown user", 404)]
    [InlineData("app not installed", 403)]
    [InlineData("permission missing", 403)]
    public async Task WhatGraphRefuses_IsRefused_AndNotRecorded(string refusal, int expected)
    {
        await using var bed = await StartAsync(tls);
        var body = Sample();
        var user = User;
        switch (refusal)
        {
            case "undeclared type":
                body["activityType"] = "taskCreated";
                break;
            case "parameter missing":
                body["templateParameters"] = new JsonArray();
                break;
            case "parameter not declared":
                body["templateParameters"]!.AsArray().Add(new JsonObject { ["name"] = "title", ["value"] = "Acme" });
                break;
            case "text topic without webUrl":
                body["topic"]!.AsObject().Remove("webUrl");
                break;
            case "unknown user":
                user = "c1c2c3d4-0000-4000-8000-00000000dead";
                break;
            case "app not installed":
                user = "c1c2c3d4-0000-4000-8000-000000000002";
                bed.Server.AddFeedUser(user, appInstalled: false);
                break;
            default:
                bed.Server.TeamsActivitySendGranted = false;
                break;
        }

        var (status, code) = await PostAsync(bed, tls, body, user);

        Assert.Equal(expected, status);
        Assert.NotNull(code);
        Assert.Empty(bed.Server.ActivityNotifications);
        Assert.Empty(bed.Server.Unknown);
    }

    [Fact]
    public async Task AFieldOrTopicSourceItDoesNotImplement_Is501_AndRecordedAsUnknown()
    {
        await using var bed = await StartAsync(tls);
        var body = Sample();
        body["recipient"] = new JsonObject { ["userId"] = User };

        var (status, _) = await PostAsync(bed, tls, body);

        Assert.Equal(501, status);
        Assert.Contains(bed.Server.Unknown, u => u.Contains("recipient", StringComparison.Ordinal));
    }
}
