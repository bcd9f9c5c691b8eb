using System.Globalization;
using LegalBot.Core.Catalog;
using Microsoft.Extensions.Options;

namespace LegalBot.Application.Profiles;

/// <summary>
/// The <c>Profiles</c> configuration section: requesters' profiles read from Microsoft Entra ID (Microsoft 365 mode
/// only), which prefill the business unit at intake and show legal staff who is asking.
/// </summary>
public sealed class ProfileOptions
{
    public const string Section = "Profiles";

    public static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MinCacheFor = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxCacheFor = TimeSpan.FromDays(1);

    /// <summary>Read profiles through Microsoft Graph (application permission <c>User.Read.All</c>).</summary>
    public bool Enabled { get; set; }

    /// <summary>How long a profile read is used before it is read again.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The longest a turn or a card waits for a profile; past it, it goes on without (a late answer still fills the cache).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Department (as in Entra ID, any case) → business unit of <c>Catalog:BusinessUnits</c>, the intake's default.</summary>
    public Dictionary<string, string> DepartmentMap { get; set; } = [];

    /// <summary>Every invalid key, named.</summary>
    public static IEnumerable<string> Validate(ProfileOptions options, IReadOnlyCollection<string> businessUnits)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(businessUnits);
        if (options.Timeout < MinTimeout || options.Timeout > MaxTimeout)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{Section}:{nameof(Timeout)} must be between {MinTimeout:hh\\:mm\\:ss\\.fff} and {MaxTimeout:hh\\:mm\\:ss} (it bounds how long a turn waits for a profile).");
        }

        if (options.CacheFor < MinCacheFor || options.CacheFor > MaxCacheFor)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{Section}:{nameof(CacheFor)} must be between {MinCacheFor} and {MaxCacheFor}.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (department, unit) in options.DepartmentMap)
        {
            if (!seen.Add(department.Trim()))
            {
                yield return $"{Section}:{nameof(DepartmentMap)}:{department} is listed twice (departments are compared without case).";
            }

            if (!businessUnits.Contains(unit?.Trim() ?? "", StringComparer.OrdinalIgnoreCase))
            {
                yield return $"{Section}:{nameof(DepartmentMap)}:{department} must name one of Catalog:BusinessUnits.";
            }
        }
    }
}

/// <summary>Names every invalid <c>Profiles</c> key at start (the department map against <c>Catalog:BusinessUnits</c>).</summary>
public sealed class ProfileOptionsValidator(RequestTypeCatalog catalog) : IValidateOptions<ProfileOptions>
{
    public ValidateOptionsResult Validate(string? name, ProfileOptions options)
    {
        var errors = ProfileOptions.Validate(options, catalog.BusinessUnits).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
