using System.Text.Json.Nodes;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.Conversations;

/// <summary>Filing a request over real HTTP, as Teams delivers messages and card submissions.</summary>
public sealed class IntakeTests : HostTestBase
{
    private static JsonObject NdaForm(JsonObject submitData, string title = "Acme distribution NDA") =>
        With(submitData, new JsonObject
        {
            ["title"] = title,
            ["description"] = "Mutual NDA before we share pricing with Acme.",
            ["businessUnit"] = "Sales",
            ["counterparty"] = "Acme Corp",
            ["priority"] = "High",
            ["dueDate"] = "",
            ["direction"] = "Mutual",
            ["theirPaper"] = "false",
        });

    private static JsonObject With(JsonObject data, JsonObject inputs)
    {
        foreach (var (key, value) in inputs)
        {
            data[key] = value?.DeepClone();
        }

        return data;
    }

    [Fact]
    public async Task Install_SendsWelcomeCard()
    {
        var user = As(TeamsUser.Requester);

        var replies = await user.SendAsync(user.Installed());

        BotReplies.ActionData(replies.Card, "New request");
        BotReplies.ActionData(replies.Card, "My requests");
    }

    [Fact]
    public async Task Confirmation_ShowsTheRequestedDueDate_AsEveryOtherCardDoes()
    {
        var user = As(TeamsUser.Requester);
        var due = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(30);
        var iso = due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var shown = due.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

        var picker = await user.SayAsync("new request");
        var form = await user.SubmitAsync(BotReplies.ActionData(picker.Card, "NDA"));
        var summary = await user.SubmitAsync(With(NdaForm(BotReplies.ActionData(form.Card, "Review request")), new JsonObject { ["dueDate"] = iso }));

        Assert.Contains($"Requested due date: {shown}", BotReplies.TextLines(summary.Card));
        Assert.DoesNotContain(iso, summary.Card.Json(), StringComparison.Ordinal);
        var filed = await user.SubmitAsync(BotReplies.ActionData(summary.Card, "Submit"));

        // Thirty days out is later than an NDA's turnaround: the filed request's card says the turnaround date stands.
        Assert.Contains($"Requested due date: {shown} · later than the turnaround date, which stands", BotReplies.TextLines(filed.Card));
    }

    [Fact]
    public async Task IntakeByCard_FilesRequest_AndStatusShowsIt()
    {
        var user = As(TeamsUser.Requester);

        var picker = await user.SayAsync("new request");
        var typeData = BotReplies.ActionData(picker.Card, "NDA");
        var form = await user.SubmitAsync(typeData);
        var formCard = form.Card;
        Assert.Contains("direction", BotReplies.InputIds(formCard));
        Assert.Contains("counterparty", BotReplies.InputIds(formCard));

        var summary = await user.SubmitAsync(NdaForm(BotReplies.ActionData(formCard, "Review request")));
        Assert.Contains("Acme distribution NDA", summary.Card.Json());

        var filed = await user.SubmitAsync(BotReplies.ActionData(summary.Card, "Submit"));
        Assert.Contains("LR-1001", filed.AllText);
        Assert.Contains("Acme distribution NDA", filed.Card.Json());

        var status = await user.SayAsync("status LR-1001");
        var statusCard = status.Card.Json();
        Assert.Contains("LR-1001", statusCard);
        Assert.Contains("Submitted", statusCard);
        Assert.Contains("Acme Corp", statusCard);
    }

    [Fact]
    public async Task IntakeByText_AsksOnlyForWhatIsMissing_AndFiles()
    {
        var user = As(TeamsUser.Requester);

        var start = await user.SayAsync("I need an NDA");
        Assert.NotEmpty(start.Cards);
        Assert.Contains("Title", start.Texts.Last());

        Assert.Contains("Description", (await user.SayAsync("Supplier NDA")).Texts.Last());
        Assert.Contains("Business unit", (await user.SayAsync("We will share our roadmap with a new supplier.")).Texts.Last());
        Assert.Contains("Counterparty", (await user.SayAsync("2")).Texts.Last());
        Assert.Contains("information flow", (await user.SayAsync("Globex Ltd")).Texts.Last());
        var summary = await user.SayAsync("mutual");
        var summaryCard = summary.Card.Json();
        Assert.Contains("Supplier NDA", summaryCard);
        Assert.Contains("Marketing", summaryCard);

        var filed = await user.SayAsync("yes");

        Assert.Contains("LR-1001", filed.AllText);
        var mine = await user.SayAsync("my requests");
        Assert.Contains("Supplier NDA", mine.Card.Json());
    }

    [Fact]
    public async Task Mixed_TypedAnswerKept_WhenFormCompletesTheRest()
    {
        var user = As(TeamsUser.Requester);
        var picker = await user.SayAsync("new request");
        var form = await user.SayAsync("contract review");
        var formCard = form.Card;
        await user.SayAsync("Vendor MSA for hosting");

        var data = BotReplies.ActionData(formCard, "Review request");
        var summary = await user.SubmitAsync(With(data, new JsonObject
        {
            ["title"] = "",
            ["description"] = "Hosting vendor sent their MSA; we need a review.",
            ["businessUnit"] = "Engineering",
            ["counterparty"] = "Initech",
            ["priority"] = "Normal",
            ["contractKind"] = "Vendor",
            ["contractValue"] = "120000",
        }));

        var card = summary.Card.Json();
        Assert.Contains("Vendor MSA for hosting", card);
        Assert.Contains("Initech", card);
        Assert.Contains("120000", card);
        Assert.NotNull(picker);
    }

