using Microsoft.Extensions.Logging;

namespace LegalBot.Store.Postgres;

/// <summary>The PostgreSQL store's log events: ids 7000-7999 (see the README's logging section).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Applied PostgreSQL schema migration {SchemaVersion}")]
    public static partial void MigrationApplied(ILogger logger, int schemaVersion);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Debug, Message = "PostgreSQL schema is at version {SchemaVersion}")]
    public static partial void SchemaReady(ILogger logger, int schemaVersion);
}
