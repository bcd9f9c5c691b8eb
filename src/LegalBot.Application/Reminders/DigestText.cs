using System.Text.Json;
using LegalBot.Cards.Builders;

namespace LegalBot.Application.Reminders;

/// <summary>A digest as the outbox row's text (counts and request numbers only), and back.</summary>
public static class DigestText
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(DigestModel model) => JsonSerializer.Serialize(model, Options);

    /// <summary>The digest saved by <see cref="Serialize"/>; null for anything else.</summary>
    public static DigestModel? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<DigestModel>(text, Options) is { New: not null, InTriage: not null, Overdue: not null, WaitingOnRequester: not null, Completed: not null } model ? model : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