    [Fact]
    public async Task FormWithInvalidValues_ExplainsEach_AndSavesNothing()
    {
        var user = As(TeamsUser.Requester);
        await user.SayAsync("new request");
        var form = await user.SayAsync("NDA");
        var data = NdaForm(BotReplies.ActionData(form.Card, "Review request"));
        data["title"] = "";
        data["dueDate"] = "2020-01-01";

        var replies = await user.SubmitAsync(data);

        Assert.Contains("Title is required", replies.AllText);
        Assert.Contains("can't be in the past", replies.AllText);
        Assert.Empty(await ListRequestsAsync());
    }

    [Fact]
    public async Task WrongAnswer_RepromptsWithReason_ThenStopsAfterRetryLimit()
    {
        var user = As(TeamsUser.Requester);
        await user.SayAsync("I need an NDA");
        await user.SayAsync("Supplier NDA");
        await user.SayAsync("We will share our roadmap with a new supplier.");

        var first = await user.SayAsync("the moon");
        Assert.Contains("Business unit must be one of", first.Texts.Single());
        await user.SayAsync("mars");
        var third = await user.SayAsync("jupiter");

        Assert.Contains("stopped", third.Texts.Single());
        Assert.Contains("didn't understand", (await user.SayAsync("Sales")).AllText);
    }

    [Fact]
    public async Task Help_InTheMiddle_ShowsHelp_AndAsksTheSameQuestionAgain()
    {
        var user = As(TeamsUser.Requester);
        await user.SayAsync("I need an NDA");

        var help = await user.SayAsync("help");

        Assert.Contains("status LR-1042", help.Card.Json());
        Assert.Contains("Title", help.Texts.Last());
        Assert.Contains("Description", (await user.SayAsync("Supplier NDA")).Texts.Last());
    }

    [Fact]
    public async Task Cancel_MidWay_SavesNothing_AndOldFormIsStale()
    {
        var user = As(TeamsUser.Requester);
        await user.SayAsync("new request");
        var form = await user.SayAsync("NDA");
        await user.SayAsync("Supplier NDA");

        var cancelled = await user.SayAsync("cancel");
        Assert.Contains("Nothing was saved", cancelled.Texts.Single());

        var stale = await user.SubmitAsync(NdaForm(BotReplies.ActionData(form.Card, "Review request")));
        Assert.Contains("no longer active", stale.Texts.First());
        Assert.Empty(await ListRequestsAsync());
        Assert.Contains("couldn't find", (await user.SayAsync("status LR-1001")).Texts.Single());
    }

    [Fact]
    public async Task StartOver_GoesBackToTheTypeQuestion()
    {
        var user = As(TeamsUser.Requester);
        await user.SayAsync("I need an NDA");
        await user.SayAsync("Supplier NDA");

        var again = await user.SayAsync("start over");

        BotReplies.ActionData(again.Card, "Contract review");
        Assert.Contains("What kind of request", again.Texts.Last());
    }

    [Fact]
    public async Task DoubleSubmit_CreatesOneRequest()
    {
        var user = As(TeamsUser.Requester);
        await user.SayAsync("new request");
        var form = await user.SayAsync("NDA");
        var summary = await user.SubmitAsync(NdaForm(BotReplies.ActionData(form.Card, "Review request")));
        var confirm = BotReplies.ActionData(summary.Card, "Submit");

        var both = await Task.WhenAll(user.SubmitAsync(confirm), user.SubmitAsync(confirm.DeepClone().AsObject()));
        var third = await user.SubmitAsync(confirm.DeepClone().AsObject());

        Assert.All(both.Append(third), r => Assert.Contains("LR-1001", r.AllText));
        Assert.Contains("already filed", third.AllText);
        Assert.Single(await ListRequestsAsync());
    }

    [Fact]
    public async Task Restart_InTheMiddleOfIntake_ResumesWhereItWas()
    {
        var user = As(TeamsUser.Requester);
        await user.SayAsync("I need an NDA");
        await user.SayAsync("Supplier NDA");

        await StopHostsAsync();
        var restarted = As(TeamsUser.Requester, StartHost());

        var next = await restarted.SayAsync("We will share our roadmap with a new supplier.");
        Assert.Contains("Business unit", next.Texts.Last());
        await restarted.SayAsync("Sales");
        await restarted.SayAsync("Globex Ltd");
        var summary = await restarted.SayAsync("mutual");
        Assert.Contains("Supplier NDA", summary.Card.Json());
        Assert.Contains("LR-1001", (await restarted.SayAsync("yes")).AllText);
    }

    private async Task<IReadOnlyList<LegalBot.Core.Requests.LegalRequest>> ListRequestsAsync() =>
        (await Store.ListByRequesterAsync(TeamsUser.Requester.AadObjectId, null, 50)).Items;
}
