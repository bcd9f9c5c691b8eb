using System.Diagnostics.Metrics;
using LegalBot.Application.Workflow;
using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;
using Microsoft.Extensions.Logging;

namespace LegalBot.Application;

/// <summary>The application layer's log events: ids 6000-6999 (see the README's logging section).</summary>
internal static partial class Log
{
    /// <remarks>Ids only: who (escaped with <see cref="LogSafe"/>), which request, which action, why; never what was typed.</remarks>
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Refused {Action} on {RequestNumber} by {AadObjectId}: {Reason}")]
    public static partial void ActionRefused(ILogger logger, string action, RequestNumber? requestNumber, string? aadObjectId, RefusalReason reason);

    private static readonly Meter Meter = new("LegalBot");

    private static readonly Counter<long> Refusals = Meter.CreateCounter<long>(
        "legalbot.workflow.refusals", "{action}", "Workflow actions refused, by action and reason.");

    /// <summary>
    /// A refused workflow action, once per refusal, whatever the entry point (button, Action.Execute, typed command):
    /// logged and counted (metric <c>legalbot.workflow.refusals</c>, by action and reason).
    /// </summary>
    public static void Refused(ILogger logger, string aadObjectId, RequestNumber? number, WorkflowAction? action, RefusalReason reason)
    {
        var named = action?.ToString() ?? "unknown";
        ActionRefused(logger, named, number, LogSafe.Id(aadObjectId), reason);
        Refusals.Add(1, new KeyValuePair<string, object?>("workflow.action", named), new KeyValuePair<string, object?>("refusal.reason", reason.ToString()));
    }
}
