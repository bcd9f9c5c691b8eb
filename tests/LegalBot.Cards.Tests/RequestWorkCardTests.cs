using System.Text.Json.Nodes;
using LegalBot.Cards.Builders;
using LegalBot.Cards.Model;
using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;

namespace LegalBot.Cards.Tests;

public sealed class RequestWorkCardTests
{
    private const string Staff = "staff";
    private const string Alsp = "alsp";
    private const string Requester = "requester";

    private static readonly Dictionary<string, string> RequestData = new() { ["number"] = "LR-1042", ["version"] = "7" };

    // ---------- which buttons each party gets ----------

    public static TheoryData<string, RequestState, string[]> ButtonsByView => new()
    {
        { Staff, RequestState.Submitted, ["Assign", "Keep in-house", "Ask for info", "Reject", "Cancel request"] },
        { Staff, RequestState.InTriage, ["Assign", "Keep in-house", "Ask for info", "Reject", "Cancel request"] },
        { Staff, RequestState.NeedsInfo, ["Reject", "Cancel request"] },
        { Staff, RequestState.Assigned, ["Reassign", "Cancel request"] },
        { Staff, RequestState.InProgress, ["Reassign", "Cancel request"] },
        { Staff, RequestState.WaitingOnRequester, ["Reassign", "Cancel request"] },
        { Staff, RequestState.KeptInHouse, ["Complete", "Cancel request"] },
        { Staff, RequestState.Completed, [] },
        { Staff, RequestState.Rejected, [] },
        { Staff, RequestState.Cancelled, [] },
        { Alsp, RequestState.Assigned, ["Accept", "Decline"] },
        { Alsp, RequestState.InProgress, ["Ask the requester", "Complete"] },
        { Alsp, RequestState.WaitingOnRequester, [] },
        { Alsp, RequestState.Completed, [] },
        { Requester, RequestState.Submitted, ["Cancel request"] },
        { Requester, RequestState.InTriage, ["Cancel request"] },
        { Requester, RequestState.Assigned, ["Cancel request"] },
        { Requester, RequestState.NeedsInfo, ["Provide info", "Cancel request"] },
        { Requester, RequestState.InProgress, [] },
        { Requester, RequestState.WaitingOnRequester, ["Answer"] },
        { Requester, RequestState.KeptInHouse, [] },
        { Requester, RequestState.Completed, ["Rate"] },
    };

    [Theory]
    [MemberData(nameof(ButtonsByView))]
    public void EachParty_GetsOneButtonPerActionItMayTake(string role, RequestState state, string[] expected)
    {
        var card = View(role, state);

        Assert.Equal(expected, TopTitles(card));
        Assert.Equal(
            // These samples requested no due date: there is none to accept.
            WorkSamples.Available(Request(state), Viewer(role)).Where(t => t.Action != WorkflowAction.AcceptRequestedDate).Select(t => CardActions.Verb(t.Action)).Distinct(),
            card.Typed("Action.Execute").Select(a => (string)a["verb"]!).Where(v => v != CardActions.RefreshVerb));
    }

    [Fact]
    public void AnEarlierRequestedDate_IsAButtonNamingIt_ForLegalStaff_AndALaterOneIsNot()
    {
        var request = WorkSamples.Request(RequestState.InTriage);
        var available = WorkSamples.Available(request, Viewer(Staff));
        CardJson Build(DateOnly requested) => new(RequestWorkCard.Build(new RequestWorkModel(
            request with { Details = request.Details with { RequestedDueDate = requested } }, "NDA", [], available, [], [])));

        var earlier = Build(new DateOnly(2026, 11, 20));
        var later = Build(new DateOnly(2026, 11, 30));

        var button = Assert.Single(earlier.Typed("Action.Execute"), a => (string?)a["verb"] == CardActions.AcceptRequestedDateVerb);
        Assert.Equal("Accept requested date (20 Nov 2026)", (string)button["title"]!);
        Assert.DoesNotContain(later.Typed("Action.Execute"), a => (string?)a["verb"] == CardActions.AcceptRequestedDateVerb);
        Assert.Equal("30 Nov 2026 · later than the turnaround date, which stands", later.Fact("Requested due date"));
    }

    [Fact]
    public void ThePartiesWithNothingToDo_GetTheReadOnlyCard()
    {
        foreach (var (role, state) in new[] { (Alsp, RequestState.WaitingOnRequester), (Requester, RequestState.InProgress), (Staff, RequestState.Completed) })
        {
            var card = View(role, state);

            Assert.Null(card.Root["actions"]);
            Assert.Empty(card.Typed("Action.ShowCard"));
            Assert.Empty(card.Typed("ActionSet"));
            Assert.Empty(card.Inputs);
            Assert.Equal([CardActions.RefreshVerb], card.Typed("Action.Execute").Select(a => (string)a["verb"]!));
        }
    }

