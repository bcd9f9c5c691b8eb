using System.Text.Json.Nodes;
using LegalBot.Cards;
using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.Workflow;

/// <summary>
/// Notices say what was written (the question, the reason, the outcome), so they read on their own however far
/// up the chat the request's card is, and a question can be answered from its notice.
/// </summary>
public class NoticeTests : HostTestBase
{
    private const string Question = "Is the pilot limited to the EU?";

    private async Task<string> AssignedAsync()
    {
        var (id, triage) = await FileForTriageAsync();
        await As(TeamsUser.LegalStaff).ExecuteAsync(Scenarios.Shown(Channel, TeamsUser.LegalStaff, triage), "Assign", Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId));
        return id;
    }

    private async Task<(string Id, JsonObject Card)> InProgressAsync()
    {
        var id = await AssignedAsync();
        var accepted = await As(TeamsUser.Alsp).ExecuteAsync(await Scenarios.CardAboutAsync(Channel, TeamsUser.Alsp, id), "Accept");
        return (id, accepted.Card);
    }

    private async Task<(string Id, JsonObject Notice)> AskedAsync(string question = Question)
    {
        var (id, card) = await InProgressAsync();
        await As(TeamsUser.Alsp).ExecuteAsync(card, "Send", Scenarios.Input(WorkflowAction.AskRequester, CardActions.NoteField, question));
        return (id, await NoticeAsync(TeamsUser.Requester, "Send answer"));
    }

    /// <summary>The notice card with this button that reached the user.</summary>
    private async Task<JsonObject> NoticeAsync(TeamsUser user, string button)
    {
        JsonObject? notice = null;
        await Channel.WaitUntilAsync(
            () => (notice = Channel.Proactive(user.PersonalConversationId).SelectMany(a => new BotReplies([a]).Cards)
                .LastOrDefault(c => BotReplies.ExecuteTitles(c).Contains(button))) is not null,
            $"a notice with '{button}' for {user.Name}");
        return notice!;
    }

    private Task<string> TextAsync(TeamsUser user, string containing)
    {
        string? text = null;
        return Channel.WaitUntilAsync(
            () => (text = Scenarios.TextsTo(Channel, user).LastOrDefault(t => t.Contains(containing, StringComparison.Ordinal))) is not null,
            $"a text to {user.Name} containing '{containing}'").ContinueWith(_ => text!, TaskScheduler.Default);
    }

    private async Task<LegalRequest> RequestAsync(string id) =>
        (await Store.GetAsync(RequestNumber.TryParse(id, out var n) ? n.Value : default))!;

    [Fact]
    public async Task Question_TheNoticeQuotesIt_AndTheRequesterAnswersFromTheNotice()
    {
        var (id, notice) = await AskedAsync();

        Assert.Contains("ALSP Professional One has a question on " + id, notice.Json());
        Assert.Contains(Question, notice.Json());

        var answered = await As(TeamsUser.Requester).ExecuteAsync(notice, "Send answer", Scenarios.Input(WorkflowAction.Answer, CardActions.NoteField, "Yes, EU only."));

        Assert.Contains("Your answer on " + id + " was sent", answered.Card.Json());
        Assert.Contains("Yes, EU only.", answered.Card.Json());
        Assert.DoesNotContain("Send answer", BotReplies.ExecuteTitles(answered.Card));
        var request = await RequestAsync(id);
        Assert.Equal(RequestState.InProgress, request.State);
        Assert.Equal("Yes, EU only.", (await Store.GetHistoryAsync(request.Number))[^1].Note);

        // The professional's notice carries the answer; the requester's request card shows the change.
        Assert.Contains("“Yes, EU only.”", await TextAsync(TeamsUser.Alsp, "answered your question on " + id));
        await Channel.WaitUntilAsync(
            () => Scenarios.LatestCard(Channel, TeamsUser.Requester, id)?.Json().Contains("In progress", StringComparison.Ordinal) == true,
            "the requester's request card shows the request in progress");
    }

    [Fact]
    public async Task Question_AnsweredFromTheNoticeOnAClientWithoutUniversalActions_OneShortLine()
    {
        var (id, notice) = await AskedAsync();
        var noticeId = (string)Channel.Proactive(TeamsUser.Requester.PersonalConversationId).Last(a => new BotReplies([a]).Cards.Any(c => BotReplies.ExecuteTitles(c).Contains("Send answer")))["id"]!;
        var data = BotReplies.ActionData(notice, "Send answer");
        data[CardActions.InputId(WorkflowAction.Answer, CardActions.NoteField)] = "Yes, EU only.";

        var press = await As(TeamsUser.Requester).SubmitOnAsync(noticeId, data);

        var line = Assert.Single(press.Activities);
        Assert.Equal($"Thanks, your answer is on {id}; I've let them know.", (string?)line["text"]);
        Assert.Equal(RequestState.InProgress, (await RequestAsync(id)).State);
    }

    [Fact]
    public async Task Question_SomeoneElsePressingTheNoticesButton_IsRefused_AndNothingChanges()
    {
        var (id, notice) = await AskedAsync();
        var answer = Scenarios.Input(WorkflowAction.Answer, CardActions.NoteField, "Forged answer.");

        // Legal staff can see the request but may not answer for the requester; another requester cannot see it.
        var byStaff = await As(TeamsUser.LegalStaff).ExecuteAsync(notice, "Send answer", answer);
        var byStranger = await As(TeamsUser.OtherRequester).ExecuteAsync(notice, "Send answer", answer);
        var data = BotReplies.ActionData(notice, "Send answer");
        data[CardActions.InputId(WorkflowAction.Answer, CardActions.NoteField)] = "Forged answer.";
        var byStaffFallback = await As(TeamsUser.LegalStaff).SubmitAsync(data);

        Assert.Contains("Only the requester", byStaff.Message);
        Assert.Contains("couldn't find", byStranger.Message);
        Assert.Contains("Only the requester", Assert.Single(byStaffFallback.Texts));
        var request = await RequestAsync(id);
        Assert.Equal(RequestState.WaitingOnRequester, request.State);
        Assert.DoesNotContain(await Store.GetHistoryAsync(request.Number), h => h.Note == "Forged answer.");
    }

    [Fact]
    public async Task Question_AnsweredOnTheRequestCardFirst_TheNoticesAnswerIsRefusedAsStale()
    {
        var (id, notice) = await AskedAsync();
        var requesterCard = Scenarios.CardActivityId(Channel, TeamsUser.Requester, id);
        await Channel.WaitUntilAsync(() => Scenarios.Shown(Channel, TeamsUser.Requester, requesterCard).Json().Contains(Question, StringComparison.Ordinal), "the request card shows the question");
        await As(TeamsUser.Requester).ExecuteAsync(Scenarios.Shown(Channel, TeamsUser.Requester, requesterCard), "Send", Scenarios.Input(WorkflowAction.Answer, CardActions.NoteField, "Yes."));

        var late = await As(TeamsUser.Requester).ExecuteAsync(notice, "Send answer", Scenarios.Input(WorkflowAction.Answer, CardActions.NoteField, "Yes, again."));

        Assert.Contains("changed since this card was shown", late.Message);
        Assert.Single(await Store.GetHistoryAsync((await RequestAsync(id)).Number), h => h.Action == "answer");
    }

    [Fact]
    public async Task AskForInfo_TheNoticeQuotesWhatIsNeeded_AndTheAnswerFromItReachesLegalStaff()
    {
        var (id, triage) = await FileForTriageAsync();
        await As(TeamsUser.LegalStaff).ExecuteAsync(Scenarios.Shown(Channel, TeamsUser.LegalStaff, triage), "Send", Scenarios.Input(WorkflowAction.AskForInfo, CardActions.NoteField, "Which entity signs?"));
        var notice = await NoticeAsync(TeamsUser.Requester, "Send answer");
        Assert.Contains("The legal team needs more information on " + id, notice.Json());
        Assert.Contains("Which entity signs?", notice.Json());

        await As(TeamsUser.Requester).ExecuteAsync(notice, "Send answer", Scenarios.Input(WorkflowAction.ProvideInfo, CardActions.NoteField, "Contoso Ltd signs."));

        Assert.Equal(RequestState.InTriage, (await RequestAsync(id)).State);
        Assert.Contains("“Contoso Ltd signs.”", await TextAsync(TeamsUser.LegalStaff, "added information to " + id));
    }

    [Fact]
    public async Task DeclineRejectAndCompletion_TheNoticesQuoteTheReasonAndTheOutcome()
    {
        var id = await AssignedAsync();
        await As(TeamsUser.Alsp).ExecuteAsync(await Scenarios.CardAboutAsync(Channel, TeamsUser.Alsp, id), "Decline", Scenarios.Input(WorkflowAction.Decline, CardActions.NoteField, "Conflict of interest with Acme."));
        Assert.Contains("“Conflict of interest with Acme.”", await TextAsync(TeamsUser.LegalStaff, "declined " + id));

        await Channel.WaitUntilAsync(() => BotReplies.ExecuteTitles(Scenarios.LatestCard(Channel, TeamsUser.LegalStaff, id)!).Contains("Reject"), "legal staff can reject");
        await As(TeamsUser.LegalStaff).ExecuteAsync(Scenarios.LatestCard(Channel, TeamsUser.LegalStaff, id)!, "Reject", Scenarios.Input(WorkflowAction.Reject, CardActions.NoteField, "Use the standard template instead."));
        Assert.Contains("“Use the standard template instead.”", await TextAsync(TeamsUser.Requester, id + " was rejected by Legal Counsel"));

        var (done, card) = await InProgressAsync();
        await As(TeamsUser.Alsp).ExecuteAsync(card, "Complete", new JsonObject
        {
            [CardActions.InputId(WorkflowAction.Complete, CardActions.HoursField)] = "3.5",
            [CardActions.InputId(WorkflowAction.Complete, CardActions.NoteField)] = "Signed on our paper.",
        });
        var completed = await TextAsync(TeamsUser.Requester, done + " was completed by ALSP Professional One after 3.5 hours");
        Assert.Contains("“Signed on our paper.”", completed);
    }

    [Fact]
    public async Task LongQuestion_IsShortenedWithAnEllipsis_AndMarkdownInItStaysText()
    {
        var question = "**Urgent** [see here](https://evil.example) " + new string('q', 600);
        var (_, notice) = await AskedAsync(question);

        var quoted = notice.Json();
        Assert.DoesNotContain(new string('q', 300), quoted);
        Assert.Contains(new string('q', 200) + "…", quoted);
        // Quoted in a RichTextBlock's TextRun, where no Markdown applies: it shows exactly as typed, and no
        // TextBlock (which would render it) is on the card.
        Assert.Contains("**Urgent** [see here](https://evil.example) ", quoted);
        Assert.DoesNotContain("\"TextBlock\"", quoted);
    }
}
