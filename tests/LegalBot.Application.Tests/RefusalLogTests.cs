using System.Collections.Concurrent;
using LegalBot.Application.Workflow;
using LegalBot.Cards;
using LegalBot.Core.Access;
using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;

namespace LegalBot.Application.Tests;

/// <summary>A button the bot did not make is refused before any store is read, and logged with ids only, escaped.</summary>
public sealed class RefusalLogTests : IDisposable
{
    private const string Typed = "Zebra lighthouse pineapple note";

    private sealed class Capture : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<(EventId Id, string Message)> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue((eventId, formatter(state, exception)));

        public void Dispose()
        {
        }
    }

    private readonly Capture log = new();
    private ServiceProvider? provider;

    public void Dispose()
    {
        provider?.Dispose();
        log.Dispose();
    }

    private WorkflowCardActions Actions()
    {
        var services = new ServiceCollection();
        services.AddApplication(new ConfigurationBuilder().Build());
        services.AddLogging(b => b.AddProvider(log));
        services.AddSingleton(new Mock<IRequestStore>(MockBehavior.Strict).Object);
        services.AddSingleton(new Mock<INotificationStore>(MockBehavior.Strict).Object);
        services.AddSingleton(new Mock<IUserSettingsStore>(MockBehavior.Strict).Object);
        services.AddSingleton(new AccessPolicy(new RoleOptions { LegalStaff = ["aad-staff"] }));
        services.AddSingleton(new RequestTypeCatalog(new CatalogOptions { BusinessUnits = ["Sales"], Types = [new RequestType { Key = "nda", Name = "NDA" }] }));
        services.AddSingleton(TimeProvider.System);
        provider = services.BuildServiceProvider();
        return provider.GetRequiredService<WorkflowCardActions>();
    }

    [Theory]
    [InlineData("request.unheard-of", "LR-1042", "Refused unknown on LR-1042 by aad-\\u202Eevil: UnknownAction")]
    [InlineData(CardActions.AcceptVerb, "not a number", "Refused Accept on (null) by aad-\\u202Eevil: NoRequestNumber")]
    public async Task AButtonTheBotDidNotMake_IsLoggedOnce_WithIdsOnly(string verb, string number, string expected)
    {
        var actor = new Person("aad-\u202Eevil", "Someone");
        var data = new Dictionary<string, string> { [CardActions.NumberKey] = number, [CardActions.InputId(Core.Workflow.WorkflowAction.Accept, CardActions.NoteField)] = Typed };

        var result = await Actions().HandleAsync(actor, verb, data, CancellationToken.None);

        Assert.False(result.Changed);
        var line = Assert.Single(log.Lines, l => l.Id.Id == 6001);
        Assert.Equal(expected, line.Message);
        Assert.DoesNotContain(log.Lines, l => l.Message.Contains(Typed, StringComparison.Ordinal) || l.Message.Contains('\u202E', StringComparison.Ordinal));
    }
}
