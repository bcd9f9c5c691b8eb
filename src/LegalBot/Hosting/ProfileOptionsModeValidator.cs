using LegalBot.Application.Profiles;
using Microsoft.Extensions.Options;

namespace LegalBot.Hosting;

/// <summary>
/// Profiles are read through Microsoft Graph with the <c>Store:Graph</c> settings, so only in the Microsoft 365 mode
/// (<c>Store:Provider</c> <c>SharePoint</c>): elsewhere <c>Profiles:Enabled</c> or a department map is refused at start,
/// naming the key, rather than ignored (the timeout and cache lifetime, which do nothing there, are only range-checked).
/// A department map without <c>Profiles:Enabled</c> is refused too: it would never be used.
/// </summary>
public sealed class ProfileOptionsModeValidator(IConfiguration configuration) : IValidateOptions<ProfileOptions>
{
    public ValidateOptionsResult Validate(string? name, ProfileOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Enabled = $"{ProfileOptions.Section}:{nameof(ProfileOptions.Enabled)}";
        var map = options.DepartmentMap.Keys.Order(StringComparer.Ordinal).Select(d => $"{ProfileOptions.Section}:{nameof(ProfileOptions.DepartmentMap)}:{d}").FirstOrDefault();
        var errors = new List<string>();
        if ((options.Enabled ? Enabled : map) is { } key && configuration["Store:Provider"] != "SharePoint")
        {
            errors.Add($"{key} needs Store:Provider 'SharePoint' (profiles are read through Microsoft Graph with the Store:Graph settings); remove it");
        }
        else if (!options.Enabled && map is not null)
        {
            errors.Add($"{map} is used only with {Enabled} true");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
