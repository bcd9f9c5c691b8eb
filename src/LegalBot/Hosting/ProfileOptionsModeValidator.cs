using LegalBot.Application.Profiles;
using Microsoft.Extensions.Options;

namespace LegalBot.Hosting;

/// <summary>
/// Profiles are read through Microsoft Graph with the <c>Store:Graph</c> settings, so only in the Microsoft 365 mode
/// (<c>Store:Provider</c> <c>SharePoint</c>): elsewhere any <c>Profiles</c> key is refused at start, naming it, rather
/// than ignored. A department map without <c>Profiles:Enabled</c> is refused too: it would never be used.
/// </summary>
public sealed class ProfileOptionsModeValidator(IConfiguration configuration) : IValidateOptions<ProfileOptions>
{
    public ValidateOptionsResult Validate(string? name, ProfileOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var set = configuration.GetSection(ProfileOptions.Section).AsEnumerable(makePathsRelative: true)
            .Where(kv => kv.Key.Length > 0 && !string.IsNullOrEmpty(kv.Value))
            .Select(kv => $"{ProfileOptions.Section}:{kv.Key}")
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
        if (set is not null && configuration["Store:Provider"] != "SharePoint")
        {
            errors.Add($"{set} needs Store:Provider 'SharePoint' (profiles are read through Microsoft Graph with the Store:Graph settings); remove the {ProfileOptions.Section} settings");
        }
        else if (!options.Enabled && options.DepartmentMap.Count > 0)
        {
            errors.Add($"{ProfileOptions.Section}:{nameof(ProfileOptions.DepartmentMap)} is used only with {ProfileOptions.Section}:{nameof(ProfileOptions.Enabled)} true");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
