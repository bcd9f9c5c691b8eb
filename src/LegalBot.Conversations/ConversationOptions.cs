using System.ComponentModel.DataAnnotations;

namespace LegalBot.Conversations;

/// <summary>The <c>Conversation</c> configuration section.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Conversation";

    /// <summary>How many wrong answers in a row a prompt accepts before the dialog stops.</summary>
    [Range(1, 10, ErrorMessage = Section + ":MaxRetries must be between {1} and {2}")]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Longer messages are refused with an explanation (descriptions are limited to 4,000 characters).</summary>
    [Range(100, 100_000, ErrorMessage = Section + ":MaxMessageLength must be between {1} and {2}")]
    public int MaxMessageLength { get; set; } = 8000;

    [Range(1, 10, ErrorMessage = Section + ":PageSize must be between {1} and {2}")]
    public int PageSize { get; set; } = 5;
}
