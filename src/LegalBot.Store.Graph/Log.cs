using LegalBot.Core.Requests;
using Microsoft.Extensions.Logging;

namespace LegalBot.Store.Graph;

internal static partial class Log
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Created SharePoint list {ListKey} ({ListId})")]
    public static partial void ListCreated(ILogger logger, string listKey, string listId);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Added column {Column} to SharePoint list {ListKey}")]
    public static partial void ColumnAdded(ILogger logger, string column, string listKey);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Indexed column {Column} of SharePoint list {ListKey}")]
    public static partial void ColumnIndexed(ILogger logger, string column, string listKey);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Debug, Message = "SharePoint list {ListKey} ({ListId}) has every column it needs")]
    public static partial void ListReady(ILogger logger, string listKey, string listId);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Filed request {Number} in SharePoint")]
    public static partial void RequestCreated(ILogger logger, RequestNumber number);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Submission repeated: request {Number} was already filed")]
    public static partial void DuplicateSubmission(ILogger logger, RequestNumber number);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Information, Message = "Request {Number} changed to {State}, version {Version}")]
    public static partial void ChangeApplied(ILogger logger, RequestNumber number, RequestState state, int version);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Information, Message = "Change to request {Number} refused: expected version {Expected}, it is at {Actual}")]
    public static partial void StaleChange(ILogger logger, RequestNumber number, int expected, int actual);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Warning, Message = "Request {Number} had taken a change without its history line (version {Version}); the line is written now")]
    public static partial void HistoryCompleted(ILogger logger, RequestNumber number, int version);

    [LoggerMessage(EventId = 5015, Level = LogLevel.Warning, Message = "Request {Number} took a change without its history line, and its item does not carry the line to write it from")]
    public static partial void HistoryNotRebuilt(ILogger logger, RequestNumber number);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Warning, Message = "The requests list's delta token is no longer served; reading the whole list again for edits made outside the bot")]
    public static partial void DeltaRestarted(ILogger logger);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Information, Message = "Request {Number} was put back to {State} after an edit made outside the bot")]
    public static partial void EditReverted(ILogger logger, RequestNumber number, RequestState state);

    [LoggerMessage(EventId = 5022, Level = LogLevel.Warning, Message = "A list's delta token is no longer served; reading the requests and their history whole again for the metrics' facts")]
    public static partial void FactsReadAgain(ILogger logger);

    [LoggerMessage(EventId = 5100, Level = LogLevel.Debug, Message = "Read {Count} transitive members of the group Roles:{GroupKey}")]
    public static partial void GroupRead(ILogger logger, string groupKey, int count);

    [LoggerMessage(EventId = 5110, Level = LogLevel.Debug, Message = "Read the profile of user {UserId} (manager known: {HasManager})")]
    public static partial void ProfileRead(ILogger logger, Guid userId, bool hasManager);

    [LoggerMessage(EventId = 5111, Level = LogLevel.Information, Message = "Microsoft Graph does not know user {UserId}: no profile")]
    public static partial void ProfileNotFound(ILogger logger, Guid userId);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Installed LegalBot in the personal scope of user {UserId}, who had no chat with it")]
    public static partial void AppInstalled(ILogger logger, string userId);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Could not install LegalBot for user {UserId} or find its chat: {Reason} (HTTP {Status})")]
    public static partial void AppNotInstalled(ILogger logger, string userId, LegalBot.Core.Sending.UnreachableReason reason, int status);

    [LoggerMessage(EventId = 5120, Level = LogLevel.Debug, Message = "Activity feed notification {ActivityType} about {Number} sent")]
    public static partial void ActivityNotificationSent(ILogger logger, RequestNumber number, string activityType);

    [LoggerMessage(EventId = 5121, Level = LogLevel.Debug, Message = "Activity feed notification {ActivityType} about {Number} refused: HTTP {Status} {Code}")]
    public static partial void ActivityNotificationRefused(ILogger logger, RequestNumber number, string activityType, int status, string? code);

    [LoggerMessage(EventId = 5130, Level = LogLevel.Information, Message = "Document {DocumentId} of {Number} uploaded to the document library ({SizeInBytes} bytes)")]
    public static partial void DocumentUploaded(ILogger logger, string documentId, RequestNumber number, long sizeInBytes);

    [LoggerMessage(EventId = 5131, Level = LogLevel.Information, Message = "Document {DocumentId} of {Number} shared with {Added} more and taken from {Removed}")]
    public static partial void DocumentShared(ILogger logger, string documentId, RequestNumber number, int added, int removed);

    [LoggerMessage(EventId = 5132, Level = LogLevel.Warning, Message = "Document {DocumentId} of {Number} could not be shared: {Reason}")]
    public static partial void DocumentNotShared(ILogger logger, string documentId, RequestNumber number, string reason);
}
