using LegalBot.Core.Requests;
using Microsoft.Extensions.Logging;

namespace LegalBot.Store.Postgres;

/// <summary>The PostgreSQL store's log events: ids 7000-7999 (see the README's logging section).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Applied PostgreSQL schema migration {SchemaVersion}")]
    public static partial void MigrationApplied(ILogger logger, int schemaVersion);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Debug, Message = "PostgreSQL schema is at version {SchemaVersion}")]
    public static partial void SchemaReady(ILogger logger, int schemaVersion);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Debug, Message = "A transaction met a concurrent change ({SqlState}) on attempt {Attempt}; running it again")]
    public static partial void TransactionRetried(ILogger logger, string sqlState, int attempt);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Dropped the reference {Constraint} to the requests table: this database holds only the local stores of a deployment whose requests live elsewhere")]
    public static partial void RequestReferenceDropped(ILogger logger, string constraint);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Request {RequestNumber} filed")]
    public static partial void RequestCreated(ILogger logger, RequestNumber requestNumber);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Information, Message = "Submission already filed as {RequestNumber}; returning it")]
    public static partial void DuplicateSubmission(ILogger logger, RequestNumber requestNumber);

    [LoggerMessage(EventId = 7020, Level = LogLevel.Information, Message = "Request {RequestNumber} is now {RequestState}, version {Version}")]
    public static partial void ChangeApplied(ILogger logger, RequestNumber requestNumber, RequestState requestState, int version);

    [LoggerMessage(EventId = 7021, Level = LogLevel.Information, Message = "Change to {RequestNumber} refused: expected version {ExpectedVersion}, found {CurrentVersion}")]
    public static partial void StaleChange(ILogger logger, RequestNumber requestNumber, int expectedVersion, int currentVersion);

    [LoggerMessage(EventId = 7030, Level = LogLevel.Warning, Message = "Gave up on notification {OutboxId} for {RequestNumber}")]
    public static partial void NotificationGivenUp(ILogger logger, long outboxId, RequestNumber requestNumber);

    [LoggerMessage(EventId = 7031, Level = LogLevel.Debug, Message = "Staged notifications for {RequestNumber} released")]
    public static partial void StagedReleased(ILogger logger, RequestNumber requestNumber);

    [LoggerMessage(EventId = 7032, Level = LogLevel.Information, Message = "Claimed {Count} outbox rows whose claim by another instance ran out")]
    public static partial void ExpiredClaimsTaken(ILogger logger, int count);

    [LoggerMessage(EventId = 7040, Level = LogLevel.Debug, Message = "State write refused: a document changed since it was read")]
    public static partial void StateConflict(ILogger logger);

    [LoggerMessage(EventId = 7050, Level = LogLevel.Information, Message = "Kept document {DocumentId} on LR-{Number}: {SizeInBytes} bytes of {FileType}")]
    public static partial void DocumentKept(ILogger logger, string documentId, long number, long sizeInBytes, string fileType);

    [LoggerMessage(EventId = 7051, Level = LogLevel.Error, Message = "Document {DocumentId} on LR-{Number} has no bytes in the database")]
    public static partial void DocumentBytesMissing(ILogger logger, string documentId, long number);
}
