using System.Globalization;
using System.Text.RegularExpressions;
using LegalBot.Cards;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;

namespace LegalBot.Conversations.Intents;

/// <summary>
/// Maps a message or a card button to an intent. While a question is pending only the commands that
/// may interrupt it are recognized, so an answer such as "I need an NDA for Acme" is taken as an answer.
/// </summary>
public sealed partial class IntentRecognizer(RequestTypeCatalog catalog)
{
    public Intent Recognize(TurnInput input, bool questionPending)
    {
        if (input.Action is { } action)
        {
            return FromCard(action, input.Value!);
        }

        var text = Normalize(input.Text);
        if (text.Length == 0)
        {
            return Intent.None;
        }

        var answer = AnswerCommand().Match(FieldValueParser.Clean(input.Text));
        if (answer.Success && RequestNumber.TryParse(answer.Groups["id"].Value, out var answered))
        {
            return new Intent(IntentKind.Answer, Number: answered, Text: answer.Groups["text"].Value.Trim());
        }

        var strict = Strict(text);
        if (strict is not null || questionPending)
        {
            return strict ?? Intent.None;
        }

        switch (text)
        {
            case "hi" or "hello" or "hey" or "good morning" or "good afternoon" or "start":
                return new Intent(IntentKind.Greeting);
            case "new" or "request" or "open a request":
                return new Intent(IntentKind.NewRequest);
            case "status":
                return new Intent(IntentKind.Status);
        }

        if (RequestNumber.TryParse(text, out var bare))
        {
            return new Intent(IntentKind.Status, Number: bare);
        }

        var opener = Opener().Match(text);
        if (opener.Success || text.Length <= 200)
        {
            var type = catalog.Recognize(text);
            if (type is not null)
            {
                return new Intent(IntentKind.NewRequest, type);
            }

            if (opener.Success)
            {
                return new Intent(IntentKind.NewRequest);
            }
        }

        return Intent.None;
    }

    /// <summary>Commands recognized even in the middle of a dialog.</summary>
    private static Intent? Strict(string text)
    {
        switch (text)
        {
            case "help" or "?" or "what can you do" or "commands":
                return new Intent(IntentKind.Help);
            case "cancel" or "stop" or "quit" or "never mind" or "nevermind" or "exit":
                return new Intent(IntentKind.Cancel);
            case "start over" or "restart" or "reset" or "start again":
                return new Intent(IntentKind.StartOver);
            case "my requests" or "my request" or "list requests" or "list my requests":
                return new Intent(IntentKind.MyRequests);
            case "new request" or "new legal request" or "file a request" or "file a new request":
                return new Intent(IntentKind.NewRequest);
            case "my assignments" or "my assignment" or "my work" or "assignments":
                return new Intent(IntentKind.MyAssignments);
        }

        var history = HistoryCommand().Match(text);
        if (history.Success && RequestNumber.TryParse(history.Groups["id"].Value, out var historyOf))
        {
            return new Intent(IntentKind.History, Number: historyOf);
        }

        var status = StatusCommand().Match(text);
        return status.Success && RequestNumber.TryParse(status.Groups["id"].Value, out var number)
            ? new Intent(IntentKind.Status, Number: number)
            : null;
    }

    private static Intent FromCard(string action, IReadOnlyDictionary<string, string> value) => action switch
    {
        CardActions.Help => new Intent(IntentKind.Help),
        CardActions.Workflow => new Intent(IntentKind.WorkflowButton),
        CardActions.NewRequest => new Intent(IntentKind.NewRequest),
        CardActions.MyRequests => new Intent(IntentKind.MyRequests),
        CardActions.RequestsPage => new Intent(IntentKind.MyRequests, Skip: Skip(value)),
        CardActions.AssignmentsPage => new Intent(IntentKind.MyAssignments, Skip: Skip(value)),
        CardActions.Status => RequestNumber.TryParse(value.GetValueOrDefault(CardActions.IdKey), out var number)
            ? new Intent(IntentKind.Status, Number: number)
            : new Intent(IntentKind.Status),
        _ => Intent.None,
    };

    private static int Skip(IReadOnlyDictionary<string, string> value) =>
        int.TryParse(value.GetValueOrDefault(CardActions.SkipKey), NumberStyles.None, CultureInfo.InvariantCulture, out var skip) ? Math.Min(skip, 1_000_000) : 0;

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

    [GeneratedRegex(@"^(status|check|where is|show|track)( of| on| for)?( request)? ?(?<id>(lr[- ]?|#)\d{1,15})$")]
    private static partial Regex StatusCommand();

    [GeneratedRegex(@"^(i need|i'd like|i would like|i want|can i get|can you|please|help me|we need|need)\b")]
    private static partial Regex Opener();

    [GeneratedRegex(@"^(history|log|timeline)( of| for)? ?(?<id>(lr[- ]?|#)\d{1,15})$")]
    private static partial Regex HistoryCommand();

    [GeneratedRegex(@"^(answer|reply|info)\s+(?<id>(lr[- _]?|#)?\d{1,15})[\s:,-]+(?<text>\S.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex AnswerCommand();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
