using System.ComponentModel.DataAnnotations;

namespace LegalBot.Application;

/// <summary>The time zone part of the <c>Conversation</c> configuration section.</summary>
public sealed class TimeZoneOptions
{
    public const string Section = "Conversation";

    /// <summary>
    /// The IANA time zone (such as "Europe/Berlin") for people whose Teams client has not reported theirs,
    /// and for the triage channel's cards.
    /// </summary>
    [Required]
    public string DefaultTimeZone { get; set; } = "UTC";
}
