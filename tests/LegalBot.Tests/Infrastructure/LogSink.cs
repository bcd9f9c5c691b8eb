using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LegalBot.Tests.Infrastructure;

/// <summary>Captures what the host logs, to check that nothing failed unhandled and no free text was written.</summary>
public sealed class LogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> entries = new();

    public sealed record Entry(LogLevel Level, string Category, EventId EventId, string Message, Exception? Exception);

    public IReadOnlyList<Entry> Entries => [.. entries];

    /// <summary>Errors logged with an exception: something failed that the bot did not handle as expected.</summary>
    public IReadOnlyList<Entry> Failures => [.. entries.Where(e => e.Level >= LogLevel.Error && e.Exception is not null)];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                sink.entries.Enqueue(new Entry(logLevel, category, eventId, formatter(state, exception), exception));
            }
        }
    }
}
