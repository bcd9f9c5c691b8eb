using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace LegalBot.Tests.Conversations;

/// <summary>
/// A conversation halfway through intake, saved in the bot state table by the version before the dialog stack,
/// continues over real HTTP after the upgrade and files the request it was filling in.
/// </summary>
public sealed class StateMigrationTests : HostTestBase
{
    [Fact]
    public async Task ASavedHalfwayIntake_ContinuesAtItsQuestion_AndFilesTheRequest()
    {
        var user = As(TeamsUser.Requester);
        var row = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "legacy-state-business-unit.json")));
        var storage = Host.Services.GetRequiredService<IStorage>();
        await storage.WriteAsync(new Dictionary<string, object> { [$"msteams/conversations/{user.ConversationId}/users/{TeamsUser.Requester.ChannelUserId}"] = row });

        var next = await user.SayAsync("Sales");
        Assert.Contains("Counterparty", next.Texts.Last());
        await user.SayAsync("Globex Ltd");
        var summary = await user.SayAsync("Mutual");
        Assert.Contains("Supplier NDA", summary.Card.Json());
        var filed = await user.SayAsync("submit");

        var number = System.Text.RegularExpressions.Regex.Match(filed.Texts.First(), @"filed as \*\*(?<id>LR-\d+)\*\*").Groups["id"].Value;
        Assert.NotEmpty(number);
        var status = await user.SayAsync("status " + number);
        Assert.Contains("Supplier NDA", status.Card.Json());
        Assert.Contains("Globex Ltd", status.Card.Json());
    }
}
