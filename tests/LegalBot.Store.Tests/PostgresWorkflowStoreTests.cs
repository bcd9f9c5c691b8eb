using System.Collections.Concurrent;
using System.Globalization;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Store.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;
using static LegalBot.Core.Requests.RequestState;

namespace LegalBot.Store.Tests;

/// <summary>The workflow contract on PostgreSQL, and what only a store shared by several instances must do.</summary>
public sealed class PostgresWorkflowStoreTests : WorkflowStoreContract<PostgresBackend>
{
    /// <summary>Another instance's stores on the same database.</summary>
    private async Task<StoreSet> OtherInstanceAsync() => await Backend.CreateAsync(Time);

    [Fact]
    public async Task Due_TwoInstancesClaimingAtOnce_NeverGetTheSameRow_AndTogetherDeliverEachOnce()
    {
        var requests = new List<LegalRequest>();
        for (var i = 0; i < 6; i++)
        {
            requests.Add(await FileAsync());
        }

        var now = Time.GetUtcNow();
        var owed = requests.SelectMany(r => Enumerable.Range(0, 40).Select(i => Notify(r, $"{r.Number}:{i}", "aad-person-" + (i % 7)))).ToList();
        await Workflow.EnqueueAsync(owed, now);
        var instances = new[] { Workflow, (await OtherInstanceAsync()).Notifications, (await OtherInstanceAsync()).Notifications };

        // Each instance claims small batches and "sends" what it got (recording it) before marking it delivered.
        var sent = new ConcurrentQueue<(int Instance, OutboxItem Item)>();
        await Task.WhenAll(instances.Select((store, index) => Task.Run(async () =>
        {
            var idle = 0;
            while (idle < 3)
            {
                var due = await store.DueAsync(now, 7);
                idle = due.Count == 0 ? idle + 1 : 0;
                foreach (var item in due)
                {
                    sent.Enqueue((index, item));
                    await store.MarkDeliveredAsync(item.Id, now);
                }
            }
        })));

        Assert.Equal(owed.Count, sent.Count);
        Assert.Equal(owed.Select(n => n.Key).Order(), sent.Select(s => s.Item.Notification.Key).Order());
        Assert.True(sent.Select(s => s.Instance).Distinct().Count() > 1, "Only one instance delivered anything.");

        // A recipient's notifications about a request went out in the order they were saved, whoever sent them.
        foreach (var chain in sent.GroupBy(s => (s.Item.Notification.Number, s.Item.Notification.Recipient)))
        {
            var ids = chain.Select(s => s.Item.Id).ToList();
            Assert.Equal(ids.Order(), ids);
        }
    }

    [Fact]
    public async Task Due_RowsClaimedByAnInstance_AndTheRecipientsLaterRows_WaitForIt_UntilItsClaimRunsOut()
    {
        var request = await FileAsync();
        var now = Time.GetUtcNow();
        await Workflow.EnqueueAsync([Notify(request, "alsp-1"), Notify(request, "counsel-1", "aad-counsel")], now);
        var other = (await OtherInstanceAsync()).Notifications;

        var mine = await Workflow.DueAsync(now, 10);
        await Workflow.MarkSentAsync(mine[0].Id, "activity-1");
        await Workflow.EnqueueAsync([Notify(request, "alsp-2")], now);
        var othersWhileClaimed = await other.DueAsync(now.AddMinutes(4), 10);
        var mineAgain = await Workflow.DueAsync(now.AddMinutes(1), 10);
        var othersAfterTheLease = await other.DueAsync(now.AddMinutes(1) + new PostgresStoreOptions().OutboxClaimLease, 10);

        Assert.Equal(["alsp-1", "counsel-1"], mine.Select(d => d.Notification.Key));
        Assert.Empty(othersWhileClaimed);
        Assert.Equal(["alsp-1", "counsel-1", "alsp-2"], mineAgain.Select(d => d.Notification.Key));
        Assert.Equal(["alsp-1", "counsel-1", "alsp-2"], othersAfterTheLease.Select(d => d.Notification.Key));
        Assert.Equal("activity-1", othersAfterTheLease[0].ActivityId);
    }

