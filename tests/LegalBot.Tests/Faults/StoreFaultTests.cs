using System.Diagnostics;
using System.Text.Json.Nodes;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace LegalBot.Tests.Faults;

/// <summary>
/// The database file is locked by another process (a connection holding <c>BEGIN EXCLUSIVE</c>, longer than the
/// host's busy timeout) while users talk to the bot and while notifications go out. Users get a plain apology,
/// <c>/readyz</c> says so and recovers, nothing confirmed is lost and the dispatcher carries on.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Fault)]
public sealed class StoreFaultTests(ITestOutputHelper output) : FaultTestBase(output, new SqliteRequests())
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task DatabaseLockedDuringTurns_UsersGetAnApology_ReadyzReportsIt_AndEverythingConfirmedSurvives()
    {
        var (filed, triage) = await FileAsync();
        var user = As(TeamsUser.Requester);
        Assert.Contains("Title", (await user.SayAsync("I need an NDA")).Texts.Last());

        var watch = Stopwatch.StartNew();
        await using var lockHolder = await LockAsync();
        var readyWhileLocked = await ReadyzAsync();

        // A message and a card action while the file is locked.
        var message = user.Message("Supplier NDA", null);
        using var messageResponse = await user.PostAsync(message);
        var messageTook = watch.Elapsed;
        var apology = Channel.Posted(user.ConversationId).Where(a => (string?)a["replyToId"] == (string)message["id"]!).Select(a => (string?)a["text"]).OfType<string>().ToList();
        var staff = As(TeamsUser.LegalStaff);
        var (verb, data) = BotReplies.ExecuteAction(triage, "Assign");
        data[LegalBot.Cards.CardActions.InputId(LegalBot.Core.Workflow.WorkflowAction.Assign, LegalBot.Cards.CardActions.AssigneeField)] = TeamsUser.Alsp.AadObjectId;
        var invoke = staff.Message(null, null);
        invoke["type"] = "invoke";
        invoke["name"] = "adaptiveCard/action";
        invoke["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data }, ["trigger"] = "manual" };
        using var invokeResponse = await staff.PostAsync(invoke);
        var invokeBody = await invokeResponse.Content.ReadAsStringAsync();
        var lockedFor = watch.Elapsed;
        await ReleaseAsync(lockHolder);
        var recovered = await Host.WaitAsync("/readyz", healthy: true, TimeSpan.FromSeconds(30));

        Assert.Equal(200, (int)messageResponse.StatusCode);
        var said = Assert.Single(apology);
        Assert.Contains("Sorry", said, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", said, StringComparison.Ordinal);
        Assert.Equal(200, (int)invokeResponse.StatusCode);
        var answer = new InvokeAnswer(JsonNode.Parse(invokeBody)!.AsObject());
        Assert.Contains("Sorry", answer.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", invokeBody, StringComparison.Ordinal);

        // After the release: the request filed before is intact, the user can carry on and file another, the
        // assignment refused during the lock can be made now.
        var again = await user.SayAsync("new request");
        Assert.NotEmpty(again.Cards);
        var second = await Scenarios.FileNdaAsync(As(TeamsUser.Requester), "Second NDA");
        var assigned = await AssignAsync(staff, triage, TeamsUser.Alsp);
        Assert.Contains("Assigned", assigned.Card.Json());
        var requests = await RequestsAsync();
        Assert.Equal(["created", "assign"], Assert.Single(requests, r => r.Number == Number(filed)).History);
        Assert.Equal(["created"], Assert.Single(requests, r => r.Number == Number(second)).History);
        Assert.All(requests, AssertConsistent);
        await WaitOutboxSettledAsync();
        var (delivered, duplicated) = await AssertOwedNotificationsDeliveredAsync();
        Report($"Faults: database file locked (BEGIN EXCLUSIVE from another process) for {lockedFor.TotalSeconds:0.0} s during a message and a card action. "
            + $"Outcomes: /readyz answered {readyWhileLocked} while locked; the message got 200 after {messageTook.TotalSeconds:0.0} s with '{said}'; "
            + $"the card action got 200 with '{answer.Message}'; /readyz healthy {recovered.TotalSeconds:0.0} s after the release; "
            + $"{requests.Count} requests intact, the conversation carried on; {delivered} notifications delivered, {duplicated.Count} duplicated.");
    }

    [Fact]
    public async Task DatabaseLockedWhileTheChannelTakesNotifications_TheDispatcherResumes_AndPostsNothingTwice()
    {
        var (id, triage) = await FileAsync();
        await WaitOutboxSettledAsync();

        // The assignment's notifications wait at the channel; the file is locked; then the channel takes them, so
        // the host cannot record what it posted until the lock goes.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = 0;
        Channel.Fault = async http =>
        {
            if (!Channel.IsNotificationPost(http) && !HttpMethods.IsPut(http.Request.Method))
            {
                return null;
            }

            Interlocked.Increment(ref waiting);
            await gate.Task.WaitAsync(http.RequestAborted);
            return null;
        };
        await AssignAsync(As(TeamsUser.LegalStaff), triage, TeamsUser.Alsp);
        await Channel.WaitUntilAsync(() => Volatile.Read(ref waiting) >= 2, "notifications waiting at the channel");
        var watch = Stopwatch.StartNew();
        await using var lockHolder = await LockAsync();
        var readyWhileLocked = await ReadyzAsync();
        gate.SetResult();
        var failuresBefore = DispatcherFailures();
        await WaitForAsync(() => DispatcherFailures() > failuresBefore, "the dispatcher to find the store locked", TimeSpan.FromSeconds(60));
        var lockedFor = watch.Elapsed;
        await ReleaseAsync(lockHolder);
        Channel.Fault = null;
        var recovered = await Host.WaitAsync("/readyz", healthy: true, TimeSpan.FromSeconds(30));

        await WaitOutboxSettledAsync();
        var (delivered, duplicated) = await AssertOwedNotificationsDeliveredAsync();
        var request = Assert.Single(await RequestsAsync(), r => r.Number == Number(id));
        Assert.Equal(["created", "assign"], request.History);
        Assert.Empty(duplicated);
        Report($"Faults: database file locked for {lockedFor.TotalSeconds:0.0} s while the channel took {Volatile.Read(ref waiting)} notification calls. "
            + $"Outcomes: /readyz answered {readyWhileLocked} while locked and was healthy {recovered.TotalSeconds:0.0} s after the release; "
            + $"the dispatcher reported the store unavailable {DispatcherFailures()} times and resumed; {delivered} notifications delivered, {duplicated.Count} duplicated.");
    }

    /// <summary>How often the host logged that the dispatcher could not use the store (read the outbox, record a post or a retry).</summary>
    private int DispatcherFailures() => Host.Output.Count(l => DispatcherStoreEvents.Any(id => l.Contains(id, StringComparison.Ordinal)));

    private static readonly string[] DispatcherStoreEvents = ["[2001]", "[2003]", "[2005]"];

    /// <summary>/readyz's status, or "no answer within 5 s", and how long it took.</summary>
    private async Task<string> ReadyzAsync()
    {
        var watch = Stopwatch.StartNew();
        var status = await Host.StatusAsync("/readyz", ProbeTimeout);
        return $"{(status is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "nothing")} in {watch.Elapsed.TotalSeconds:0.0} s";
    }

    /// <summary>Polls a condition on the host process (its log) with a short, bounded delay.</summary>
    private static async Task WaitForAsync(Func<bool> condition, string what, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new Xunit.Sdk.XunitException("Timed out waiting for " + what);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Another process's connection holding the database's write lock (<c>BEGIN EXCLUSIVE</c>).</summary>
    private async Task<SqliteConnection> LockAsync()
    {
        var connection = await TestDatabase.OpenAsync(DatabasePath, SqliteOpenMode.ReadWrite);
        await using var command = connection.CreateCommand();
        command.CommandText = "BEGIN EXCLUSIVE;";
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task ReleaseAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "ROLLBACK;";
        await command.ExecuteNonQueryAsync();
        await connection.CloseAsync();
    }
}
