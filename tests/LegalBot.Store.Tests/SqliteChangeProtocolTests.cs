using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Store.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace LegalBot.Store.Tests;

/// <summary>SQLite only: the upgrade to the change/outbox protocol's schema keeps what was there.</summary>
public sealed class SqliteChangeProtocolTests : IDisposable
{
    private readonly TempDatabase _database = new();

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 4, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Open_DatabaseAtSchemaNine_KeepsItsOutboxAndHistory_AndTakesChangesWithIds()
    {
        await using (var connection = await _database.OpenRawConnectionAsync(create: true))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = string.Concat(Migrations.Scripts.Take(9)) + """
                PRAGMA user_version = 9;
                INSERT INTO requests (
                    submission_key, type_key, title, description, business_unit, priority, fields_json,
                    requester_aad_id, requester_name, state, created_at, updated_at, target_date, version)
                VALUES (
                    'old-key', 'nda', 'Old NDA', 'Filed before the upgrade.', 'Sales', 'Normal', '{}',
                    'aad-requester', 'Business Requester', 'Submitted', '2025-03-03T08:30:00.0000000+00:00',
                    '2025-03-03T08:30:00.0000000+00:00', '2025-03-14', 1);
                INSERT INTO request_history (number, at, actor_aad_id, actor_name, action, to_state)
                VALUES (1001, '2025-03-03T08:30:00.0000000+00:00', 'aad-requester', 'Business Requester', 'created', 'Submitted');
                INSERT INTO outbox (key, number, recipient, kind, text, created_at, next_attempt_at)
                VALUES ('old:pending', 1001, 'aad-alsp-one', 'text', NULL,
                    '2025-03-03T08:30:00.0000000+00:00', '2025-03-03T08:30:00.0000000+00:00');
                INSERT INTO outbox (key, number, recipient, kind, text, created_at, next_attempt_at, status, delivered_at, activity_id)
                VALUES ('old:delivered', 1001, 'aad-alsp-one', 'text', NULL,
                    '2025-03-03T08:30:00.0000000+00:00', '2025-03-03T08:30:00.0000000+00:00', 'delivered',
                    '2025-03-03T08:31:00.0000000+00:00', 'activity-1');
                """;
            await command.ExecuteNonQueryAsync();
        }

        var requests = _database.OpenStore();
        var outbox = _database.OpenWorkflowStore(_time);
        var old = (await requests.GetAsync(new RequestNumber(1001)))!;
        var due = Assert.Single(await outbox.DueAsync(_time.GetUtcNow(), 10));
        var change = new RequestChange
        {
            ChangeId = "after-upgrade",
            Number = old.Number,
            ExpectedVersion = old.Version,
            To = RequestState.InTriage,
            Actor = new Person("aad-counsel", "Legal Counsel"),
            Action = "triage",
            At = _time.GetUtcNow(),
        };
        var applied = await new RequestChanges(requests, outbox, _time).ApplyAsync(change, [new("new:after", old.Number, "aad-requester", "text", null)]);

        Assert.Equal((long)SqliteDatabase.SchemaVersion, await _database.ExecuteScalarAsync("PRAGMA user_version;"));
        Assert.Equal("old:pending", due.Notification.Key);
        Assert.Equal(1L, await _database.ExecuteScalarAsync("SELECT COUNT(*) FROM outbox WHERE key = 'old:delivered' AND status = 'delivered' AND activity_id = 'activity-1';"));
        Assert.IsType<ChangeOutcome.Applied>(applied);
        Assert.Equal(old.Number, await requests.FindChangeAsync("old-key"));
        Assert.Equal(old.Number, await requests.FindChangeAsync("after-upgrade"));
        Assert.Equal(["created", "triage"], (await requests.GetHistoryAsync(old.Number)).Select(h => h.Action));
        Assert.Equal(["old:pending", "new:after"], (await outbox.DueAsync(_time.GetUtcNow(), 10)).Select(d => d.Notification.Key));
    }
}