    /// <summary>
    /// A pass whose sends wait for room in a chat's rate windows runs past the lease: while it renews its claim, no other
    /// instance gets the row; once renewals stop (the instance died), the row goes to the next instance to ask, and
    /// the first can no longer renew it.
    /// </summary>
    [Fact]
    public async Task Due_ARenewedClaim_HoldsPastTheOriginalLease_AndRunsOutOnlyOnceRenewalsStop()
    {
        var request = await FileAsync();
        var now = Time.GetUtcNow();
        var lease = Workflow.ClaimLease!.Value;
        await Workflow.EnqueueAsync([Notify(request, "alsp-1")], now);
        var other = (await OtherInstanceAsync()).Notifications;
        var row = Assert.Single(await Workflow.DueAsync(now, 10)).Id;

        var renewedOnce = await Workflow.RenewClaimsAsync([row], now + (lease / 3));
        var renewedTwice = await Workflow.RenewClaimsAsync([row], now + (lease * 2 / 3));
        var renewedThrice = await Workflow.RenewClaimsAsync([row], now + lease - TimeSpan.FromSeconds(1));
        var othersPastTheOriginalLease = await other.DueAsync(now + lease + TimeSpan.FromSeconds(1), 10);
        var othersBeforeTheRenewedLease = await other.DueAsync(now + (2 * lease) - TimeSpan.FromSeconds(2), 10);
        var othersOnceItRanOut = await other.DueAsync(now + (2 * lease), 10);
        var mineAfterTheTakeOver = await Workflow.RenewClaimsAsync([row], now + (2 * lease) + TimeSpan.FromSeconds(1));
        var othersRenewal = await other.RenewClaimsAsync([row], now + (2 * lease) + TimeSpan.FromSeconds(1));

        Assert.Equal([row], renewedOnce);
        Assert.Equal([row], renewedTwice);
        Assert.Equal([row], renewedThrice);
        Assert.Empty(othersPastTheOriginalLease);
        Assert.Empty(othersBeforeTheRenewedLease);
        Assert.Equal([row], othersOnceItRanOut.Select(d => d.Id));
        Assert.Empty(mineAfterTheTakeOver);
        Assert.Equal([row], othersRenewal);
    }

    [Fact]
    public async Task Due_ARetryEndsTheClaim_SoAnyInstanceMakesIt()
    {
        var request = await FileAsync();
        var now = Time.GetUtcNow();
        await Workflow.EnqueueAsync([Notify(request, "alsp-1"), Notify(request, "alsp-2")], now);
        var other = (await OtherInstanceAsync()).Notifications;
        var first = (await Workflow.DueAsync(now, 10))[0];

        await Workflow.MarkRetryAsync(first.Id, now.AddSeconds(30), "HTTP 429");
        var beforeTheRetry = await other.DueAsync(now.AddSeconds(29), 10);
        var atTheRetry = await other.DueAsync(now.AddSeconds(30), 10);

        Assert.Empty(beforeTheRetry);
        Assert.Equal(["alsp-1"], atTheRetry.Select(d => d.Notification.Key));
    }

