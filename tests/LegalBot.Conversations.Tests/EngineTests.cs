using LegalBot.Cards;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using Moq;

namespace LegalBot.Conversations.Tests;

public sealed class PromptTests
{
    private static async Task<Conversation> AtDealValueAsync(int maxRetries = 3)
    {
        var c = new Conversation(maxRetries: maxRetries);
        await c.SayAsync("new request");
        await c.SayAsync("Deal review");
        await c.SayAsync("Big deal");
        await c.SayAsync("Review the deal before signing it.");
        var unit = await c.SayAsync("3");
        Assert.Contains("Deal value", unit.LastText);
        return c;
    }

    [Fact]
    public async Task ChoicePrompt_AcceptsNumberOrName_RepromptsWithTheChoicesOtherwise()
    {
        var c = new Conversation();
        await c.SayAsync("new request");

        var wrong = await c.SayAsync("a bicycle");
        Assert.Contains("Request type must be one of: NDA, Deal review.", wrong.LastText);
        Assert.Contains("What kind of request", wrong.LastText);

        var right = await c.SayAsync("2");
        Assert.Contains("Deal review", right.Texts[0]);
        Assert.Equal("deal", c.TypeKey);
    }

    [Fact]
    public async Task TextPrompt_EnforcesLengthLimits()
    {
        var c = new Conversation();
        await c.SayAsync("I need an NDA");

        var tooShort = await c.SayAsync("ab");
        Assert.Contains("Title needs at least 3 characters.", tooShort.LastText);

        var tooLong = await c.SayAsync(new string('t', 121));
        Assert.Contains("Title can be at most 120 characters (this one has 121).", tooLong.LastText);
        Assert.False(c.Values.ContainsKey("title"));
    }

    [Fact]
    public async Task NumberPrompt_RefusesGarbageAndOutOfRange()
    {
        var c = await AtDealValueAsync();

        Assert.Contains("Deal value must be a number", (await c.SayAsync("lots")).LastText);
        Assert.Contains("Deal value must be at most 1000000", (await c.SayAsync("2,000,000")).LastText);
        var ok = await c.SayAsync("$250,000");

        Assert.Equal("250000", c.Values["value"]);
        Assert.Contains("Already signed", ok.LastText);
    }

    [Fact]
    public async Task YesNoAndDatePrompts_ValidateAndNormalize()
    {
        var c = await AtDealValueAsync();
        await c.SayAsync("250000");

        Assert.Contains("Please answer yes or no", (await c.SayAsync("maybe")).LastText);
        var date = await c.SayAsync("nope");
        Assert.Equal("false", c.Values["signed"]);
        Assert.Contains("Closing date", date.LastText);

        var past = await c.SayAsync("2020-01-01");
        Assert.Contains("can't be in the past", past.LastText);
        var garbage = await c.SayAsync("<script>alert(1)</script>");
        Assert.DoesNotContain("<script>", garbage.LastText);
        Assert.Contains("couldn't read that as a date", garbage.LastText);
    }

    [Fact]
    public async Task RetryLimit_StopsTheDialog_SavesNothing()
    {
        var c = await AtDealValueAsync(maxRetries: 2);

        await c.SayAsync("lots");
        var stopped = await c.SayAsync("heaps");

        Assert.Contains("stopped", stopped.LastText);
        Assert.False(c.IsActive);
        c.Store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task MessageTooLong_IsRefused_StateUnchanged_QuestionRepeated()
    {
        var c = new Conversation();
        await c.SayAsync("I need an NDA");

        var turn = await c.SayAsync(new string('x', 9000));

        Assert.Contains("too long", turn.Texts[0]);
        Assert.Contains("Title", turn.LastText);
        Assert.Equal("title", c.PendingField!.Name);
    }
}

public sealed class InterruptionTests
{
    [Fact]
    public async Task Help_MidDialog_ShowsHelpAndRepeatsTheQuestion()
    {
        var c = new Conversation();
        await c.SayAsync("I need an NDA");

        var help = await c.SayAsync("help");

        Assert.Contains("status LR-1042", help.CardJson());
        Assert.Contains("Title", help.LastText);
        Assert.Equal("title", c.PendingField!.Name);
    }

    [Fact]
    public async Task Cancel_ClearsTheDraft()
    {
        var c = new Conversation();
        await c.SayAsync("I need an NDA");
        await c.SayAsync("Supplier NDA");

        var cancel = await c.SayAsync("cancel");

        Assert.Contains("Nothing was saved", cancel.LastText);
        Assert.False(c.IsActive);
        Assert.Contains("nothing to cancel", (await c.SayAsync("cancel")).LastText);
    }

