using System.Globalization;
using System.Text.RegularExpressions;
using LegalBot.Application.Requests;
using LegalBot.Cards;
using LegalBot.Cards.Builders;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Catalog;

namespace LegalBot.Conversations.Intents;

/// <summary>
/// Maps a message or a card button to an intent by asking each registered intent, in registration order. While a
/// question is pending only the forms an intent declares as commands count, so an answer such as "I need an NDA
/// for Acme" is taken as an answer.
/// </summary>
public sealed partial class IntentRecognizer(IEnumerable<IIntentHandler> intents)
{
    private readonly IIntentHandler[] intents = [.. intents];

    public Intent Recognize(TurnInput input, bool questionPending)
    {
        IntentInput read;
        if (input.Action is { } action)
        {
            read = new IntentInput("", "", action, input.Value!);
        }
        else
        {
            var text = Normalize(input.Text);
            if (text.Length == 0)
            {
                return Intent.None;
            }

            read = new IntentInput(text, FieldValueParser.Clean(input.Text), null, new Dictionary<string, string>());
        }

        foreach (var intent in intents)
        {
            if (intent.RecognizeCommand(read) is { } command)
            {
                return command;
            }
        }

        if (questionPending || read.Action is not null)
        {
            return Intent.None;
        }

        foreach (var intent in intents)
        {
            if (intent.RecognizeWhenIdle(read) is { } idle)
            {
                return idle;
            }
        }

        return Intent.None;
    }

    /// <summary>Where a page button's page starts: the first page when its token is missing or too long.</summary>
    public static PagePosition Page(IReadOnlyDictionary<string, string> value)
    {
        if (value.GetValueOrDefault(CardActions.PageKey) is not { Length: > 0 and <= CardActions.MaxPageTokenLength } token)
        {
            return PagePosition.First;
        }

        var position = int.TryParse(value.GetValueOrDefault(CardActions.PositionKey), NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            ? Math.Min(from, MyRequestsCard.MaxPosition)
            : 0;
        return new PagePosition(token, position);
    }

    /// <summary>Lowercase, single spaces, no trailing punctuation, no invisible characters.</summary>
    public static string Normalize(string? text)
    {
        var clean = FieldValueParser.Clean(text);
        if (clean.Length > 2000)
        {
            return clean.ToLower(CultureInfo.InvariantCulture);
        }

        return Spaces().Replace(clean.ToLower(CultureInfo.InvariantCulture), " ").Trim().TrimEnd('.', '!', '?').Trim() switch
        {
            "" when clean.Trim() == "?" => "?",
            var s => s,
        };
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
