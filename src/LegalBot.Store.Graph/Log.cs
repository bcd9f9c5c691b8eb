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
}
