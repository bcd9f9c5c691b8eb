using LegalBot.Cards.Model;

namespace LegalBot.Conversations.Engine;

/// <summary>Something the bot says back; the host turns it into an activity.</summary>
public abstract record Reply;

/// <param name="Suggestions">Quick replies the user can tap; tapping sends the text.</param>
public sealed record TextReply(string Text, IReadOnlyList<string>? Suggestions = null) : Reply;

public sealed record CardReply(AdaptiveCard Card) : Reply;
