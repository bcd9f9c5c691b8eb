using LegalBot.Access;
using LegalBot.Core.Access;
using LegalBot.Core.Catalog;
using LegalBot.Hosting;
using LegalBot.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LegalBot.Tests.Access;

/// <summary>
/// The role refresh on a fake clock, with a directory whose answers the test sets: it reads at start and every
/// interval, swaps the roles whole, keeps the last good read through failures, and reports readiness.
/// </summary>
public sealed class RoleRefresherTests : IAsyncLifetime, IDisposable
{
    private const string Counsel = "8b000000-0000-4000-8000-000000000001";
    private const string Newcomer = "8b000000-0000-4000-8000-000000000002";
    private const string Configured = "8b000000-0000-4000-8000-000000000003";
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(2);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ScriptedDirectory directory = new();
    private readonly LogSink logs = new();
    private readonly ILoggerFactory loggers;
    private readonly RoleDirectoryStatus status = new();
    private readonly AccessPolicy access;
    private readonly RoleRefresher refresher;

    public RoleRefresherTests()
    {
        loggers = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var options = new RoleOptions { LegalStaff = [Configured], LegalStaffGroupId = Guid.NewGuid().ToString(), RefreshInterval = Interval };
        access = new AccessPolicy(options);
        var catalog = new CatalogOptions { Types = [new RequestType { Key = "nda", Name = "NDA" }] };
        refresher = new RoleRefresher(
            directory, access, status, Microsoft.Extensions.Options.Options.Create(options), Microsoft.Extensions.Options.Options.Create(catalog),
            clock, loggers.CreateLogger<RoleRefresher>());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await refresher.StopAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        refresher.Dispose();
        loggers.Dispose();
        logs.Dispose();
    }

    private Task<HealthCheckResult> ReadinessAsync() =>
        new RolesHealthCheck(access, status).CheckHealthAsync(new HealthCheckContext());

    /// <summary>Starts the refresher and waits for its first read.</summary>
    private async Task StartAsync()
    {
        await refresher.StartAsync(CancellationToken.None);
        await PassesAsync(1);
    }

    /// <summary>Moves the clock one interval on and waits for the read it starts.</summary>
    private async Task NextIntervalAsync()
    {
        var passes = status.Attempts;
        clock.Advance(Interval);
        await PassesAsync(passes + 1);
    }

    /// <summary>Waits until the refresher has finished <paramref name="count"/> reads (applied or failed).</summary>
    private async Task PassesAsync(long count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await status.WaitForAttemptsAsync(count, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"read {count} never finished");
        }
    }

    [Fact]
    public async Task AMemberAdded_GetsTheRoleAtTheNextRead_AndLosesItAtTheOneAfterRemoval()
    {
        directory.Answer = () => Members(Counsel);
        await StartAsync();
        Assert.Equal(Role.LegalStaff, access.RoleOf(Counsel));
        Assert.Equal(Role.Requester, access.RoleOf(Newcomer));

        directory.Answer = () => Members(Counsel, Newcomer);
        clock.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Equal(1, directory.Reads);
        Assert.Equal(Role.Requester, access.RoleOf(Newcomer));
        await NextIntervalAsync();
        Assert.Equal(Role.LegalStaff, access.RoleOf(Newcomer));

        directory.Answer = () => Members(Counsel);
        await NextIntervalAsync();
        Assert.Equal(Role.Requester, access.RoleOf(Newcomer));
        Assert.Equal(Role.LegalStaff, access.RoleOf(Configured));
        Assert.Equal(HealthStatus.Healthy, (await ReadinessAsync()).Status);
        Assert.Equal(3, logs.Entries.Count(e => e.EventId.Id == 2030));
    }

    [Fact]
    public async Task GraphDownOrThrottled_KeepsTheLastGoodRead_LogsIt_AndStaysReady()
    {
        directory.Answer = () => Members(Counsel);
        await StartAsync();

        directory.Answer = () => throw new RoleDirectoryException(RoleDirectoryFailure.Unavailable, "Microsoft Graph is throttling.");
        await NextIntervalAsync();
        await NextIntervalAsync();

        Assert.Equal(Role.LegalStaff, access.RoleOf(Counsel));
        Assert.Equal(2, logs.Entries.Count(e => e.EventId.Id == 2031 && e.Level == LogLevel.Warning && e.Message.Contains("the roles read at 2026-12-01T09:00:00", StringComparison.Ordinal)));
        Assert.Equal(HealthStatus.Degraded, (await ReadinessAsync()).Status);

        directory.Answer = () => Members();
        await NextIntervalAsync();
        Assert.Equal(Role.Requester, access.RoleOf(Counsel));
        Assert.Equal(HealthStatus.Healthy, (await ReadinessAsync()).Status);
    }

    [Fact]
    public async Task BeforeTheFirstGoodRead_OnlyTheConfiguredRolesHold_AndItIsNotReady()
    {
        directory.Answer = () => throw new RoleDirectoryException(RoleDirectoryFailure.Forbidden, "The app needs GroupMember.Read.All.");
        await StartAsync();

        Assert.Equal(Role.LegalStaff, access.RoleOf(Configured));
        Assert.Equal(Role.Requester, access.RoleOf(Counsel));
        Assert.Equal(HealthStatus.Unhealthy, (await ReadinessAsync()).Status);
        var logged = Assert.Single(logs.Entries, e => e.EventId.Id == 2034);
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Contains("Forbidden", logged.Message, StringComparison.Ordinal);
        Assert.Contains("configured roles only", logged.Message, StringComparison.Ordinal);

        directory.Answer = () => Members(Counsel);
        await NextIntervalAsync();
        Assert.Equal(Role.LegalStaff, access.RoleOf(Counsel));
        Assert.Equal(HealthStatus.Healthy, (await ReadinessAsync()).Status);
    }

    private static RoleDirectoryRead Members(params string[] legalStaff) =>
        new(new HashSet<string>(legalStaff, StringComparer.OrdinalIgnoreCase), null, []);

    /// <summary>A directory answering what the test says, counting reads.</summary>
    private sealed class ScriptedDirectory : IRoleDirectory
    {
        private int reads;

        public Func<RoleDirectoryRead> Answer { get; set; } = () => throw new InvalidOperationException("No answer set.");

        public int Reads => Volatile.Read(ref reads);

        public Task<RoleDirectoryRead> ReadAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref reads);
            return Task.FromResult(Answer());
        }
    }
}