    [Fact]
    public async Task Apply_ConcurrentChangesFromTwoInstances_OneWins_AndItsNoticeIsQueuedOnce()
    {
        var request = await FileAsync();
        var instances = new[] { Changes, new RequestChanges((await OtherInstanceAsync()).Requests, (await OtherInstanceAsync()).Notifications, Time) };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => instances[i % 2].ApplyAsync(
            Change(request, Assigned, "assign") with { Assignee = new Person("aad-pro-" + i, "Pro " + i), ChangesAssignee = true },
            [Notify(request, $"{request.Number}:v{request.Version}:requester", "aad-requester", "assigned to Pro " + i)]))));

        var winner = Assert.Single(outcomes.OfType<ChangeOutcome.Applied>()).Request;
        var due = Assert.Single(await Workflow.DueAsync(Time.GetUtcNow(), 10));
        Assert.Equal("assigned to " + winner.AssignedTo!.Name, due.Notification.Text);
        Assert.Empty(await Workflow.StagedAsync(Time.GetUtcNow(), 10));
    }

    [Fact]
    public async Task History_LinesWrittenByApply_CannotBeUpdatedOrDeleted()
    {
        var assigned = await AssignAsync(await FileAsync(), ProfessionalOne);
        await using var connection = new NpgsqlConnection(await Backend.ConnectionStringAsync());
        await connection.OpenAsync();

        foreach (var sql in new[]
        {
            "UPDATE request_history SET note = 'rewritten' WHERE number = $1 AND action = 'assign'",
            "DELETE FROM request_history WHERE number = $1 AND action = 'assign'",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = assigned.Number.Value } } };
            var exception = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", exception.MessageText, StringComparison.Ordinal);
        }

        Assert.Equal(2, (await Requests.GetHistoryAsync(assigned.Number)).Count);
    }

    [Fact]
    public async Task Logs_NameRequestsAndIds_NeverTheirTextOrErrors()
    {
        var database = await Backend.OpenAsync();
        var requestLog = new ListLogger<PostgresRequestStore>();
        var log = new ListLogger<PostgresNotificationStore>();
        var store = new PostgresNotificationStore(database, Time, Options.Create(new PostgresStoreOptions()), log);
        var changes = new RequestChanges(new PostgresRequestStore(database, requestLog), store, Time);
        var request = await FileAsync();
        const string secret = "Merger with Northwind, strictly confidential";
        var change = Change(request, Assigned, "assign") with { Assignee = ProfessionalOne, ChangesAssignee = true, Note = secret };

        await changes.ApplyAsync(change, [new("k1", request.Number, ProfessionalOne.AadObjectId, "assigned", secret)]);
        await changes.ApplyAsync(change, []);
        await changes.ApplyAsync(change with { ChangeId = "a-later-change" }, []);
        var item = Assert.Single(await store.DueAsync(change.At, 10));
        await store.MarkFailedAsync(item.Id, change.At, "403 " + secret);

        Assert.Equal([7020, 7021], requestLog.Entries.Select(e => e.EventId.Id));
        Assert.Equal([7031, 7030], log.Entries.Select(e => e.EventId.Id));
        var entries = requestLog.Entries.Concat(log.Entries).ToList();
        Assert.All(entries, e => Assert.Contains(request.Number.ToString(), e.Message, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain("Northwind", e.Message, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain(request.Details.Title, e.Message, StringComparison.Ordinal));
        Assert.Contains(item.Id.ToString(CultureInfo.InvariantCulture), log.Entries.Last().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_KeptByTheTrigger_EqualTheRuleComputedOverTheRequests()
    {
        await CompletedAsync(ProfessionalOne, new DateTimeOffset(2025, 3, 14, 23, 30, 0, TimeSpan.FromHours(-5)));
        await CompletedAsync(ProfessionalOne, new DateTimeOffset(2025, 3, 15, 0, 30, 0, TimeSpan.FromHours(1)));
        var declined = await AssignAsync(await FileAsync(), ProfessionalTwo);
        await AppliedAsync(Change(declined, InTriage, "decline", ProfessionalTwo) with { ChangesAssignee = true, Note = "No." });
        var moved = await AssignAsync(await FileAsync(), ProfessionalOne);
        await AppliedAsync(Change(moved, Assigned, "reassign") with { Assignee = ProfessionalTwo, ChangesAssignee = true });
        await InProgressAsync(ProfessionalTwo);

        var all = new List<LegalRequest>();
        string? token = null;
        do
        {
            var page = await Requests.ListByRequesterAsync(Requester.AadObjectId, token, 50);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        var expected = all.Where(r => r.AssignedTo is not null && (RequestRules.IsOpen(r.State) || r.State == Completed))
            .GroupBy(r => r.AssignedTo!.AadObjectId)
            .ToDictionary(
                g => g.Key,
                g => new Core.Workflow.ProfessionalStats(
                    g.Key, g.Count(r => RequestRules.IsOpen(r.State)), g.Count(r => r.State == Completed), g.Count(RequestRules.IsCompletedOnTime)));
        Assert.Equal(expected.OrderBy(e => e.Key), (await Requests.ProfessionalStatsAsync()).OrderBy(e => e.Key));
    }
}
