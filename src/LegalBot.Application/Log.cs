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

    /// <remarks>Only legal staff's edits are taken in, so the editor's id is one of the configured ids.</remarks>
    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Took in an edit made outside the bot: {RequestNumber} from {From} to {To} by {AadObjectId}")]
    public static partial void OutsideEditTakenIn(ILogger logger, RequestNumber requestNumber, RequestState from, RequestState to, string? aadObjectId);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Put {RequestNumber} back to {State} after an edit made outside the bot by {AadObjectId}: {Reason}")]
    private static partial void EditPutBack(ILogger logger, RequestNumber requestNumber, RequestState state, OutsideEditRefusal reason, string? aadObjectId);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Request {RequestNumber} was deleted outside the bot; the legal team is told")]
    public static partial void RequestDeletedOutside(ILogger logger, RequestNumber requestNumber);

    /// <summary>An edit made in the list put back; the editor's id escaped (it comes from the list).</summary>
    public static void OutsideEditPutBack(ILogger logger, RequestNumber number, RequestState state, OutsideEditRefusal reason, string? aadObjectId)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            EditPutBack(logger, number, state, reason, LogSafe.Id(aadObjectId));
        }
    }

    [LoggerMessage(EventId = 6021, Level = LogLevel.Information, Message = "Removed {Count} expired export offers")]
    public static partial void ExportsSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 6050, Level = LogLevel.Information, Message = "Document {DocumentId} added to {RequestNumber} by {AadObjectId}: {SizeInBytes} bytes of {FileType}")]
    public static partial void DocumentAdded(ILogger logger, string documentId, RequestNumber requestNumber, string aadObjectId, long sizeInBytes, string fileType);

    [LoggerMessage(EventId = 6051, Level = LogLevel.Warning, Message = "A file for {RequestNumber} from {AadObjectId} was not kept: {Reason}")]
    public static partial void DocumentRefused(ILogger logger, RequestNumber requestNumber, string aadObjectId, string reason);

    [LoggerMessage(EventId = 6054, Level = LogLevel.Warning, Message = "Document {DocumentId} of {RequestNumber} kept but not shared yet ({Reason}); the outbox shares it")]
    public static partial void DocumentSharingQueued(ILogger logger, string documentId, RequestNumber requestNumber, string reason);

    [LoggerMessage(EventId = 6052, Level = LogLevel.Information, Message = "Document {DocumentId} of {RequestNumber} offered to {AadObjectId}")]
    public static partial void DocumentOffered(ILogger logger, string documentId, RequestNumber requestNumber, string aadObjectId);

    [LoggerMessage(EventId = 6053, Level = LogLevel.Warning, Message = "Refused {What} of document {DocumentId} to {AadObjectId}: no such document among those of requests they are a party to")]
    private static partial void GetRefused(ILogger logger, string what, string? documentId, string? aadObjectId);

    /// <summary>A Get or an Accept for a document refused; the id escaped (it comes from a card's data).</summary>
    public static void DocumentGetRefused(ILogger logger, string? documentId, string? aadObjectId, string what)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            GetRefused(logger, what, LogSafe.Id(documentId), LogSafe.Id(aadObjectId));
        }
    }

    [LoggerMessage(EventId = 6020, Level = LogLevel.Debug, Message = "Reminder pass: queued {Queued} reminders, escalations and digests not queued before")]
    public static partial void RemindersPlanned(ILogger logger, int queued);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "Offered export {ConsentId} to {AadObjectId}: {Rows} of {Total} requests")]
    private static partial void ExportOfferedTo(ILogger logger, string consentId, string? aadObjectId, int rows, int total);

    /// <remarks>The consent id comes from the Accept's context: escaped.</remarks>
    [LoggerMessage(EventId = 6011, Level = LogLevel.Warning, Message = "Refused the Accept of export {ConsentId} by {AadObjectId}: {Reason}")]
    private static partial void ExportAcceptRefused(ILogger logger, string? consentId, string? aadObjectId, string reason);

    public static void ExportOffered(ILogger logger, string consentId, string aadObjectId, int rows, int total)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var who = LogSafe.Id(aadObjectId);
            ExportOfferedTo(logger, consentId, who, rows, total);
        }
    }

    public static void ExportRefused(ILogger logger, string? consentId, string aadObjectId, string reason)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            ExportAcceptRefused(logger, LogSafe.Id(consentId), LogSafe.Id(aadObjectId), reason);
        }
    }

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

    [LoggerMessage(EventId = 6030, Level = LogLevel.Debug, Message = "Read the profile of user {AadObjectId} (found: {Found})")]
    private static partial void ProfileReadCore(ILogger logger, string? aadObjectId, bool found);

    [LoggerMessage(EventId = 6031, Level = LogLevel.Information, Message = "The profile of user {AadObjectId} was not read within {Timeout}; going on without it (a late answer is kept for next time)")]
    private static partial void ProfileLateCore(ILogger logger, string? aadObjectId, TimeSpan timeout);

    [LoggerMessage(EventId = 6032, Level = LogLevel.Warning, Message = "Could not read the profile of user {AadObjectId}; going on without it")]
    private static partial void ProfileUnavailableCore(ILogger logger, Exception exception, string? aadObjectId);

    [LoggerMessage(EventId = 6033, Level = LogLevel.Error, Message = "Microsoft Graph refused to read the profile of user {AadObjectId}: the app needs User.Read.All; going on without it")]
    private static partial void ProfileForbiddenCore(ILogger logger, Exception exception, string? aadObjectId);

    /// <summary>The profile reads, the user's id escaped (it comes from an activity); never what the profile says.</summary>
    public static void ProfileRead(ILogger logger, string? aadObjectId, bool found)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var who = LogSafe.Id(aadObjectId);
            ProfileReadCore(logger, who, found);
        }
    }

    public static void ProfileLate(ILogger logger, string? aadObjectId, TimeSpan timeout)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var who = LogSafe.Id(aadObjectId);
            ProfileLateCore(logger, who, timeout);
        }
    }

    public static void ProfileUnavailable(ILogger logger, Exception exception, string? aadObjectId)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            ProfileUnavailableCore(logger, exception, LogSafe.Id(aadObjectId));
        }
    }

    public static void ProfileForbidden(ILogger logger, Exception exception, string? aadObjectId)
    {
        if (logger.IsEnabled(LogLevel.Error))
        {
            ProfileForbiddenCore(logger, exception, LogSafe.Id(aadObjectId));
        }
    }
}
