using LegalBot.Core.Stores;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;
using Microsoft.Bot.Builder;
using Microsoft.Data.Sqlite;
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

    [Fact]
    public async Task AnIntakeSavedInThePreviousReleasesBotStateTable_ContinuesAfterTheUpgrade()
    {
        // That release created bot_state itself, outside the schema scripts (the database stayed at version 10, without
        // the columns later scripts add), and saved a conversation's state without an etag.
        await Host.Services.GetRequiredService<IStateStore>().ReadAsync(["open the database"]);
        await StopHostsAsync();
        var row = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "legacy-state-business-unit.json"));
        await using (var connection = await TestDatabase.OpenAsync(DatabasePath, SqliteOpenMode.ReadWrite))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                DROP TABLE bot_state;
                DROP TABLE request_documents;
                ALTER TABLE request_history DROP COLUMN target_date;
                ALTER TABLE requests DROP COLUMN pauses;
                PRAGMA user_version = 10;
                CREATE TABLE bot_state (
                    key         TEXT NOT NULL PRIMARY KEY,
                    etag        TEXT NULL,
                    json        TEXT NOT NULL,
                    updated_at  TEXT NOT NULL
                ) STRICT;
                INSERT INTO bot_state (key, etag, json, updated_at) VALUES ($key, NULL, $json, '2025-03-01T08:00:00.0000000+00:00');
                """;
            command.Parameters.AddWithValue("$key", $"msteams/conversations/{TeamsUser.Requester.PersonalConversationId}/users/{TeamsUser.Requester.ChannelUserId}");
            command.Parameters.AddWithValue("$json", Newtonsoft.Json.Linq.JObject.Parse(row).ToString(Newtonsoft.Json.Formatting.None));
            await command.ExecuteNonQueryAsync();
        }

        var user = As(TeamsUser.Requester, StartHost());
        var next = await user.SayAsync("Sales");
        await user.SayAsync("Globex Ltd");
        var summary = await user.SayAsync("Mutual");

        Assert.Contains("Counterparty", next.Texts.Last());
        Assert.Contains("Supplier NDA", summary.Card.Json());
        Assert.Contains("Globex Ltd", summary.Card.Json());
    }
}
