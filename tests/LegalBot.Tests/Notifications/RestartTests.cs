using LegalBot.Core.Requests;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace LegalBot.Tests.Notifications;

/// <summary>
/// The process stops while notifications are on their way; a new host on the same database file finishes the
/// job without anyone seeing a message twice.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Fault)]
public sealed class RestartTests(ITestOutputHelper output) : NotificationTestBase(output)
{
    [Fact]
    public async Task CrashAfterTheChannelTookTheMessages_BeforeTheirDeliveryWasRecorded_RestartPostsNoneAgain()
    {
        var (id, triage) = await FileAsync();
        // Another second: the filing's replies and notifications leave Teams' two-second window, so the assignment's
        // messages go out without waiting for a clock that only this test moves.
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        var (toProfessional, toRequester) = AssignmentTexts(id, TeamsUser.Alsp);
        Observed.FailMarkDelivered = true;

        // The first message to each recipient reaches the channel, then recording its delivery fails; the
        // professional's text waits behind their card.
        await AssignAsync(triage, TeamsUser.Alsp);
        await Channel.WaitUntilAsync(
            () => Scenarios.LatestCard(Channel, TeamsUser.Alsp, id) is not null && Scenarios.TextsTo(Channel, TeamsUser.Requester).Contains(toRequester),
            "the assignment's first messages reach the channel");
        await SettleAsync();
        var refused = Observed.DeliveredFailures;
        var atCrash = await OutboxAsync();
        var sentAtCrash = atCrash.Count(r => r.Status == "pending" && r.ActivityId is not null);

        await StopHostsAsync();
        StartHost();
        await SettleAsync();
        await AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(3, refused);
        Assert.Equal(4, atCrash.Count(r => r.Status == "pending"));
        Assert.Equal(2, sentAtCrash);
        Assert.Single(Channel.Proactive(TeamsUser.Alsp.PersonalConversationId), a => new BotReplies([a]).Cards.Any());
        Assert.Equal([toProfessional], Scenarios.TextsTo(Channel, TeamsUser.Alsp));
        Assert.Single(Scenarios.TextsTo(Channel, TeamsUser.Requester), t => t == toRequester);
        await AssertRequestAsync(id, RequestState.Assigned, "created", "assign");
        var (delivered, _, _) = await AssertEachOwedNotificationDeliveredOnceAsync();
        Report($"Store refused 'delivered' {refused} times after the channel took the messages; restarted with {atCrash.Count(r => r.Status == "pending")} rows pending, {sentAtCrash} of them already posted: none posted again, {delivered} notifications delivered once, none pending.");
    }

    [Fact]
    public async Task StoreDownAfterAPost_WhileAnotherDeliveryFails_ThePostIsRecordedOnceTheStoreIsBack_NotSentAgain()
    {
        var (id, triage) = await FileAsync();
        // Another second: the filing's replies and notifications leave Teams' two-second window, so the assignment's
        // messages go out without waiting for a clock that only this test moves.
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        var (_, toRequester) = AssignmentTexts(id, TeamsUser.Alsp);
        Observed.FailMarkSent = true;
        Observed.FailMarkRetry = true;

        // The requester's text reaches the channel and its id cannot be recorded; then the professional's card is
        // refused by the channel and the retry cannot be recorded either: that delivery fails outright.
        Channel.Fault = async http =>
        {
            if (!Channel.IsNotificationPost(http) || (string?)http.Request.RouteValues["conversationId"] != TeamsUser.Alsp.PersonalConversationId)
            {
                return null;
            }

            await Channel.WaitUntilAsync(() => Observed.SentFailures > 0, "the requester's text posted and not recorded");
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        };
        await AssignAsync(triage, TeamsUser.Alsp);
        await Channel.WaitUntilAsync(() => Observed.RetryFailures > 0, "the professional's delivery failed outright");
        Observed.FailMarkSent = false;
        Observed.FailMarkRetry = false;
        Channel.Fault = null;

        // The store is back. The record is tried again after a poll interval, and the failed pass is followed by the
        // next one after another: the clock moves on until nothing is pending.
        for (var step = 0; step < 100 && (await OutboxAsync()).Any(r => r.Status == "pending"); step++)
        {
            Clock.Advance(PollInterval);
            try
            {
                await Channel.WaitUntilAsync(() => false, "a channel call", TimeSpan.FromMilliseconds(100));
            }
            catch (TimeoutException)
            {
            }
        }

        await AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.Single(Scenarios.TextsTo(Channel, TeamsUser.Requester), t => t == toRequester);
        await AssertRequestAsync(id, RequestState.Assigned, "created", "assign");
        var (delivered, _, _) = await AssertEachOwedNotificationDeliveredOnceAsync();
        Report($"Store down after the requester's text was posted ({Observed.SentFailures} records refused) while the professional's delivery failed ({Observed.RetryFailures} retries refused): the text was recorded once the store was back, posted once; {delivered} notifications delivered once.");
    }

    [Fact]
    public async Task RestartWhileSendsAreInFlight_TheNewHostDeliversEachPendingNotificationOnce()
    {
        var (id, triage) = await FileAsync();
        // Another second: the filing's replies and notifications leave Teams' two-second window, so the assignment's
        // messages go out without waiting for a clock that only this test moves.
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        var hung = 0;
        Channel.Fault = async http =>
        {
            if (!Channel.IsNotificationPost(http) && !HttpMethods.IsPut(http.Request.Method))
            {
                return null;
            }

            Interlocked.Increment(ref hung);
            await Task.Delay(Timeout.Infinite, http.RequestAborted);
            return null;
        };

        await AssignAsync(triage, TeamsUser.Alsp);
        await Channel.WaitUntilAsync(() => Volatile.Read(ref hung) >= 2, "sends in flight");
        await StopHostsAsync();
        var pendingAtStop = (await OutboxAsync()).Count(r => r.Status == "pending");
        Channel.Fault = null;
        StartHost();
        await SettleAsync();
        await AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.True(pendingAtStop >= 2, $"Only {pendingAtStop} notifications were pending when the host stopped.");
        var (toProfessional, toRequester) = AssignmentTexts(id, TeamsUser.Alsp);
        Assert.Equal([toProfessional], Scenarios.TextsTo(Channel, TeamsUser.Alsp));
        Assert.Single(Scenarios.TextsTo(Channel, TeamsUser.Requester), t => t == toRequester);
        await AssertRequestAsync(id, RequestState.Assigned, "created", "assign");
        var (delivered, _, _) = await AssertEachOwedNotificationDeliveredOnceAsync();
        Report($"Host stopped with {Volatile.Read(ref hung)} sends hanging and {pendingAtStop} notifications pending; the new host delivered them: {delivered} notifications delivered once, none pending.");
    }
}
