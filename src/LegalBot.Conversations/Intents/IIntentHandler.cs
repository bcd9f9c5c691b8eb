using LegalBot.Conversations.Engine;
using LegalBot.Core.Access;

namespace LegalBot.Conversations.Intents;

/// <summary>What a command does to a dialog in progress.</summary>
public enum IntentInterruption
{
    /// <summary>It answers, then the question that was waiting is asked again (help, status, my requests).</summary>
    Resume,

    /// <summary>It changes the dialog stack itself (cancel, start over, new request); nothing is asked again.</summary>
    TakeOver,
}

/// <summary>A message or button as the intents read it.</summary>
/// <param name="Text">Lowercase, single spaces, no trailing punctuation (<see cref="IntentRecognizer.Normalize"/>); empty for a button.</param>
/// <param name="Typed">The message as typed, without invisible characters: for commands that carry free text.</param>
/// <param name="Action">The card action of a pressed button, null for a typed message.</param>
/// <param name="Value">The button's data.</param>
public sealed record IntentInput(string Text, string Typed, string? Action, IReadOnlyDictionary<string, string> Value)
{
    /// <summary>
    /// For a typed command that takes words after it (<c>metrics this quarter</c>): the words after
    /// <paramref name="command"/>, empty when there are none; null when the message is not that command.
    /// </summary>
    public string? WordsAfter(string command) =>
        Action is null && (Text == command || Text.StartsWith(command + " ", StringComparison.Ordinal))
            ? Text[command.Length..].Trim()
            : null;
}

/// <summary>How a command appears in help: an example of it, what it does, and who is shown it.</summary>
/// <param name="Example">As someone would type it ("status LR-1042"); a trailing "…" stands for text to add.</param>
/// <param name="OnlyFor">The roles shown it; everyone when none is given.</param>
public sealed record IntentHelp(string Example, string Description, params Role[] OnlyFor)
{
    public bool IsFor(Role role) => OnlyFor.Length == 0 || OnlyFor.Contains(role);
}

/// <summary>
/// One command the bot understands, in one class that declares how it is recognized, whether it may interrupt a
/// dialog, how help lists it, and what it does. Registered once (<see cref="ServiceCollectionExtensions.AddIntent{T}"/>); the
/// recognizer asks every registered intent, in registration order.
/// </summary>
public interface IIntentHandler
{
    /// <summary>Its line in help (listed in registration order), or null when help does not list it.</summary>
    IntentHelp? Help => null;

    /// <summary>What this command does to a dialog in progress when it interrupts one.</summary>
    IntentInterruption Interruption => IntentInterruption.Resume;

    /// <summary>
    /// Recognized at any time, even while a question waits for its answer: these forms interrupt the dialog.
    /// Buttons are always recognized here.
    /// </summary>
    Intent? RecognizeCommand(IntentInput input) => null;

    /// <summary>
    /// Recognized only when no question waits, so that an answer such as "I need an NDA for Acme" or "hello" is
    /// taken as the answer.
    /// </summary>
    Intent? RecognizeWhenIdle(IntentInput input) => null;

    Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken);
}