    [Fact]
    public async Task StartOver_NewDraftAndTheTypeQuestion()
    {
        var c = new Conversation();
        await c.SayAsync("I need an NDA");
        var firstDraft = c.DraftId;

        var again = await c.SayAsync("start over");

        Assert.Contains("What kind of request", again.LastText);
        Assert.NotEqual(firstDraft, c.DraftId);
        Assert.Empty(c.Values);
    }

    [Fact]
    public async Task Status_MidDialog_AnswersThenRepeatsTheQuestion()
    {
        var c = new Conversation();
        c.Store.Setup(s => s.GetAsync(new RequestNumber(1042), It.IsAny<CancellationToken>())).ReturnsAsync((LegalRequest?)null);
        await c.SayAsync("I need an NDA");

        var status = await c.SayAsync("status LR-1042");

        Assert.Contains("couldn't find LR-1042", status.Texts[0]);
        Assert.Contains("Title", status.LastText);
    }

    [Fact]
    public async Task AnAnswerThatLooksLikeAnOpener_IsTakenAsTheAnswer()
    {
        var c = new Conversation();
        await c.SayAsync("I need an NDA");
        await c.SayAsync("Supplier NDA");

        await c.SayAsync("I need an NDA with the new supplier before Friday.");

        Assert.Equal("I need an NDA with the new supplier before Friday.", c.Values["description"]);
        Assert.Equal("nda", c.TypeKey);
    }
}

public sealed class IntakeDialogTests
{
    private static Dictionary<string, string> NdaForm(Dictionary<string, string> button) => new(button)
    {
        ["title"] = "Acme NDA",
        ["description"] = "Mutual NDA before sharing pricing.",
        ["businessUnit"] = "Sales",
        ["counterparty"] = "Acme Corp",
        ["priority"] = "High",
        ["direction"] = "Mutual",
    };

    private static void AcceptCreate(Conversation c, Action<NewRequest>? capture = null) => c.AcceptCreate(capture);

    /// <summary>A request already in the store, filed by <see cref="Conversation.User"/>.</summary>
    private static LegalRequest Filed(long number, string title) => new()
    {
        Number = new RequestNumber(number),
        Details = new RequestDraft { TypeKey = "nda", Title = title, Description = "Filed earlier.", BusinessUnit = "Sales", Priority = Priority.High },
        Requester = Conversation.User,
        State = RequestState.Submitted,
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        TargetDate = Conversation.Today,
        Version = 1,
    };

    [Fact]
    public async Task ByCard_SubmitShowsSummary_ConfirmFilesWithTheDraftAsIdempotencyKey()
    {
        var c = new Conversation();
        NewRequest? filed = null;
        AcceptCreate(c, n => filed = n);
        var picker = await c.SayAsync("new request");
        var form = await c.SubmitAsync(picker.Button("NDA"));

        var summary = await c.SubmitAsync(NdaForm(form.Button("Review request")));
        Assert.Contains("Acme NDA", summary.CardJson());
        Assert.Contains("Shall I submit it?", summary.LastText);

        var draftId = c.DraftId;
        var done = await c.SubmitAsync(summary.Button("Submit"));

        Assert.Contains("LR-1042", done.Texts[0]);
        Assert.NotNull(filed);
        Assert.Equal(draftId, filed.SubmissionKey);
        Assert.Equal("Acme Corp", filed.Details.Counterparty);
        Assert.Equal(Priority.High, filed.Details.Priority);
        Assert.Equal("Mutual", filed.Details.Fields["direction"]);
        Assert.Equal(new DateOnly(2026, 11, 30), filed.TargetDate); // Thursday + 2 business days
        Assert.False(c.IsActive);
    }

    [Fact]
    public async Task TypedAnswer_AcceptedWhileTheFormIsShown_AndKeptWhenTheFormLeavesItEmpty()
    {
        var c = new Conversation();
        var form = await c.SayAsync("I need an NDA");
        await c.SayAsync("Typed title");

        var data = NdaForm(form.Button("Review request"));
        data["title"] = "";
        var summary = await c.SubmitAsync(data);

        Assert.Contains("Typed title", summary.CardJson());
    }

