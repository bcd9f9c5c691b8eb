using System.Collections.Concurrent;
using LegalBot.Core.Access;
using LegalBot.Core.Catalog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LegalBot.Application.Profiles;

/// <summary>
/// Requesters' profiles for intake and legal staff's cards, read from the directory (<see cref="IUserProfileDirectory"/>)
/// once per user and kept for <see cref="ProfileOptions.CacheFor"/>. A caller never waits longer than
/// <see cref="ProfileOptions.Timeout"/>: past it, it goes on without the profile while the read goes on, and an answer
/// that comes late fills the cache for the next time. A read that failed is not tried again for a minute (at most
/// <see cref="ProfileOptions.CacheFor"/>), so a directory that is down does not slow every turn. Without a directory
/// (the embedded modes) or with <see cref="ProfileOptions.Enabled"/> off, there is no profile and nothing waits.
/// </summary>
public sealed class RequesterProfiles(
    IOptions<ProfileOptions> options,
    RequestTypeCatalog catalog,
    TimeProvider time,
    ILogger<RequesterProfiles> logger,
    IUserProfileDirectory? directory = null)
{
    /// <summary>How long a failed read is remembered (at most <see cref="ProfileOptions.CacheFor"/>).</summary>
    public static readonly TimeSpan FailureBackoff = TimeSpan.FromMinutes(1);

    /// <summary>The longest a read may go on in the background before it is given up.</summary>
    private static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(30);

    /// <summary>Past this many users, entries that have expired are dropped when another is added.</summary>
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether profiles are read at all.</summary>
    public bool Enabled => directory is not null && options.Value.Enabled;

    /// <summary>The user's profile, from the cache or read now within the timeout; null when unknown, unavailable or late.</summary>
    public async Task<UserProfile?> GetAsync(string? aadObjectId, CancellationToken cancellationToken)
    {
        if (!Enabled || string.IsNullOrWhiteSpace(aadObjectId))
        {
            return null;
        }

        var entry = Current(aadObjectId);
        if (entry.Read.IsCompleted)
        {
            return await entry.Read;
        }

        try
        {
            return await entry.Read.WaitAsync(options.Value.Timeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            Log.ProfileLate(logger, aadObjectId, options.Value.Timeout);
            return null;
        }
    }

    /// <summary>
    /// The business unit the requester's department maps to (<see cref="ProfileOptions.DepartmentMap"/>), spelled as in
    /// <c>Catalog:BusinessUnits</c>; null without a profile, a department, or a mapping for it.
    /// </summary>
    public async Task<string?> BusinessUnitAsync(string? aadObjectId, CancellationToken cancellationToken)
    {
        if (!Enabled || options.Value.DepartmentMap.Count == 0)
        {
            return null;
        }

        var department = (await GetAsync(aadObjectId, cancellationToken))?.Department?.Trim();
        if (string.IsNullOrEmpty(department))
        {
            return null;
        }

        var unit = options.Value.DepartmentMap.FirstOrDefault(m => string.Equals(m.Key.Trim(), department, StringComparison.OrdinalIgnoreCase)).Value?.Trim();
        return unit is null ? null : catalog.BusinessUnits.FirstOrDefault(b => string.Equals(b, unit, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The entry to answer from: the cached one while fresh (or still being read), otherwise a new read.</summary>
    private Entry Current(string id)
    {
        var now = time.GetUtcNow();
        while (true)
        {
            if (entries.TryGetValue(id, out var cached))
            {
                if (cached.FreshAt(now))
                {
                    return cached;
                }

                var replacement = new Entry();
                if (entries.TryUpdate(id, replacement, cached))
                {
                    _ = ReadAsync(id, replacement);
                    return replacement;
                }

                continue;
            }

            var added = new Entry();
            if (entries.TryAdd(id, added))
            {
                Prune(now);
                _ = ReadAsync(id, added);
                return added;
            }
        }
    }

    /// <summary>Reads the profile into the entry; never throws (a profile never breaks a turn).</summary>
    private async Task ReadAsync(string id, Entry entry)
    {
        // Not the caller's token: an answer after the caller has gone on still fills the cache.
        using var limit = new CancellationTokenSource(ReadLimit, time);
        try
        {
            var profile = await Task.Run(() => directory!.ReadAsync(id, limit.Token), limit.Token);
            entry.ExpireAt(time.GetUtcNow() + options.Value.CacheFor);
            Log.ProfileRead(logger, id, profile is not null);
            entry.Complete(profile);
        }
        catch (Exception exception)
        {
            var failure = (exception as UserProfileException)?.Failure ?? UserProfileFailure.Unavailable;
            entry.ExpireAt(time.GetUtcNow() + (options.Value.CacheFor < FailureBackoff ? options.Value.CacheFor : FailureBackoff));
            if (failure == UserProfileFailure.Forbidden)
            {
                Log.ProfileForbidden(logger, exception, id);
            }
            else
            {
                Log.ProfileUnavailable(logger, exception, id);
            }

            entry.Complete(null);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        if (entries.Count <= PruneAbove)
        {
            return;
        }

        foreach (var (id, entry) in entries)
        {
            if (!entry.FreshAt(now))
            {
                entries.TryRemove(new KeyValuePair<string, Entry>(id, entry));
            }
        }
    }

    /// <summary>One user's read: in flight until it ends, then fresh until it expires.</summary>
    private sealed class Entry
    {
        private readonly TaskCompletionSource<UserProfile?> read = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long expiresTicks = long.MaxValue;

        /// <summary>The profile read (null: none), completed when the read ends; it never fails.</summary>
        public Task<UserProfile?> Read => read.Task;

        public void Complete(UserProfile? profile) => read.TrySetResult(profile);

        public bool FreshAt(DateTimeOffset now) => now.UtcTicks < Interlocked.Read(ref expiresTicks);

        public void ExpireAt(DateTimeOffset at) => Interlocked.Exchange(ref expiresTicks, at.UtcTicks);
    }
}
