using System.Globalization;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Store.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static LegalBot.Core.Requests.RequestState;

namespace LegalBot.Store.Tests;

public sealed class SqliteWorkflowStoreTests : WorkflowStoreContract<SqliteBackend>
{
    private TempDatabase Database => Backend.Database;

    [Fact]
    public async Task History_LinesWrittenByApply_CannotBeUpdatedOrDeleted()
    {
        var assigned = await AssignAsync(await FileAsync(), ProfessionalOne);
        await using var connection = await Database.OpenRawConnectionAsync();

        foreach (var sql in new[]
        {
            "UPDATE request_history SET note = 'rewritten' WHERE number = $n AND action = 'assign';",
            "DELETE FROM request_history WHERE number = $n AND action = 'assign';",
        })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$n", assigned.Number.Value);
            var exception = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", exception.Message, StringComparison.Ordinal);
        }

        Assert.Equal(2, (await Requests.GetHistoryAsync(assigned.Number)).Count);
    }

    [Fact]
    public async Task Logs_NameRequestsAndIds_NeverTheirTextOrErrors()
    {
        var requestLog = new ListLogger<SqliteRequestStore>();
        var log = new ListLogger<SqliteNotificationStore>();
        var store = Database.OpenWorkflowStore(Time, log);
        var changes = new RequestChanges(new SqliteRequestStore(Database.Open(), requestLog), store, Time);
        var request = await FileAsync();
        const string secret = "Merger with Northwind, strictly confidential";
        var change = Change(request, Assigned, "assign") with { Assignee = ProfessionalOne, ChangesAssignee = true, Note = secret };

        await changes.ApplyAsync(change, [new("k1", request.Number, ProfessionalOne.AadObjectId, "assigned", secret)]);
        await changes.ApplyAsync(change with { ChangeId = "a-later-change" }, []);
        var item = Assert.Single(await store.DueAsync(change.At, 10));
        await store.MarkFailedAsync(item.Id, change.At, "403 " + secret);

        Assert.Equal([4020, 4021], requestLog.Entries.Select(e => e.EventId.Id));
        Assert.Equal([4031, 4030], log.Entries.Select(e => e.EventId.Id));
        var entries = requestLog.Entries.Concat(log.Entries).ToList();
        Assert.All(entries, e => Assert.Contains(request.Number.ToString(), e.Message, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain("Northwind", e.Message, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain(request.Details.Title, e.Message, StringComparison.Ordinal));
        Assert.Contains(item.Id.ToString(CultureInfo.InvariantCulture), log.Entries.Last().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HoursSpent_AreStoredAsExactDecimalText()
    {
        var working = await InProgressAsync(ProfessionalOne);
        await AppliedAsync(Change(working, Completed, "complete", ProfessionalOne) with { HoursSpent = 7.50m, Note = "Done." });

        var stored = await Database.ExecuteScalarAsync(
            "SELECT hours_spent FROM requests WHERE number = " + working.Number.Value.ToString(CultureInfo.InvariantCulture) + ";");

        Assert.Equal("7.50", stored);
    }

    [Fact]
    public async Task MarkRetryAndFailed_CutLongErrors()
    {
        var request = await FileAsync();
        await Workflow.EnqueueAsync([new("k1", request.Number, "aad-alsp-one", "assigned", null)], Time.GetUtcNow());
        var item = Assert.Single(await Workflow.DueAsync(Time.GetUtcNow(), 10));

        await Workflow.MarkRetryAsync(item.Id, Time.GetUtcNow(), new string('x', 10_000));
        var afterRetry = await Database.ExecuteScalarAsync("SELECT length(last_error) FROM outbox;");
        await Workflow.MarkFailedAsync(item.Id, Time.GetUtcNow(), "gone: " + new string('y', 10_000));
        var afterFailure = await Database.ExecuteScalarAsync("SELECT substr(last_error, 1, 6) || length(last_error) FROM outbox;");

        Assert.Equal((long)SqliteNotificationStore.MaxErrorLength, afterRetry);
        Assert.Equal("gone: " + SqliteNotificationStore.MaxErrorLength.ToString(CultureInfo.InvariantCulture), afterFailure);
    }

    [Fact]
    public async Task Open_DatabaseAtSchemaTwo_KeepsItsPendingNotifications_WithoutAnActivityId()
    {
        await using (var connection = await Database.OpenRawConnectionAsync(create: true))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = Migrations.Scripts[0] + Migrations.Scripts[1] + """
                PRAGMA user_version = 2;
                INSERT INTO requests (
                    submission_key, type_key, title, description, business_unit, priority, fields_json,
                    requester_aad_id, requester_name, state, created_at, updated_at, target_date, version)
                VALUES (
                    'old-key', 'nda', 'Old NDA', 'Filed before the upgrade.', 'Sales', 'Normal', '{}',
                    'aad-requester', 'Business Requester', 'Submitted', '2025-03-03T08:30:00.0000000+00:00',
                    '2025-03-03T08:30:00.0000000+00:00', '2025-03-14', 1);
                INSERT INTO outbox (key, number, recipient, kind, text, created_at, next_attempt_at)
                VALUES ('old:k1', 1001, 'aad-alsp-one', 'text', 'Queued before the upgrade.',
                    '2025-03-03T08:30:00.0000000+00:00', '2025-03-03T08:30:00.0000000+00:00');
                """;
            await command.ExecuteNonQueryAsync();
        }

        var item = Assert.Single(await Workflow.DueAsync(Time.GetUtcNow(), 10));

        Assert.Equal(("old:k1", null), (item.Notification.Key, item.ActivityId));
        Assert.Equal((long)SqliteDatabase.SchemaVersion, await Database.ExecuteScalarAsync("PRAGMA user_version;"));
    }

    [Fact]
    public async Task Enqueue_ForAnUnknownRequest_IsRefused_AndSavesNothing()
    {
        var request = await FileAsync();

        await Assert.ThrowsAsync<SqliteException>(() => Workflow.EnqueueAsync(
            [new("k1", request.Number, "aad-alsp-one", "assigned", null), new("k2", new RequestNumber(999_999), "aad-alsp-one", "assigned", null)],
            Time.GetUtcNow()));

        Assert.Equal(0L, await Database.ExecuteScalarAsync("SELECT COUNT(*) FROM outbox;"));
    }

    [Fact]
    public async Task Queries_UseTheWorkflowIndexes()
    {
        await FileAsync();

        var due = await PlanAsync("""
            SELECT id FROM outbox AS o WHERE status = 'pending' AND next_attempt_at <= '2025' AND NOT EXISTS (
            SELECT 1 FROM outbox AS e WHERE e.number = o.number AND e.recipient = o.recipient AND e.status = 'pending'
            AND e.id < o.id AND e.attempts > 0)
            ORDER BY next_attempt_at, id LIMIT 10;
            """);
        var assignee = await PlanAsync("SELECT number FROM requests WHERE assigned_to_aad_id = 'aad-alsp-one' AND state IN ('Assigned', 'InProgress');");

        Assert.Contains("ix_outbox_due", due, StringComparison.Ordinal);
        Assert.Contains("ix_outbox_sequence", due, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", due, StringComparison.Ordinal);
        Assert.Contains("ix_requests_assignee", assignee, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_AfterUpgradeFromSchema4_CountTheRequestsAlreadyThere()
    {
        await AssignAsync(await FileAsync(), ProfessionalTwo);
        await InProgressAsync(ProfessionalOne);
        await CompletedAsync(ProfessionalOne, Time.GetUtcNow().AddDays(1));
        await CompletedAsync(ProfessionalOne, Time.GetUtcNow().AddDays(30));
        var expected = await Requests.ProfessionalStatsAsync();

        // The same rows in a database from before migration 5, then opened by this release.
        await using (var connection = await Database.OpenRawConnectionAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                DROP INDEX ux_request_history_change;
                ALTER TABLE request_history DROP COLUMN change_id;
                DROP TRIGGER requests_stats_insert;
                DROP TRIGGER requests_stats_update;
                DROP TABLE professional_stats;
                ALTER TABLE request_history DROP COLUMN assignee_aad_id;
                ALTER TABLE request_history DROP COLUMN assignee_name;
                ALTER TABLE request_history DROP COLUMN assignee_email;
                ALTER TABLE request_history DROP COLUMN hours_spent;
                ALTER TABLE request_history DROP COLUMN rating;
                DROP TABLE user_settings;
                DROP TABLE request_documents;
                ALTER TABLE request_history DROP COLUMN target_date;
                ALTER TABLE requests DROP COLUMN pauses;
                PRAGMA user_version = 4;
                """;
            await command.ExecuteNonQueryAsync();
        }

        var upgraded = await Database.OpenStore().ProfessionalStatsAsync();

        Assert.Equal((long)SqliteDatabase.SchemaVersion, await Database.ExecuteScalarAsync("PRAGMA user_version;"));
        Assert.Equal(expected.OrderBy(s => s.Key), upgraded.OrderBy(s => s.Key));
        Assert.Equal(new(ProfessionalOne.AadObjectId, 1, 2, 1), upgraded[ProfessionalOne.AadObjectId]);
        Assert.Equal(new(ProfessionalTwo.AadObjectId, 1, 0, 0), upgraded[ProfessionalTwo.AadObjectId]);
    }

    [Fact]
    public async Task Stats_KeptByTriggers_EqualTheDomainRulesOverTheSameRequests()
    {
        var target = Target.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        List<LegalRequest> made =
        [
            await AssignAsync(await FileAsync(), ProfessionalOne),
            await InProgressAsync(ProfessionalOne),
            await InProgressAsync(ProfessionalTwo),
            // The last minute of the target date is on time; the first minute after it is late.
            await CompletedAsync(ProfessionalOne, new DateTimeOffset(target.AddDays(1).AddMinutes(-1))),
            await CompletedAsync(ProfessionalOne, new DateTimeOffset(target.AddDays(1))),
            await CompletedAsync(ProfessionalTwo, new DateTimeOffset(target.AddDays(-3))),
            await FileAsync(),
        ];
        var declined = await InProgressAsync(ProfessionalTwo);
        made.Add(await AppliedAsync(Change(declined, InTriage, "decline", ProfessionalTwo) with { Assignee = null, ChangesAssignee = true }));
        var requests = new List<LegalRequest>();
        foreach (var request in made)
        {
            requests.Add((await Requests.GetAsync(request.Number))!);
        }

        var stats = await Requests.ProfessionalStatsAsync();

        foreach (var professional in new[] { ProfessionalOne, ProfessionalTwo })
        {
            var theirs = requests.Where(r => r.AssignedTo?.AadObjectId == professional.AadObjectId).ToList();
            var expected = new Core.Workflow.ProfessionalStats(
                professional.AadObjectId,
                theirs.Count(r => r.State.IsOpen()),
                theirs.Count(r => r.State == Completed),
                theirs.Count(r => r.IsCompletedOnTime()));
            Assert.Equal(expected, stats[professional.AadObjectId]);
        }

        Assert.Equal(new(ProfessionalOne.AadObjectId, 2, 2, 1), stats[ProfessionalOne.AadObjectId]);
    }

    [Fact]
    public async Task AddSqliteRequestStore_RegistersTheWorkflowStore_OnTheSameDatabase()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSqliteRequestStore(configuration, Database.FilePath);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var workflow = provider.GetRequiredService<INotificationStore>();
        var requests = provider.GetRequiredService<IRequestStore>();
        var filed = (await requests.CreateAsync(new NewRequest(
            "key-1",
            new RequestDraft { TypeKey = "nda", Title = "NDA", Description = "d", BusinessUnit = "Sales", Priority = Priority.Normal },
            Requester,
            null,
            Time.GetUtcNow(),
            Target))).Request;
        var outcome = await new RequestChanges(requests, workflow, Time).ApplyAsync(Change(filed, InTriage, "triage"), []);

        Assert.IsType<SqliteNotificationStore>(workflow);
        Assert.Same(workflow, provider.GetRequiredService<INotificationStore>());
        Assert.Equal(InTriage, (await requests.GetAsync(filed.Number))?.State);
        Assert.IsType<ChangeOutcome.Applied>(outcome);
    }

    private async Task<string> PlanAsync(string sql)
    {
        await using var connection = await Database.OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }

        return string.Join("\n", lines);
    }
}
