using System.Collections.Concurrent;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Options;

namespace LegalBot.Application;

/// <summary>
/// Each person's time zone, as their Teams client reports it with every activity (an IANA name such as
/// "Europe/Berlin"), kept in the store so that cards and notices rendered later, by the background
/// dispatcher or after a restart, show times in it. People whose zone is unknown get
/// <see cref="TimeZoneOptions.DefaultTimeZone"/>.
/// </summary>
public sealed class ViewerTimeZones(IUserSettingsStore store, IOptions<TimeZoneOptions> options)
{
    /// <summary>IANA names are short ("America/Argentina/ComodRivadavia" is among the longest).</summary>
    private const int MaxNameLength = 64;

    private readonly ConcurrentDictionary<string, TimeZoneInfo> known = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The configured zone for people (and channels) whose own zone is not known.</summary>
    public TimeZoneInfo Default { get; } = Find(options.Value.DefaultTimeZone) ?? TimeZoneInfo.Utc;

    /// <summary>
    /// Keeps the zone a person's client reported. Anything that is not a time zone this server knows is
    /// ignored (the zone kept before stays); the store is written only when the zone changes.
    /// </summary>
    public async Task RememberAsync(string? aadObjectId, string? reported, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(aadObjectId) || Find(reported) is not { } zone)
        {
            return;
        }

        if (known.TryGetValue(aadObjectId, out var current) && current.Id == zone.Id)
        {
            return;
        }

        await store.SaveTimeZoneAsync(aadObjectId, zone.Id, cancellationToken);
        known[aadObjectId] = zone;
    }

    /// <summary>The person's zone; <see cref="Default"/> when they have none or for a shared (channel) view.</summary>
    public async Task<TimeZoneInfo> ForAsync(string? aadObjectId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(aadObjectId))
        {
            return Default;
        }

        if (known.TryGetValue(aadObjectId, out var zone))
        {
            return zone;
        }

        zone = Find(await store.GetTimeZoneAsync(aadObjectId, cancellationToken)) ?? Default;
        known.TryAdd(aadObjectId, zone);
        return zone;
    }

    /// <summary>
    /// A time zone by IANA name, or null for anything else: blank, overlong, a path, a Windows id, or a
    /// name this server's time zone database lacks.
    /// </summary>
    public static TimeZoneInfo? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || !name.All(IsNameChar) || name.Contains("..", StringComparison.Ordinal) || name[0] == '/')
        {
            return null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) && zone.HasIanaId ? zone : null;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+';
}
