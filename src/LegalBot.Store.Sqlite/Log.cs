using LegalBot.Core.Requests;
using Microsoft.Extensions.Logging;

namespace LegalBot.Store.Sqlite;

/// <summary>The SQLite store's log events: ids 4000-4999 (see the README's logging section).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Applied SQLite schema migration {SchemaVersion}")]
    public static partial void MigrationApplied(ILogger logger, int schemaVersion);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "SQLite schema is at version {SchemaVersion}")]
    public static partial void SchemaReady(ILogger logger, int schemaVersion);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "SQLite journal mode is {JournalMode}, not WAL; the file system may not support shared memory")]
    public static partial void WalUnavailable(ILogger logger, string journalMode);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Request {RequestNumber} filed")]
    public static partial void RequestCreated(ILogger logger, RequestNumber requestNumber);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information, Message = "Submission already filed as {RequestNumber}; returning it")]
    public static partial void DuplicateSubmission(ILogger logger, RequestNumber requestNumber);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Information, Message = "Request {RequestNumber} is now {RequestState}, version {Version}")]
    public static partial void ChangeApplied(ILogger logger, RequestNumber requestNumber, RequestState requestState, int version);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Information, Message = "Change to {RequestNumber} refused: expected version {ExpectedVersion}, found {CurrentVersion}")]
    public static partial void StaleChange(ILogger logger, RequestNumber requestNumber, int expectedVersion, int currentVersion);

    [LoggerMessage(EventId = 4030, Level = LogLevel.Warning, Message = "Gave up on notification {OutboxId} for {RequestNumber}")]
    public static partial void NotificationGivenUp(ILogger logger, long outboxId, RequestNumber requestNumber);

    [LoggerMessage(EventId = 4031, Level = LogLevel.Debug, Message = "Staged notifications for {RequestNumber} released")]
    public static partial void StagedReleased(ILogger logger, RequestNumber requestNumber);

    [LoggerMessage(EventId = 4040, Level = LogLevel.Debug, Message = "State write refused: a document changed since it was read")]
    public static partial void StateConflict(ILogger logger);

    [LoggerMessage(EventId = 4050, Level = LogLevel.Information, Message = "Kept document {DocumentId} on LR-{Number}: {SizeInBytes} bytes of {FileType}")]
    public static partial void DocumentKept(ILogger logger, string documentId, long number, long sizeInBytes, string fileType);

    [LoggerMessage(EventId = 4051, Level = LogLevel.Error, Message = "The file of document {DocumentId} on LR-{Number} is missing from the data folder")]
    public static partial void DocumentFileMissing(ILogger logger, string documentId, long number);
}
