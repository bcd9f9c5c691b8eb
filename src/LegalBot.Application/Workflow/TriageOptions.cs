namespace LegalBot.Application.Workflow;

/// <summary>The <c>Triage</c> configuration section: where new requests are announced to the legal team.</summary>
public sealed class TriageOptions
{
    public const string Section = "Triage";

    /// <summary>Send the triage card to each legal staff member's 1:1 chat (in addition to the channel, if any).</summary>
    public bool NotifyStaffDirectly { get; set; } = true;

    /// <summary>
    /// The Teams channel conversation id for triage cards. Empty: the bot uses the channel of the team it
    /// was last added to, if any.
    /// </summary>
    public string? ChannelConversationId { get; set; }

    /// <summary>The Bot Connector service URL for <see cref="ChannelConversationId"/> (Teams gives it in every activity).</summary>
    public string? ChannelServiceUrl { get; set; }
}
