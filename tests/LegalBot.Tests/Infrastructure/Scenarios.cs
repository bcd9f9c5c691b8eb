using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LegalBot.Testing;

namespace LegalBot.Tests.Infrastructure;

/// <summary>Common steps, done the way a user does them.</summary>
public static partial class Scenarios
{
    /// <summary>Files an NDA by card (new request → NDA → form → Submit) and returns its id, such as "LR-1001".</summary>
    public static async Task<string> FileNdaAsync(TeamsClient user, string title = "Acme distribution NDA")
    {
        var filed = await user.SubmitAsync(await ReviewNdaAsync(user, title));
        return Id().Match(filed.Texts.First()).Value;
    }

    /// <summary>
    /// Files an NDA as the requester, has legal staff assign it to <paramref name="professional"/>, who accepts it and
    /// completes it with <paramref name="hours"/> hours; returns its id.
    /// </summary>
    public static async Task<string> CompleteNdaAsync(FakeChannel channel, TeamsClient requester, TeamsClient staff, TeamsClient professional, string hours = "4")
    {
        var id = await FileNdaAsync(requester);
        var triage = await CardAboutAsync(channel, staff.User, id);
        await staff.ExecuteAsync(triage, "Assign", Input(LegalBot.Core.Workflow.WorkflowAction.Assign, LegalBot.Cards.CardActions.AssigneeField, professional.User.AadObjectId));
        var accepted = await professional.ExecuteAsync(await CardAboutAsync(channel, professional.User, id), "Accept");
        var inputs = new JsonObject
        {
            [LegalBot.Cards.CardActions.InputId(LegalBot.Core.Workflow.WorkflowAction.Complete, LegalBot.Cards.CardActions.HoursField)] = hours,
            [LegalBot.Cards.CardActions.InputId(LegalBot.Core.Workflow.WorkflowAction.Complete, LegalBot.Cards.CardActions.NoteField)] = "Signed.",
        };
        await professional.ExecuteAsync(accepted.Card, "Complete", inputs);
        return id;
    }

    /// <summary>The value of the fact <paramref name="title"/> on a card (a rich text line "Title: value"), failing the test when there is none.</summary>
    public static string Fact(JsonObject card, string title)
    {
        foreach (var line in Elements(card).Where(n => (string?)n["type"] == "RichTextBlock"))
        {
            var runs = line["inlines"]!.AsArray();
            if (runs.Count == 2 && (string?)runs[0]!["text"] == title + ": ")
            {
                return (string)runs[1]!["text"]!;
            }
        }

        throw new Xunit.Sdk.XunitException($"No fact '{title}' on the card: {card.ToJsonString()}");
    }

    /// <summary>Every object in a card, depth first.</summary>
    public static IEnumerable<JsonObject> Elements(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Elements(p.Value))),
        JsonArray a => a.SelectMany(Elements),
        _ => [],
    };

    /// <summary>Fills in an NDA by card up to its summary, and returns the summary's Submit action data.</summary>
    public static async Task<JsonObject> ReviewNdaAsync(TeamsClient user, string title = "Acme distribution NDA")
    {
        var picker = await user.SayAsync("new request");
        var form = await user.SubmitAsync(BotReplies.ActionData(picker.Card, "NDA"));
        var summary = await user.SubmitAsync(FillNda(BotReplies.ActionData(form.Card, "Review request"), title));
        return BotReplies.ActionData(summary.Card, "Submit");
    }

    /// <summary>Fills the NDA form's "Review request" action data as a user would, and returns it.</summary>
    public static JsonObject FillNda(JsonObject data, string title = "Acme distribution NDA")
    {
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["title"] = title,
            ["description"] = "Mutual NDA before we share pricing with Acme.",
            ["businessUnit"] = "Sales",
            ["counterparty"] = "Acme Corp",
            ["priority"] = "High",
            ["direction"] = "Mutual",
            ["theirPaper"] = "false",
        })
        {
            data[key] = value;
        }

        return data;
    }

    /// <summary>The latest request card about <paramref name="id"/> the bot posted to the user's 1:1 chat, once it arrives.</summary>
    public static async Task<JsonObject> CardAboutAsync(FakeChannel channel, TeamsUser user, string id)
    {
        JsonObject? card = null;
        await channel.WaitUntilAsync(
            () => (card = LatestCard(channel, user, id)) is not null,
            $"a card about {id} in {user.Name}'s chat");
        return card!;
    }

    /// <summary>The card as the user sees it now: the last version posted or updated in place.</summary>
    public static JsonObject? LatestCard(FakeChannel channel, TeamsUser user, string id)
    {
        var posted = channel.Posted(user.PersonalConversationId).LastOrDefault(a => IsRequestCard(a, id));
        if (posted is null)
        {
            return null;
        }

        var activityId = (string?)posted["id"];
        var update = channel.Updates.LastOrDefault(u => u.ConversationId == user.PersonalConversationId && u.ActivityId == activityId);
        return new BotReplies([update.Activity ?? posted]).Cards.First();
    }

    /// <summary>A workflow form's input, as the card names it (such as <c>request.assign.assignee</c>).</summary>
    public static JsonObject Input(LegalBot.Core.Workflow.WorkflowAction action, string field, string value) =>
        new() { [LegalBot.Cards.CardActions.InputId(action, field)] = value };

    /// <summary>The id of the latest message in the user's chat carrying a card about <paramref name="id"/>.</summary>
    public static string CardActivityId(FakeChannel channel, TeamsUser user, string id) =>
        (string)channel.Posted(user.PersonalConversationId).Last(a => IsRequestCard(a, id))["id"]!;

    /// <summary>Whether the message carries the request's own card (which refreshes itself), not a notice quoting it.</summary>
    private static bool IsRequestCard(JsonObject activity, string id) =>
        new BotReplies([activity]).Cards.Any(c => c["refresh"] is not null && c.Json().Contains(id, StringComparison.Ordinal));

    /// <summary>The card one message shows now: its last update in place, or the card as posted.</summary>
    public static JsonObject Shown(FakeChannel channel, TeamsUser user, string activityId)
    {
        var update = channel.Updates.LastOrDefault(u => u.ConversationId == user.PersonalConversationId && u.ActivityId == activityId);
        var activity = update.Activity ?? channel.Posted(user.PersonalConversationId).Single(a => (string?)a["id"] == activityId);
        return new BotReplies([activity]).Card;
    }

    /// <summary>The updates in place of one message, in order.</summary>
    public static IReadOnlyList<JsonObject> UpdatesOf(FakeChannel channel, TeamsUser user, string activityId) =>
        [.. channel.Updates.Where(u => u.ConversationId == user.PersonalConversationId && u.ActivityId == activityId).Select(u => u.Activity)];

    /// <summary>The request ids (such as "LR-1001") the cards of one message mention.</summary>
    public static IEnumerable<string> RequestIdsIn(JsonObject activity) =>
        new BotReplies([activity]).Cards.SelectMany(c => Id().Matches(c.Json()).Select(m => m.Value)).Distinct();

    public static IReadOnlyList<string> TextsTo(FakeChannel channel, TeamsUser user) =>
        [.. channel.Posted(user.PersonalConversationId).Select(a => (string?)a["text"]).OfType<string>()];

    [GeneratedRegex(@"LR-\d+")]
    private static partial Regex Id();
}
