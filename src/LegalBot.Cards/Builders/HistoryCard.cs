using LegalBot.Core.Requests;
using LegalBot.Cards.Model;
using static LegalBot.Cards.CardParts;

namespace LegalBot.Cards.Builders;

/// <param name="History">The request's history, oldest first as the store returns it.</param>
/// <param name="TimeZone">The reader's time zone; UTC when not given.</param>
public sealed record HistoryModel(LegalRequest Request, IReadOnlyList<HistoryEntry> History, TimeZoneInfo? TimeZone = null);

/// <summary>
/// Every change to a request, oldest first: when (in the reader's zone), who, what with its values, and
/// the note. A card rather than a text message, so that each line stays a line and reads exactly as
/// written on every client.
/// </summary>
public static class HistoryCard
{
    /// <summary>The latest this many changes are shown.</summary>
    public const int MaxLines = 30;

    /// <summary>Notes are cut after this many characters, with an ellipsis.</summary>
    public const int NoteShown = 300;

    // What people wrote (names, notes) shares this; once it is spent, each line and note keeps a small share,
    // so that the card stays far below Teams' message size limit however long the history.
    private const int TextBudgetBytes = 9_000;
    private const int MinimumShare = 60;
    private const int LineMax = 400;

    public static AdaptiveCard Build(HistoryModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var request = model.Request;
        var zone = model.TimeZone ?? TimeZoneInfo.Utc;
        var budget = new TextBudget(TextBudgetBytes, MinimumShare);
        var shown = (model.History ?? []).TakeLast(MaxLines).ToList();
        var body = new List<CardElement>
        {
            Heading($"History of {request.Number}"),
            Subtle($"Now {request.State.Describe()}" + (model.History?.Count > shown.Count ? $"; the latest {MaxLines} changes" : "")),
        };
        foreach (var entry in shown)
        {
            var who = string.IsNullOrWhiteSpace(entry.Actor.Name) ? "Someone" : CardText.Clip(entry.Actor.Name, LineMax);
            var moved = entry.FromState is { } from && from != entry.ToState ? $" ({from.Describe()} → {entry.ToState.Describe()})" : "";
            var when = TimeText.DateTime(entry.At, zone);
            body.Add(Text(when + budget.Text($" · {who} · {RequestWorkCard.What(entry)}{moved}", LineMax)) with { Separator = true });
            if (!string.IsNullOrWhiteSpace(entry.Note))
            {
                body.Add(Line(budget.Text(entry.Note, NoteShown), subtle: true));
            }
        }

        return Card(
            body,
            [Submit($"Show {request.Number}", CardActions.Data(CardActions.Status, (CardActions.IdKey, request.Number.ToString())))],
            $"History of {request.Number}: {shown.Count} changes; now {request.State.Describe()}.");
    }
}
