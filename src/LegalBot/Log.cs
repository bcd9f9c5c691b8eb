namespace LegalBot;

/// <summary>Every log line the host writes. Ids only: request text is privileged and never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Turn failed for activity {ActivityId} ({ActivityType}) in conversation {ConversationId}")]
    public static partial void TurnFailed(ILogger logger, Exception exception, string? activityId, string? activityType, string? conversationId);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Refused activity {ActivityId} from a tenant that is not allowed")]
    public static partial void TenantRefused(ILogger logger, string? activityId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Refused a request to /api/messages: {Reason}")]
    public static partial void RequestRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Authentication failed for activity {ActivityId}: {ExceptionType}")]
    public static partial void AuthenticationFailed(ILogger logger, string? activityId, string exceptionType);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Identity metadata could not be reached while authenticating activity {ActivityId}")]
    public static partial void IdentityMetadataUnavailable(ILogger logger, Exception exception, string? activityId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Running WITHOUT authentication (MicrosoftAppId is empty): local development mode. Never use this in production.")]
    public static partial void LocalModeWarning(ILogger logger);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Could not read the member profile for conversation {ConversationId}: {ExceptionType}")]
    public static partial void MemberLookupFailed(ILogger logger, string? conversationId, string exceptionType);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Error, Message = "Could not send the apology for a failed turn in conversation {ConversationId}")]
    public static partial void ApologyFailed(ILogger logger, Exception exception, string? conversationId);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Error, Message = "Could not clear the dialog state after a failed turn in conversation {ConversationId}")]
    public static partial void StateNotCleared(ILogger logger, Exception exception, string? conversationId);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "Refused activity {ActivityId} ({ActivityType}) in conversation {ConversationId}: {Reason}")]
    public static partial void ActivityRefused(ILogger logger, string? activityId, string? activityType, string? conversationId, string reason);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "The request store was unavailable during activity {ActivityId} ({ActivityType}) in conversation {ConversationId}; the user was asked to try again shortly")]
    public static partial void StoreUnavailable(ILogger logger, string? activityId, string? activityType, string? conversationId);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "The channel refused the replies of activity {ActivityId} ({ActivityType}) in conversation {ConversationId} with {Status}")]
    public static partial void ChannelRefusedReply(ILogger logger, int status, string? activityId, string? activityType, string? conversationId);

    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Delivered notification {OutboxId} for {Number} ({Kind})")]
    public static partial void Delivered(ILogger logger, long outboxId, LegalBot.Core.Requests.RequestNumber number, string kind);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Notification {OutboxId} for {Number} failed ({Reason}); retrying at {NextAttempt}")]
    public static partial void WillRetry(ILogger logger, long outboxId, LegalBot.Core.Requests.RequestNumber number, string reason, DateTimeOffset nextAttempt);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Gave up on notification {OutboxId} for {Number} ({Kind}): {Reason}")]
    public static partial void GaveUp(ILogger logger, long outboxId, LegalBot.Core.Requests.RequestNumber number, string kind, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "The notification dispatcher could not read the outbox; it will try again")]
    public static partial void DispatchLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Notification {OutboxId} for {Number} was already posted; marking it delivered without posting again")]
    public static partial void AlreadySent(ILogger logger, long outboxId, LegalBot.Core.Requests.RequestNumber number);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Notification {OutboxId} for {Number} was posted but the store refused to record it; trying again")]
    public static partial void PostNotRecorded(ILogger logger, Exception exception, long outboxId, LegalBot.Core.Requests.RequestNumber number);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "The pressed card {ActivityId} about {Number} could not be updated in place ({Reason}); posting the card instead")]
    public static partial void PressedCardNotUpdated(ILogger logger, string activityId, LegalBot.Core.Requests.RequestNumber number, string reason);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Debug, Message = "The card {ActivityId} about {Number} already shows the request as it is; no update sent")]
    public static partial void CardUnchanged(ILogger logger, string activityId, LegalBot.Core.Requests.RequestNumber number);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Could not record what a card about {Number} shows after updating it")]
    public static partial void CardContentNotRecorded(ILogger logger, Exception exception, LegalBot.Core.Requests.RequestNumber number);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "Staged notifications settled: {Released} changes released, {Dropped} dropped")]
    public static partial void StagedSettled(ILogger logger, int released, int dropped);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Error, Message = "Reconciling staged notifications failed; trying again later")]
    public static partial void ReconcileFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Kill point {Step} reached; the change stops here")]
    public static partial void KillPointReached(ILogger logger, string step);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "Edits made in Microsoft Lists: {TakenIn} taken in, {PutBack} put back, {Deleted} deletions reported")]
    public static partial void OutsideEditsHandled(ILogger logger, int takenIn, int putBack, int deleted);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning, Message = "Looking for edits made in Microsoft Lists failed; trying again at the next interval")]
    public static partial void OutsideEditsFailed(ILogger logger, Exception exception);

    /// <remarks>Only what kind of failure and the status: never the upload URL (it authorizes the upload) or the file.</remarks>
    [LoggerMessage(EventId = 2014, Level = LogLevel.Warning, Message = "The reminder pass failed; trying again at the next interval")]
    public static partial void RemindersFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2015, Level = LogLevel.Information, Message = "Reminders, escalations and digests are off (Reminders:Enabled is false)")]
    public static partial void RemindersOff(ILogger logger);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "An export's upload to OneDrive failed: {Reason} (HTTP {Status})")]
    public static partial void UploadFailed(ILogger logger, string reason, int status);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Information, Message = "Export {ConsentId} uploaded: {Rows} requests, {Bytes} bytes")]
    public static partial void ExportUploaded(ILogger logger, string consentId, int rows, int bytes);

    [LoggerMessage(EventId = 2019, Level = LogLevel.Warning, Message = "The sweep of expired export offers failed; trying again at the next interval")]
    public static partial void ExportSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2016, Level = LogLevel.Warning, Message = "Could not record a turn's {Count} replies in the shared send ledger; they count on this instance only")]
    public static partial void RepliesNotRecorded(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 2017, Level = LogLevel.Information, Message = "Filed {RequestNumber} from a Teams dialog ({Invoke}, command {CommandId}); new: {Created}")]
    public static partial void FiledFromDialog(ILogger logger, LegalBot.Core.Requests.RequestNumber requestNumber, string invoke, string? commandId, bool created);

    [LoggerMessage(EventId = 2018, Level = LogLevel.Warning, Message = "Refused a Teams dialog submission ({Invoke}, command {CommandId}): {Reason}")]
    public static partial void DialogRefused(ILogger logger, string invoke, string? commandId, string reason);

    /// <remarks>The verb is one the card contract knows (the dialog opens for nothing else).</remarks>
    [LoggerMessage(EventId = 2023, Level = LogLevel.Information, Message = "Opened {Verb} on {RequestNumber} in a Teams dialog")]
    public static partial void WorkDialogOpened(ILogger logger, string? verb, string? requestNumber);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Warning, Message = "No room in Teams' rate windows for {Missing} of a turn's {Count} messages to conversation {ConversationId} within the wait; they are sent anyway and counted")]
    public static partial void RepliesSentWithoutPlace(ILogger logger, int missing, int count, string conversationId);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Warning, Message = "Could not renew the claim on {Count} outbox rows still being delivered; trying again at the next renewal")]
    public static partial void ClaimsNotRenewed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Warning, Message = "The claim on notification {Id} about {Number} ran out or was taken over before it was sent; not sent by this instance")]
    public static partial void ClaimLost(ILogger logger, long id, LegalBot.Core.Requests.RequestNumber number);

    [LoggerMessage(EventId = 2030, Level = LogLevel.Information, Message = "Roles read from Microsoft Entra ID and the roster: {LegalStaff} legal staff, {Alsp} ALSP professionals (configured ones included)")]
    public static partial void RolesRead(ILogger logger, int legalStaff, int alsp);

    [LoggerMessage(EventId = 2031, Level = LogLevel.Warning, Message = "Could not read the roles from Microsoft Entra ID ({Failure}); keeping {Kept} and trying again at the next interval")]
    public static partial void RolesReadFailed(ILogger logger, Exception exception, Core.Access.RoleDirectoryFailure failure, string kept);

    [LoggerMessage(EventId = 2032, Level = LogLevel.Warning, Message = "{Count} member(s) of the ALSP group have no row in the roster list and are not ALSP professionals until they have one: {Ids}")]
    public static partial void AlspMembersWithoutRosterRow(ILogger logger, int count, string? ids);

    [LoggerMessage(EventId = 2033, Level = LogLevel.Warning, Message = "A roster row was not used: {Problem}")]
    public static partial void RosterRowRejected(ILogger logger, string? problem);

    [LoggerMessage(EventId = 2034, Level = LogLevel.Error, Message = "The roles cannot be read from Microsoft Entra ID until the settings or the app's permissions are fixed ({Failure}); keeping {Kept}")]
    public static partial void RolesMisconfigured(ILogger logger, Exception exception, Core.Access.RoleDirectoryFailure failure, string kept);

    [LoggerMessage(EventId = 2035, Level = LogLevel.Debug, Message = "Roles read again, unchanged in number: {LegalStaff} legal staff, {Alsp} ALSP professionals")]
    public static partial void RolesUnchanged(ILogger logger, int legalStaff, int alsp);

    [LoggerMessage(EventId = 2040, Level = LogLevel.Information, Message = "LegalBot was installed for {Recipient}, who had no chat with it; notifications go to that chat")]
    public static partial void ReachedThroughInstall(ILogger logger, string recipient);

    [LoggerMessage(EventId = 2060, Level = LogLevel.Warning, Message = "Activity feed notification {OutboxId} about {Number} to {Recipient} not raised ({Reason}); not retried: the chat message it repeats is how they hear of it")]
    public static partial void ActivityFeedNotRaised(ILogger logger, long outboxId, LegalBot.Core.Requests.RequestNumber number, string recipient, string reason);

    [LoggerMessage(EventId = 2080, Level = LogLevel.Warning, Message = "The documents of {Number} were not shared with its parties ({Reason}); outbox row {OutboxId} given up, so someone may not open them")]
    public static partial void DocumentsNotShared(ILogger logger, long outboxId, LegalBot.Core.Requests.RequestNumber number, string reason);

    [LoggerMessage(EventId = 2072, Level = LogLevel.Warning, Message = "A shared file's link could not be read through Microsoft Graph: HTTP {Status} {Code}")]
    public static partial void SharedLinkNotRead(ILogger logger, int status, string? code);

    [LoggerMessage(EventId = 2070, Level = LogLevel.Warning, Message = "A file sent in the chat was not downloaded: {Reason} (status {Status}, {Bytes} bytes)")]
    public static partial void DownloadFailed(ILogger logger, string reason, int status, long bytes);

    [LoggerMessage(EventId = 2071, Level = LogLevel.Information, Message = "Document {DocumentId} of {RequestNumber} sent to the user's OneDrive: {Bytes} bytes")]
    public static partial void DocumentUploaded(ILogger logger, string documentId, LegalBot.Core.Requests.RequestNumber requestNumber, int bytes);
}
