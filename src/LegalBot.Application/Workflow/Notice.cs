using System.Text.Json;
using System.Text.Json.Serialization;
using LegalBot.Core.Workflow;

namespace LegalBot.Application.Workflow;

/// <summary>
/// A notice that carries what someone wrote (a question, a request for information) and lets its recipient
/// answer from it. It is saved in the outbox row's text as JSON (privileged text: the row may hold it, logs never
/// do), and posted as a small card (<see cref="Cards.Builders.NoticeCard"/>).
/// </summary>
/// <param name="Line">What happened, in the bot's words; names in it are already plain text.</param>
/// <param name="Quote">What was written, as typed.</param>
/// <param name="Answer">The workflow action the card's answer runs (<see cref="WorkflowAction.Answer"/> or <see cref="WorkflowAction.ProvideInfo"/>).</param>
/// <param name="Version">The request version the change produced: an answer to an older question is refused.</param>
public sealed record Notice(string Line, string Quote, WorkflowAction Answer, int Version)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public string Serialize() => JsonSerializer.Serialize(this, Options);

    /// <summary>The notice saved by <see cref="Serialize"/>; null for anything else.</summary>
    public static Notice? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Notice>(text, Options) is { Line: not null, Quote: not null } notice ? notice : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