    [Fact]
    public void ReadOnly_WhenNothingIsAvailable_ShowsTheRequestWithoutButtons()
    {
        var request = WorkSamples.Request(RequestState.Submitted);

        var card = new CardJson(RequestWorkCard.Build(WorkSamples.ReadOnly(request, WorkSamples.History(request))));

        Assert.Equal("LR-1042 · Supplier NDA for Contoso", card.Rendered[0]);
        Assert.Equal("Submitted", card.Fact("State"));
        Assert.Null(card.Root["actions"]);
        Assert.Empty(card.Typed("Action.ShowCard"));
        Assert.Empty(card.Submits);
        Assert.Empty(card.Inputs);
        Assert.NotNull(card.Root["refresh"]);
    }

    // ---------- what each kind of transition asks for ----------

    public static TheoryData<string, RequestState, WorkflowAction, string, string, string, string?> NoteActions => new()
    {
        { Staff, RequestState.Submitted, WorkflowAction.AskForInfo, "Ask for info", "Question for the requester", "Send", null },
        { Staff, RequestState.Submitted, WorkflowAction.Reject, "Reject", "Reason", "Reject", "destructive" },
        { Staff, RequestState.Submitted, WorkflowAction.Cancel, "Cancel request", "Reason", "Cancel request", "destructive" },
        { Staff, RequestState.KeptInHouse, WorkflowAction.Complete, "Complete", "Outcome", "Complete", "positive" },
        { Alsp, RequestState.Assigned, WorkflowAction.Decline, "Decline", "Reason", "Decline", "destructive" },
        { Alsp, RequestState.InProgress, WorkflowAction.AskRequester, "Ask the requester", "Question for the requester", "Send", null },
        { Requester, RequestState.NeedsInfo, WorkflowAction.ProvideInfo, "Provide info", "Your answer", "Send", "positive" },
        { Requester, RequestState.WaitingOnRequester, WorkflowAction.Answer, "Answer", "Your answer", "Send", "positive" },
    };

    [Theory]
    [MemberData(nameof(NoteActions))]
    public void NeedsNote_OpensAFormWithARequiredNote(string role, RequestState state, WorkflowAction action, string button, string label, string submit, string? style)
    {
        Assert.Equal(Needs.Note, Applied(role, state, action).Needs);
        var card = View(role, state);

        var form = ShowCard(card, button);

        var note = Assert.Single(FormInputs(form));
        Assert.Equal("Input.Text", (string?)note["type"]);
        Assert.Equal(CardActions.InputId(action, CardActions.NoteField), (string?)note["id"]);
        Assert.Equal(label, (string?)note["label"]);
        Assert.True((bool?)note["isMultiline"]);
        Assert.True((bool?)note["isRequired"]);
        Assert.Equal(2000, (int?)note["maxLength"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)note["errorMessage"]));

