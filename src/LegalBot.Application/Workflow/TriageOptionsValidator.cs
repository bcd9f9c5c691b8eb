using Microsoft.Extensions.Options;

namespace LegalBot.Application.Workflow;

/// <summary>
/// A triage channel needs both its conversation id and its service URL; with only one of them the
/// channel would be silently ignored, so startup fails naming the missing key.
/// </summary>
public sealed class TriageOptionsValidator : IValidateOptions<TriageOptions>
{
    public ValidateOptionsResult Validate(string? name, TriageOptions options)
    {
        var hasChannel = !string.IsNullOrWhiteSpace(options.ChannelConversationId);
        var hasServiceUrl = !string.IsNullOrWhiteSpace(options.ChannelServiceUrl);
        var errors = new List<string>();
        if (hasChannel && !hasServiceUrl)
        {
            errors.Add($"{TriageOptions.Section}:ChannelServiceUrl is missing: it is required with {TriageOptions.Section}:ChannelConversationId (Teams gives it in every activity from that channel)");
        }

        if (hasServiceUrl && !hasChannel)
        {
            errors.Add($"{TriageOptions.Section}:ChannelConversationId is missing: {TriageOptions.Section}:ChannelServiceUrl is set without the channel it belongs to");
        }

        if (hasServiceUrl && !(Uri.TryCreate(options.ChannelServiceUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"))
        {
            errors.Add($"{TriageOptions.Section}:ChannelServiceUrl must be an absolute https address");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
