using LegalBot.Core.Access;
using LegalBot.Core.Catalog;
using Microsoft.Extensions.Options;

namespace LegalBot.Hosting;

/// <summary>
/// Names every invalid <c>Roles</c> key at startup. Outside Development an empty legal-staff list fails:
/// the bot would take requests that nobody could triage (unless a legal-staff group is set). Roles from groups need
/// Microsoft Graph and the roster list of the Microsoft 365 mode (<c>Store:Provider</c> <c>SharePoint</c>).
/// </summary>
public sealed class RoleOptionsValidator(IHostEnvironment environment, IOptions<CatalogOptions> catalog, IConfiguration configuration) : IValidateOptions<RoleOptions>
{
    public ValidateOptionsResult Validate(string? name, RoleOptions options)
    {
        var errors = RoleOptions.Validate(options, [.. catalog.Value.Types.Select(t => t.Key)], requireLegalStaff: !environment.IsDevelopment()).ToList();
        if (options.UsesGroups && configuration["Store:Provider"] != "SharePoint")
        {
            var key = string.IsNullOrWhiteSpace(options.LegalStaffGroupId) ? "AlspGroupId" : "LegalStaffGroupId";
            errors.Add($"{RoleOptions.Section}:{key} needs Store:Provider 'SharePoint' (the groups are read through Microsoft Graph with the Store:Graph settings, the roster from its list); list the roles in {RoleOptions.Section}:LegalStaff and {RoleOptions.Section}:Alsp instead");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