        var execute = FormSubmit(form);
        AssertExecute(execute, action, submit, style);
        Assert.Null(execute["associatedInputs"]);
    }

    public static TheoryData<string, RequestState, WorkflowAction, string, string?> DirectActions => new()
    {
        { Staff, RequestState.Submitted, WorkflowAction.KeepInHouse, "Keep in-house", null },
        { Alsp, RequestState.Assigned, WorkflowAction.Accept, "Accept", "positive" },
        { Requester, RequestState.Submitted, WorkflowAction.Cancel, "Cancel request", "destructive" },
        { Requester, RequestState.NeedsInfo, WorkflowAction.Cancel, "Cancel request", "destructive" },
    };

    [Theory]
    [MemberData(nameof(DirectActions))]
    public void NeedsNothing_IsOneClick(string role, RequestState state, WorkflowAction action, string title, string? style)
    {
        Assert.Equal(Needs.Nothing, Applied(role, state, action).Needs);
        var card = View(role, state);

        var execute = card.Root["actions"]!.AsArray().Select(a => a!.AsObject()).Single(a => (string?)a["title"] == title);

        AssertExecute(execute, action, title, style);
        Assert.Equal("none", (string?)execute["associatedInputs"]);
        Assert.Equal("none", (string?)execute["fallback"]!["associatedInputs"]);
    }

    [Fact]
    public void Assign_OffersTheSuggestionsInOrder()
    {
        var suggestions = WorkSamples.Suggestions();
        var card = View(Staff, RequestState.Submitted);

        var form = ShowCard(card, "Assign");

        var list = Assert.Single(FormInputs(form));
        Assert.Equal("Input.ChoiceSet", (string?)list["type"]);
        Assert.Equal("request.assign.assignee", (string?)list["id"]);
        Assert.Equal("ALSP professional", (string?)list["label"]);
        Assert.True((bool?)list["isRequired"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)list["errorMessage"]));
        Assert.Equal(suggestions.Select(s => s.Professional.AadObjectId), Choices(list).Select(c => c.Value));
        Assert.Equal(
            [
                "ALSP Professional Three · Provider Firm 3 · specialist · 0/5 open · new",
                "ALSP Professional One · Provider Firm 1 · specialist · 2/5 open · 90% on time",
                "ALSP Professional Two · Provider Firm 2 · 0/5 open · new",
            ],
            Choices(list).Select(c => c.Title));
        AssertExecute(FormSubmit(form), WorkflowAction.Assign, "Assign", "positive");
    }

    [Fact]
    public void Reassign_LeavesOutTheCurrentAssignee()
    {
        var card = View(Staff, RequestState.InProgress);

        var list = Assert.Single(FormInputs(ShowCard(card, "Reassign")));

        Assert.Equal("request.reassign.assignee", (string?)list["id"]);
        Assert.Equal("New ALSP professional", (string?)list["label"]);
        Assert.Equal([WorkSamples.Three.AadObjectId, WorkSamples.Two.AadObjectId], Choices(list).Select(c => c.Value));
        AssertExecute(FormSubmit(ShowCard(card, "Reassign")), WorkflowAction.Reassign, "Reassign", null);
    }

    [Fact]
    public void Assign_WithoutCandidates_SaysSoAndCannotBeSent()
    {
        var request = WorkSamples.Request(RequestState.Submitted);

        var card = new CardJson(RequestWorkCard.Build(WorkSamples.Model(request, WorkSamples.Counsel.AadObjectId, suggestions: [])));

        var form = ShowCard(card, "Assign");
        Assert.Empty(FormInputs(form));
        Assert.Null(form["card"]!["actions"]);
        Assert.Equal("No active ALSP professional is on the roster.", CardJson.TextOf(form["card"]!["body"]![0]));
    }

    [Fact]
    public void Assign_OffersAtMost30Candidates_EachOnce_WithUsableIds()
    {
        var roster = Enumerable.Range(1, 45).Select(i => WorkSamples.Professional(i, ["nda"])).ToList();
        roster[1].AadObjectId = roster[0].AadObjectId.ToUpperInvariant();
        roster[2].AadObjectId = new string('a', RequestWorkCard.MaxIdLength + 1);
        roster[3].AadObjectId = " ";
        var ranked = roster.Select(p => new AssignmentSuggestion(p, true, new ProfessionalStats(p.AadObjectId, 0, 0, 0), "specialist")).ToList();
        var request = WorkSamples.Request(RequestState.Submitted);

        var card = new CardJson(RequestWorkCard.Build(WorkSamples.Model(request, WorkSamples.Counsel.AadObjectId, suggestions: ranked)));

        var values = Choices(Assert.Single(FormInputs(ShowCard(card, "Assign")))).Select(c => c.Value).ToList();
        Assert.Equal(RequestWorkCard.MaxSuggestions, values.Count);
        Assert.Equal(roster.Where((_, i) => i is not (1 or 2 or 3)).Take(30).Select(p => p.AadObjectId), values);
    }

    [Fact]
    public void Complete_ByTheProfessional_AsksHoursAndOutcome()
    {
        Assert.Equal(Needs.HoursAndNote, Applied(Alsp, RequestState.InProgress, WorkflowAction.Complete).Needs);
        var card = View(Alsp, RequestState.InProgress);

        var form = ShowCard(card, "Complete");

        var inputs = FormInputs(form);
        Assert.Equal(2, inputs.Count);
        var hours = inputs[0];
        Assert.Equal("Input.Number", (string?)hours["type"]);
        Assert.Equal("request.complete.hours", (string?)hours["id"]);
        Assert.Equal(0.25m, (decimal?)hours["min"]);
        Assert.Equal(1000m, (decimal?)hours["max"]);
        Assert.True((bool?)hours["isRequired"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)hours["errorMessage"]));
        var note = inputs[1];
        Assert.Equal("request.complete.note", (string?)note["id"]);
        Assert.Equal("Outcome", (string?)note["label"]);
        Assert.True((bool?)note["isRequired"]);
        AssertExecute(FormSubmit(form), WorkflowAction.Complete, "Complete", "positive");
    }

    [Fact]
    public void Rate_AsksOneToFiveStars_AndAnOptionalComment()
    {
        Assert.Equal(Needs.Rating, Applied(Requester, RequestState.Completed, WorkflowAction.Rate).Needs);
        var card = View(Requester, RequestState.Completed);

        var form = ShowCard(card, "Rate");

        var inputs = FormInputs(form);
        Assert.Equal(2, inputs.Count);
        var rating = inputs[0];
        Assert.Equal("Input.ChoiceSet", (string?)rating["type"]);
        Assert.Equal("request.rate.rating", (string?)rating["id"]);
        Assert.Equal("expanded", (string?)rating["style"]);
        Assert.True((bool?)rating["isRequired"]);
        Assert.Equal(["5", "4", "3", "2", "1"], Choices(rating).Select(c => c.Value));
        Assert.All(Choices(rating), c => Assert.StartsWith(new string('★', int.Parse(c.Value, System.Globalization.CultureInfo.InvariantCulture)), c.Title, StringComparison.Ordinal));
        var comment = inputs[1];
        Assert.Equal("request.rate.note", (string?)comment["id"]);
        Assert.Null(comment["isRequired"]);
        Assert.Equal("Comment (optional)", (string?)comment["label"]);
        AssertExecute(FormSubmit(form), WorkflowAction.Rate, "Rate", "positive");
    }

    [Fact]
    public void OnePersonInSeveralParties_GetsOneButtonPerAction_AsTheWorkflowAppliesIt()
    {
        // Legal staff who filed the request themselves: the workflow offers one cancel, the requester's
        // one-click cancel that comes first in the table.
        var request = WorkSamples.Request(RequestState.Submitted, requester: WorkSamples.Counsel);
        var decided = WorkSamples.Workflow.Decide(request, WorkflowAction.Cancel, WorkSamples.Counsel.AadObjectId);

        var card = new CardJson(RequestWorkCard.Build(WorkSamples.Model(request, WorkSamples.Counsel.AadObjectId)));

        Assert.Single(WorkSamples.Available(request, WorkSamples.Counsel.AadObjectId), t => t.Action == WorkflowAction.Cancel);
        Assert.Equal(Needs.Nothing, decided.Transition!.Needs);
        Assert.Equal(["Assign", "Keep in-house", "Ask for info", "Reject", "Cancel request"], TopTitles(card));
        Assert.Single(card.Typed("Action.Execute"), a => (string?)a["verb"] == CardActions.CancelVerb);
        Assert.Equal("none", (string?)card.Root["actions"]![4]!["associatedInputs"]);
    }

    [Fact]
    public void MoreThanFiveButtons_TheRestGoInTheBody_AndInputIdsStayUnique()
    {
        var request = CardGallery.EarlierDateRequested(WorkSamples.Request(RequestState.InProgress, WorkSamples.AsPerson(WorkSamples.One)));

        var card = new CardJson(RequestWorkCard.Build(CardGallery.EveryAction(request)));

        Assert.Equal(5, card.Root["actions"]!.AsArray().Count);
        Assert.Equal([5, 4], card.Typed("ActionSet").Select(s => s["actions"]!.AsArray().Count));
        var verbs = card.Typed("Action.Execute").Select(a => (string)a["verb"]!).Where(v => v != CardActions.RefreshVerb).ToList();
        Assert.Equal(Enum.GetValues<WorkflowAction>().Select(CardActions.Verb).Order(StringComparer.Ordinal), verbs.Order(StringComparer.Ordinal));
        var ids = card.Inputs.Select(i => (string)i["id"]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    // ---------- data, fallback, refresh ----------

    [Fact]
    public void EveryButton_CarriesNumberAndVersion_AndASubmitFallbackForOlderClients()
    {
        foreach (var (name, built) in CardGallery.WorkCards())
        {
            var card = new CardJson(built);
            var number = (string)card.Root["refresh"]!["action"]!["data"]!["number"]!;
            var version = (string)card.Root["refresh"]!["action"]!["data"]!["version"]!;
            var executes = card.Typed("Action.Execute").Where(a => (string?)a["verb"] != CardActions.RefreshVerb).ToList();

            foreach (var execute in executes)
            {
                Assert.Equal(new Dictionary<string, string> { ["number"] = number, ["version"] = version }, CardJson.Data(execute));
                AssertFallback(execute);
            }

            // Every other submit on these cards is a fallback, or opens a long form in a dialog with the same number and version.
            var openers = card.Submits.Where(s => s["data"]!["msteams"] is not null).ToList();
            Assert.True(executes.Count == card.Submits.Count - openers.Count, name);
            Assert.All(openers, o => Assert.Equal((number, version), ((string)o["data"]!["number"]!, (string)o["data"]!["version"]!)));
        }
    }

    [Fact]
    public void Refresh_AsksForThisRequestAtThisVersion_ForTheGivenUsers()
    {
        var request = WorkSamples.Request(RequestState.Submitted) with { Version = 12 };

        var card = new CardJson(RequestWorkCard.Build(WorkSamples.Model(request, WorkSamples.Counsel.AadObjectId, refreshUserIds: ["29:requester", "29:counsel"])));

        var refresh = card.Root["refresh"]!.AsObject();
        var action = refresh["action"]!.AsObject();
        Assert.Equal("Action.Execute", (string?)action["type"]);
        Assert.Equal("request.refresh", (string?)action["verb"]);
        Assert.Equal(new Dictionary<string, string> { ["number"] = "LR-1042", ["version"] = "12" }, CardJson.Data(action));
        Assert.Null(action["fallback"]);
        Assert.Equal(["29:requester", "29:counsel"], refresh["userIds"]!.AsArray().Select(u => (string)u!));
    }

    [Fact]
    public void Refresh_NamesAtMost60Users_AndSkipsIdsNoOneHas()
    {
        var tooLong = "29:" + new string('x', RequestWorkCard.MaxIdLength);
        var ids = new[] { tooLong, "", "29:0001-a" }.Concat(WorkSamples.RefreshIds(100)).ToList();
        var request = WorkSamples.Request(RequestState.Submitted);

        var card = new CardJson(RequestWorkCard.Build(WorkSamples.Model(request, WorkSamples.Counsel.AadObjectId, refreshUserIds: ids)));

        var userIds = card.Root["refresh"]!["userIds"]!.AsArray().Select(u => (string)u!).ToList();
        Assert.Equal(CardRefresh.MaxUserIds, userIds.Count);
        Assert.Equal(["29:0001-a", .. WorkSamples.RefreshIds(59)], userIds);
    }

    [Fact]
    public void ReadOnlyCard_StillRefreshes_SoEachListedViewerGetsTheirButtons()
    {
        var request = WorkSamples.Request(RequestState.Assigned, WorkSamples.AsPerson(WorkSamples.One));

        var card = new CardJson(RequestWorkCard.Build(WorkSamples.ReadOnly(request)));

        Assert.Equal("request.refresh", (string?)card.Root["refresh"]!["action"]!["verb"]);
        Assert.Equal(WorkSamples.RefreshIds(3), card.Root["refresh"]!["userIds"]!.AsArray().Select(u => (string)u!));
    }

    // ---------- what the card shows ----------

    [Fact]
    public void ShowsWhatTheDetailsCardShows()
    {
        var request = WorkSamples.Request(RequestState.Assigned, WorkSamples.AsPerson(WorkSamples.One));
        var details = new CardJson(RequestDetailsCard.Build(request, "NDA", extraFacts: [("Mutual NDA?", "Yes")]));

        var card = new CardJson(RequestWorkCard.Build(WorkSamples.Model(request, WorkSamples.Counsel.AadObjectId)));

        Assert.Equal(details.Facts, card.Facts);
        Assert.Equal(details.Rendered[0], card.Rendered[0]);
        Assert.Equal(details.Rendered[^1], card.Rendered[1]);
        Assert.Equal((string?)details.Root["fallbackText"], (string?)card.Root["fallbackText"]);
    }

    [Fact]
    public void ShowsHoursAndRating_WhenSet()
    {
        var card = new CardJson(RequestWorkCard.Build(WorkSamples.ReadOnly(CardGallery.Rated())));

        Assert.Equal("23 Nov 2026", card.Fact("Completed"));
        Assert.Equal("3.5", card.Fact("Hours spent"));
        Assert.Equal("★★★★☆ (4/5)", card.Fact("Rating"));
        Assert.Equal("Quick and clear.", card.Fact("Rating comment"));
    }

    [Fact]
    public void LeavesOutHoursAndRating_WhenNotSet()
    {
        var card = new CardJson(RequestWorkCard.Build(WorkSamples.ReadOnly(WorkSamples.Request(RequestState.InProgress))));

        Assert.Null(card.Fact("Completed"));
        Assert.Null(card.Fact("Hours spent"));
        Assert.Null(card.Fact("Rating"));
        Assert.Null(card.Fact("Rating comment"));
    }

    [Fact]
    public void Notice_ComesFirst_InAttentionColour_AndTheBannerNext()
    {
        var request = WorkSamples.Request(RequestState.InProgress, WorkSamples.AsPerson(WorkSamples.One));
        const string notice = "LR-1042 is in progress now, so it can't be declined.";

        var card = new CardJson(RequestWorkCard.Build(WorkSamples.Model(request, WorkSamples.One.AadObjectId, banner: "Assigned to you", notice: notice)));

        var body = card.Root["body"]!.AsArray();
        Assert.Equal("attention", (string?)body[0]!["style"]);
        Assert.Equal("attention", CardJson.ColorOf(body[0]!["items"]![0]));
        Assert.Equal(notice, CardJson.TextOf(body[0]!["items"]![0]));
        Assert.Equal("good", (string?)body[1]!["style"]);
        Assert.Equal("Assigned to you", CardJson.TextOf(body[1]!["items"]![0]));
        Assert.StartsWith("LR-1042 · ", card.Rendered[2], StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutNoticeOrBanner_TheHeadingComesFirst()
    {
        var card = View(Staff, RequestState.Submitted);

        Assert.Equal("RichTextBlock", (string?)card.Root["body"]![0]!["type"]);
        Assert.StartsWith("LR-1042 · ", card.Rendered[0], StringComparison.Ordinal);
        Assert.DoesNotContain(card.Typed("Container"), c => (string?)c["style"] == "attention");
    }

    [Fact]
    public void History_ShowsTheLastFive_NewestFirst_WithWhoWhatAndWhen()
    {
        var request = WorkSamples.Request(RequestState.InProgress, WorkSamples.AsPerson(WorkSamples.One));

        var card = new CardJson(RequestWorkCard.Build(WorkSamples.Model(request, WorkSamples.One.AadObjectId, history: WorkSamples.History(request, 7))));

        var rendered = card.Rendered.SkipWhile(t => t != "Recent activity").Skip(1).ToList();
        Assert.Equal(
            [
                "20 Nov 2026, 15:30 UTC · Business Requester · Answered",
                "Contoso Ltd.",
                "20 Nov 2026, 14:30 UTC · ALSP Professional One · Asked the requester",
                "Which entity signs?",
                "20 Nov 2026, 13:30 UTC · ALSP Professional One · Accepted",
                "20 Nov 2026, 12:30 UTC · Legal Counsel · Assigned",
                "20 Nov 2026, 11:30 UTC · Business Requester · Added information",
                "Attached.",
            ],
            rendered);
    }

    [Fact]
    public void History_NamesTheFirstLineFiled_AndShowsUnknownActionsAsRecorded()
    {
        var request = WorkSamples.Request(RequestState.InTriage);
        var at = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(2));
        HistoryEntry[] history =
        [
            new(request.Number, at, WorkSamples.Requester, "create", null, RequestState.Submitted, null),
            new(request.Number, at.AddHours(1), WorkSamples.Counsel, "triage", RequestState.Submitted, RequestState.InTriage, null),
            new(request.Number, at.AddHours(2), new Person("aad-nobody", " "), "note", RequestState.InTriage, RequestState.InTriage, "Looked at it."),
        ];

        var card = new CardJson(RequestWorkCard.Build(WorkSamples.ReadOnly(request, history)));

        Assert.Contains("20 Nov 2026, 08:00 UTC · Business Requester · Filed", card.Rendered);
        Assert.Contains(card.Rendered, t => t.EndsWith(" · Legal Counsel · triage (In triage)", StringComparison.Ordinal));
        Assert.Contains(card.Rendered, t => t.EndsWith(" · Someone · note (In triage)", StringComparison.Ordinal));
    }

    [Fact]
    public void History_StatesWhatEachChangeSet_WhoItWentToHoursAndRating()
    {
        var request = CardGallery.Rated();
        var at = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
        var one = WorkSamples.AsPerson(WorkSamples.One);
        HistoryEntry[] history =
        [
            new(request.Number, at, WorkSamples.Counsel, "assign", RequestState.Submitted, RequestState.Assigned, null) { Assignee = one },
            new(request.Number, at.AddHours(1), one, "decline", RequestState.Assigned, RequestState.InTriage, "Conflict of interest."),
            new(request.Number, at.AddHours(2), WorkSamples.Counsel, "assign", RequestState.InTriage, RequestState.Assigned, null) { Assignee = one },
            new(request.Number, at.AddHours(3), one, "complete", RequestState.InProgress, RequestState.Completed, "Signed.") { HoursSpent = 3.5m },
            new(request.Number, at.AddHours(4), WorkSamples.Requester, "rate", RequestState.Completed, RequestState.Completed, "Quick and clear.") { Rating = 4 },
        ];

        var card = new CardJson(RequestWorkCard.Build(WorkSamples.ReadOnly(request, history)));

        var lines = card.Rendered.SkipWhile(t => t != "Recent activity").Skip(1).ToList();
        Assert.EndsWith(" · Business Requester · Rated ★★★★☆ (4/5)", lines[0], StringComparison.Ordinal);
        Assert.Equal("Quick and clear.", lines[1]);
        Assert.EndsWith(" · ALSP Professional One · Completed, 3.5 hours logged", lines[2], StringComparison.Ordinal);
        Assert.Equal("Signed.", lines[3]);
        Assert.EndsWith(" · Legal Counsel · Assigned to ALSP Professional One", lines[4], StringComparison.Ordinal);
        Assert.EndsWith(" · ALSP Professional One · Declined", lines[5], StringComparison.Ordinal);
        Assert.Equal("Conflict of interest.", lines[6]);
    }

    [Fact]
    public void Times_AreInTheViewersZone_NamingIt_AcrossADaylightSavingChange()
    {
        // Europe/Berlin leaves summer time at 01:00 UTC on 25 Oct 2026 (CEST, UTC+2, to CET, UTC+1).
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var filed = new DateTimeOffset(2026, 10, 24, 22, 30, 0, TimeSpan.Zero);
        var request = CardGallery.Rated() with { CreatedAt = filed, CompletedAt = new DateTimeOffset(2026, 10, 26, 23, 15, 0, TimeSpan.Zero) };
        HistoryEntry[] history =
        [
            new(request.Number, filed, WorkSamples.Requester, "create", null, RequestState.Submitted, null),
            new(request.Number, new DateTimeOffset(2026, 10, 26, 9, 5, 0, TimeSpan.Zero), WorkSamples.Counsel, "keepInHouse", RequestState.Submitted, RequestState.KeptInHouse, null),
        ];

        var card = new CardJson(RequestWorkCard.Build(WorkSamples.ReadOnly(request, history) with { TimeZone = berlin }));
        var utc = new CardJson(RequestWorkCard.Build(WorkSamples.ReadOnly(request, history)));

        Assert.Contains(card.Rendered, t => t.StartsWith("25 Oct 2026, 00:30 Europe/Berlin · Business Requester · Filed", StringComparison.Ordinal));
        Assert.Contains(card.Rendered, t => t.StartsWith("26 Oct 2026, 10:05 Europe/Berlin · Legal Counsel · Kept in-house", StringComparison.Ordinal));
        Assert.Equal("25 Oct 2026", card.Fact("Filed"));
        Assert.Equal("27 Oct 2026", card.Fact("Completed"));
        Assert.Contains(utc.Rendered, t => t.StartsWith("24 Oct 2026, 22:30 UTC · Business Requester · Filed", StringComparison.Ordinal));
        Assert.Equal("24 Oct 2026", utc.Fact("Filed"));
        Assert.Equal("26 Oct 2026", utc.Fact("Completed"));
    }

    [Fact]
    public void WithoutHistory_ThereIsNoActivitySection()
    {
        var card = new CardJson(RequestWorkCard.Build(WorkSamples.ReadOnly(WorkSamples.Request(RequestState.Submitted), [])));

        Assert.DoesNotContain("Recent activity", card.Rendered);
    }

    [Fact]
    public void LongHistoryNotes_AreCut()
    {
        var request = WorkSamples.Request(RequestState.NeedsInfo);
        var note = string.Concat(Enumerable.Repeat("A long question about the draft. ", 40));

        var card = new CardJson(RequestWorkCard.Build(WorkSamples.ReadOnly(request, WorkSamples.History(request, 2, note))));

        var shown = Assert.Single(card.Rendered, t => t.StartsWith("A long question", StringComparison.Ordinal));
        Assert.Equal(RequestWorkCard.HistoryNoteShown, shown.Length);
        Assert.Equal(note[..(RequestWorkCard.HistoryNoteShown - 1)] + "…", shown);
    }

    [Fact]
    public void HostileText_IsShownLiterally_Everywhere()
    {
        var hostile = Samples.Hostile;

        var card = new CardJson(RequestWorkCard.Build(CardGallery.HostileWork(hostile)));

        Assert.Equal(hostile, card.Rendered[0]);
        Assert.Equal(hostile, card.Rendered[1]);
        Assert.Equal($"LR-1042 · {hostile}", card.Rendered[2]);
        Assert.Equal(hostile, card.Rendered[3]);
        Assert.Equal(hostile, card.Fact("Type"));
        Assert.Equal(hostile, card.Fact("Requester"));
        Assert.Equal(hostile, card.Fact("Rating comment"));
        Assert.Equal(hostile, card.Fact(hostile));

        // Notice, banner, description and the three history notes.
        Assert.Equal(6, card.Rendered.Count(t => t == hostile));
        Assert.Single(card.Rendered, t => t.EndsWith($" · {hostile} · {hostile} (In triage)", StringComparison.Ordinal));
        Assert.Single(card.Rendered, t => t.EndsWith($" · {hostile} · {hostile} (Needs info)", StringComparison.Ordinal));
        Assert.Single(card.Rendered, t => t.EndsWith($" · {hostile} · Filed", StringComparison.Ordinal));

        // Every text is rich text, which no client reads as Markdown: nothing needed escaping.
        Assert.Empty(card.Typed("TextBlock"));
        Assert.Empty(card.Typed("FactSet"));

        // Choice titles are plain text, not Markdown: they carry the name as typed.
        var titles = Choices(Assert.Single(FormInputs(ShowCard(card, "Assign")))).Select(c => c.Title).ToList();
        Assert.StartsWith(hostile, titles[0], StringComparison.Ordinal);
    }

    // ---------- size ----------

    [Fact]
    public void OrdinaryText_IsNotCut_EvenWith60RefreshIdsAnd30Candidates()
    {
        var description = string.Concat(Enumerable.Repeat("Ordinary words of a long description. ", 60))[..RequestDetailsCard.DescriptionShown];
        var request = WorkSamples.Request(RequestState.Submitted) with
        {
            Details = WorkSamples.Request(RequestState.Submitted).Details with { Description = description, Title = new string('T', 120) },
        };
        var roster = Enumerable.Range(1, 30).Select(i => WorkSamples.Professional(i, ["nda"])).ToList();
        var stats = roster.ToDictionary(p => p.AadObjectId, p => new ProfessionalStats(p.AadObjectId, 4, 20, 19));
        var suggestions = AssignmentAdvisor.Rank("nda", roster, stats);
        var note = string.Concat(Enumerable.Repeat("An ordinary note. ", 20))[..200];
        var mris = Enumerable.Range(1, 60).Select(i => "8:orgid:" + Guid.Empty.ToString().Replace("00000000", i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)).ToList();
        var history = WorkSamples.History(request, 7).Select(h => h with { Note = note }).ToList();

        var card = new CardJson(RequestWorkCard.Build(WorkSamples.Model(request, WorkSamples.Counsel.AadObjectId, suggestions, history: history, refreshUserIds: mris)));

        Assert.Equal(description, card.Rendered[1]);
        Assert.Equal(5, card.Rendered.Count(t => t == note));
        Assert.All(Choices(Assert.Single(FormInputs(ShowCard(card, "Assign")))), c => Assert.EndsWith("on time", c.Title, StringComparison.Ordinal));
        Assert.Equal(60, card.Root["refresh"]!["userIds"]!.AsArray().Count);
    }

    [Fact]
    public void EveryTransitionAtOnce_WithMaximalText_StaysUnderTeamsLimit()
    {
        // No one can hold every transition at once (assign and reassign each bring their own list), so this
        // is held to Teams' limit rather than to the ceiling the real views meet (CardSizeTests).
        foreach (var filler in ((IEnumerable<object[]>)CardSizeTests.Fillers).Select(f => (string)f[0]))
        {
            Func<int, string> text = filler == "worst-mix" ? Samples.Worst : length => string.Concat(Enumerable.Repeat(filler, length))[..length];

            var size = CardSerializer.Utf8Size(RequestWorkCard.Build(CardGallery.MaximalWork(text)));

            Assert.True(size < 28 * 1024, $"every transition with '{filler}' is {size} bytes");
        }
    }

    // ---------- helpers ----------

    private static string Viewer(string role) => role switch
    {
        Staff => WorkSamples.Counsel.AadObjectId,
        Alsp => WorkSamples.One.AadObjectId,
        _ => WorkSamples.Requester.AadObjectId,
    };

    /// <summary>The request in a state, assigned to ALSP Professional One once it has been assigned.</summary>
    private static LegalRequest Request(RequestState state) =>
        WorkSamples.Request(state, state is RequestState.Assigned or RequestState.InProgress or RequestState.WaitingOnRequester or RequestState.Completed ? WorkSamples.AsPerson(WorkSamples.One) : null);

    private static CardJson View(string role, RequestState state) =>
        new(RequestWorkCard.Build(WorkSamples.Model(Request(state), Viewer(role))));

    /// <summary>The transition the workflow applies when this party takes this action in this state.</summary>
    private static Transition Applied(string role, RequestState state, WorkflowAction action)
    {
        var decision = WorkSamples.Workflow.Decide(Request(state), action, Viewer(role));
        Assert.True(decision.Allowed, decision.Refusal?.ToString());
        return decision.Transition!;
    }

    private static IReadOnlyList<string> TopTitles(CardJson card) =>
        [.. (card.Root["actions"]?.AsArray() ?? new JsonArray()).Select(a => (string)a!["title"]!)];

    private static JsonObject ShowCard(CardJson card, string title) =>
        card.Typed("Action.ShowCard").Single(a => (string?)a["title"] == title);

    private static List<JsonObject> FormInputs(JsonObject showCard) =>
        [.. showCard["card"]!["body"]!.AsArray().Select(e => e!.AsObject()).Where(e => ((string?)e["type"])!.StartsWith("Input.", StringComparison.Ordinal))];

    private static JsonObject FormSubmit(JsonObject showCard) =>
        Assert.Single(showCard["card"]!["actions"]!.AsArray(), a => (string?)a!["type"] == "Action.Execute")!.AsObject();

    /// <summary>The form's button that opens the same step in a Teams dialog, if it has one.</summary>
    private static JsonObject? DialogOpener(JsonObject showCard) =>
        showCard["card"]!["actions"]!.AsArray().SingleOrDefault(a => (string?)a!["type"] == "Action.Submit")?.AsObject();

    [Theory]
    [InlineData(Staff, RequestState.Submitted, "Assign", "request.assign", "Compare in a dialog")]
    [InlineData(Staff, RequestState.InProgress, "Reassign", "request.reassign", "Compare in a dialog")]
    [InlineData(Alsp, RequestState.InProgress, "Complete", "request.complete", "Open in a dialog")]
    public void TheLongForms_AlsoOpenInADialog_WithTheSameStepAndVersion(string viewer, RequestState state, string button, string verb, string title)
    {
        var opener = DialogOpener(ShowCard(View(viewer, state), button));

        Assert.NotNull(opener);
        Assert.Equal(title, (string?)opener["title"]);
        Assert.Equal("none", (string?)opener["associatedInputs"]);
        var data = opener["data"]!.AsObject();
        Assert.Equal("task/fetch", (string?)data["msteams"]!["type"]);
        Assert.Equal(CardActions.WorkDialog, (string?)data[CardActions.ActionKey]);
        Assert.Equal(verb, (string?)data[CardActions.VerbKey]);
        Assert.Equal("LR-1042", (string?)data[CardActions.NumberKey]);
        Assert.Equal(WorkSamples.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)data[CardActions.VersionKey]);
    }

    [Theory]
    [InlineData(Staff, RequestState.Submitted, "Reject")]
    [InlineData(Staff, RequestState.Submitted, "Ask for info")]
    [InlineData(Staff, RequestState.KeptInHouse, "Complete")]
    public void TheShortForms_StayOnTheCard(string viewer, RequestState state, string button) =>
        Assert.Null(DialogOpener(ShowCard(View(viewer, state), button)));

    private static List<(string Title, string Value)> Choices(JsonObject choiceSet) =>
        [.. choiceSet["choices"]!.AsArray().Select(c => ((string)c!["title"]!, (string)c["value"]!))];

    private static void AssertExecute(JsonObject execute, WorkflowAction action, string title, string? style)
    {
        Assert.Equal("Action.Execute", (string?)execute["type"]);
        Assert.Equal(CardActions.Verb(action), (string?)execute["verb"]);
        Assert.Equal(title, (string?)execute["title"]);
        Assert.Equal(style, (string?)execute["style"]);
        Assert.Equal(RequestData, CardJson.Data(execute));
        AssertFallback(execute);
    }

    private static void AssertFallback(JsonObject execute)
    {
        var fallback = execute["fallback"]!.AsObject();
        Assert.Equal("Action.Submit", (string?)fallback["type"]);
        Assert.Equal((string?)execute["title"], (string?)fallback["title"]);
        Assert.Equal((string?)execute["style"], (string?)fallback["style"]);
        Assert.Equal((string?)execute["associatedInputs"], (string?)fallback["associatedInputs"]);
        var expected = new Dictionary<string, string> { ["action"] = "workflow", ["verb"] = (string)execute["verb"]! };
        foreach (var (key, value) in CardJson.Data(execute))
        {
            expected.Add(key, value);
        }

        Assert.Equal(expected, CardJson.Data(fallback));
    }
}
