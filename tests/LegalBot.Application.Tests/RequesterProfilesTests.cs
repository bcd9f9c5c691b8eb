using LegalBot.Application.Profiles;
using LegalBot.Core.Access;
using LegalBot.Core.Catalog;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LegalBot.Application.Tests;

/// <summary>
/// <see cref="RequesterProfiles"/> on a scripted directory and a fake clock: the cache and its lifetime, the timeout a
/// caller never waits past (a late answer still cached), a failure remembered for a minute, and the department map.
/// </summary>
public sealed class RequesterProfilesTests
{
    private const string Id = "3f1e5b7a-2c4d-4e6f-8a9b-0c1d2e3f4a5b";
    private static readonly UserProfile Analyst = new("Ari Analyst", "ari@contoso.example", "Corporate Finance", "Financial analyst", null);

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ScriptedDirectory directory = new();

    private RequesterProfiles Profiles(bool enabled = true, Dictionary<string, string>? map = null) => new(
        Options.Create(new ProfileOptions
        {
            Enabled = enabled,
            CacheFor = TimeSpan.FromHours(1),
            Timeout = TimeSpan.FromSeconds(1.5),
            DepartmentMap = map ?? new() { ["Corporate Finance"] = "FINANCE" },
        }),
        new RequestTypeCatalog(Catalog()),
        time,
        NullLogger<RequesterProfiles>.Instance,
        directory);

    private static CatalogOptions Catalog() => new()
    {
        BusinessUnits = ["Sales", "Finance"],
        Types = [new RequestType { Key = "nda", Name = "NDA", TurnaroundBusinessDays = 2 }],
    };

    [Fact]
    public async Task AProfile_IsReadOnce_AndAgainOnlyAfterCacheFor()
    {
        directory.Answer(Analyst);
        var profiles = Profiles();

        Assert.Equal(Analyst, await profiles.GetAsync(Id, CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(Analyst, await profiles.GetAsync(Id, CancellationToken.None));
        Assert.Equal(1, directory.Reads);

        time.Advance(TimeSpan.FromMinutes(2));
        await profiles.GetAsync(Id, CancellationToken.None);
        Assert.Equal(2, directory.Reads);
    }

    [Fact]
    public async Task ASlowDirectory_IsNotWaitedForPastTheTimeout_AndItsLateAnswerIsKept()
    {
        var pending = directory.Hold();
        var profiles = Profiles();

        var first = profiles.GetAsync(Id, CancellationToken.None);
        Assert.False(first.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Null(await first);

        pending.SetResult(Analyst);
        await directory.Answered;
        Assert.Equal(Analyst, await profiles.GetAsync(Id, CancellationToken.None));
        Assert.Equal(1, directory.Reads);
    }

    [Fact]
    public async Task AFailure_IsRememberedForAMinute_ThenReadAgain()
    {
        directory.Fail(new UserProfileException(UserProfileFailure.Unavailable, "Microsoft Graph is throttling or failing; try again shortly."));
        var profiles = Profiles();

        Assert.Null(await profiles.GetAsync(Id, CancellationToken.None));
        Assert.Null(await profiles.GetAsync(Id, CancellationToken.None));
        Assert.Equal(1, directory.Reads);

        directory.Answer(Analyst);
        time.Advance(RequesterProfiles.FailureBackoff);
        Assert.Equal(Analyst, await profiles.GetAsync(Id, CancellationToken.None));
        Assert.Equal(2, directory.Reads);
    }

    [Theory]
    [InlineData("Corporate Finance", "Finance")]
    [InlineData("  corporate finance ", "Finance")]
    [InlineData("Research", null)]
    [InlineData(null, null)]
    public async Task TheBusinessUnit_IsTheMappedOne_SpelledAsInTheCatalog(string? department, string? expected)
    {
        directory.Answer(Analyst with { Department = department });

        Assert.Equal(expected, await Profiles().BusinessUnitAsync(Id, CancellationToken.None));
    }

    [Fact]
    public async Task Disabled_ReadsNothing()
    {
        directory.Answer(Analyst);
        var profiles = Profiles(enabled: false);

        Assert.Null(await profiles.GetAsync(Id, CancellationToken.None));
        Assert.Null(await profiles.BusinessUnitAsync(Id, CancellationToken.None));
        Assert.Equal(0, directory.Reads);
    }

    [Theory]
    [InlineData("00:00:00.050", "01:00:00", "Profiles:Timeout must be between 00:00:00.100 and 00:00:10")]
    [InlineData("00:00:01.500", "00:00:30", "Profiles:CacheFor must be between")]
    public void Validate_NamesTheKeyOutOfRange(string timeout, string cacheFor, string expected)
    {
        var options = new ProfileOptions { Timeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture), CacheFor = TimeSpan.Parse(cacheFor, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Contains(ProfileOptions.Validate(options, ["Sales"]), e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NamesADepartmentMappedToAnUnknownBusinessUnit()
    {
        var options = new ProfileOptions { DepartmentMap = new() { ["Treasury"] = "Finance", ["Field Sales"] = "sales" } };

        Assert.Equal(["Profiles:DepartmentMap:Treasury must name one of Catalog:BusinessUnits."], ProfileOptions.Validate(options, ["Sales"]));
    }

    /// <summary>A directory whose answers the test gives: a profile, a failure, or one it holds back.</summary>
    private sealed class ScriptedDirectory : IUserProfileDirectory
    {
        private readonly TaskCompletionSource answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Func<Task<UserProfile?>> next = () => Task.FromResult<UserProfile?>(null);
        private int reads;

        public int Reads => Volatile.Read(ref reads);

        /// <summary>Completes when a read has ended.</summary>
        public Task Answered => answered.Task;

        public void Answer(UserProfile? profile) => next = () => Task.FromResult(profile);

        public void Fail(Exception exception) => next = () => Task.FromException<UserProfile?>(exception);

        public TaskCompletionSource<UserProfile?> Hold()
        {
            var pending = new TaskCompletionSource<UserProfile?>(TaskCreationOptions.RunContinuationsAsynchronously);
            next = () => pending.Task;
            return pending;
        }

        public async Task<UserProfile?> ReadAsync(string aadObjectId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref reads);
            try
            {
                return await next();
            }
            finally
            {
                answered.TrySetResult();
            }
        }
    }
}