    [Fact]
    public async Task InvalidFormValues_ReshowTheFormWithErrors_AndAskForTheFirstInText()
    {
        var c = new Conversation();
        var form = await c.SayAsync("I need an NDA");
        var data = NdaForm(form.Button("Review request"));
        data["businessUnit"] = "Space Program";
        data["dueDate"] = "1999-01-01";

        var turn = await c.SubmitAsync(data);

        Assert.Contains("2 things need fixing", turn.Texts[0]);
        var card = turn.CardJson();
        Assert.Contains("Business unit must be one of", card);
        Assert.Contains("can't be in the past", card);
        Assert.Equal("businessUnit", c.PendingField!.Name);
    }

    [Fact]
    public async Task Summary_OffersSubmitEditCancel_AndTypedSubmitFiles()
    {
        var c = new Conversation();
        AcceptCreate(c);
        var form = await c.SayAsync("I need an NDA");
        var summary = await c.SubmitAsync(NdaForm(form.Button("Review request")));

        Assert.Equal(["Submit", "Edit", "Cancel"], summary.Replies.OfType<LegalBot.Conversations.Engine.TextReply>().Last().Suggestions);
        Assert.Contains("LR-1042", (await c.SayAsync("Submit")).Texts[0]);
    }

    [Fact]
    public async Task Edit_ChangesOneFieldAndReturnsToTheSummary()
    {
        var c = new Conversation();
        var form = await c.SayAsync("I need an NDA");
        await c.SubmitAsync(NdaForm(form.Button("Review request")));

        var pick = await c.SayAsync("edit");
        Assert.Contains("which field", pick.LastText);
        var ask = await c.SayAsync("Counterparty");
        Assert.Contains("Counterparty", ask.LastText);
        var summary = await c.SayAsync("Globex Ltd");

        Assert.Contains("Globex Ltd", summary.CardJson());
        Assert.Contains("Shall I submit it?", summary.LastText);
    }

    [Fact]
    public async Task StaleFormFromAnEarlierDraft_ChangesNothing()
    {
        var c = new Conversation();
        var oldForm = await c.SayAsync("I need an NDA");
        await c.SayAsync("start over");
        await c.SayAsync("NDA");
        var before = c.DraftId;

        var turn = await c.SubmitAsync(NdaForm(oldForm.Button("Review request")));

        Assert.Contains("no longer active", turn.Texts[0]);
        Assert.Equal(before, c.DraftId);
        Assert.False(c.Values.ContainsKey("title"));
    }

    [Fact]
    public async Task StaleConfirm_OfAFiledDraft_SaysWhereItIs()
    {
        var c = new Conversation();
        AcceptCreate(c);
        var form = await c.SayAsync("I need an NDA");
        var summary = await c.SubmitAsync(NdaForm(form.Button("Review request")));
        var confirm = summary.Button("Submit");
        var done = await c.SubmitAsync(confirm);
        var filedRequest = Filed(1042, "Acme NDA");
        c.Store.Setup(s => s.FindBySubmissionKeyAsync(confirm[CardActions.DraftIdKey], It.IsAny<CancellationToken>())).ReturnsAsync(filedRequest);

        var again = await c.SubmitAsync(confirm);

        Assert.Contains("already filed as **LR-1042**", again.Texts[0]);
        c.Store.Verify(s => s.CreateAsync(It.IsAny<NewRequest>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.NotNull(done);
    }

    [Fact]
    public async Task StaleConfirm_OfSomeoneElsesDraft_RevealsNothing()
    {
        var c = new Conversation(new LegalBot.Core.Requests.Person("aad-other", "Other"));
        var victim = Filed(7, "Secret");
        c.Store.Setup(s => s.FindBySubmissionKeyAsync("stolen", It.IsAny<CancellationToken>())).ReturnsAsync(victim);

        var turn = await c.SubmitAsync(new Dictionary<string, string> { ["action"] = CardActions.IntakeConfirm, ["draftId"] = "stolen" });

        Assert.DoesNotContain("Secret", turn.All);
        Assert.DoesNotContain("LR-7", turn.All);
        Assert.Contains("no longer active", turn.Texts[0]);
    }

    [Fact]
    public async Task Restart_MidIntake_ResumesAtTheSameQuestion()
    {
        var c = new Conversation();
        await c.SayAsync("I need an NDA");
        await c.SayAsync("Supplier NDA");

        c.Restart();
        var next = await c.SayAsync("We share our roadmap with a supplier.");

        Assert.Contains("Business unit", next.LastText);
        Assert.Equal("Supplier NDA", c.Values["title"]);
    }
}
