using LegalBot.Core.Access;
using LegalBot.Core.Catalog;
using Microsoft.Extensions.Options;

namespace LegalBot.Hosting;

/// <summary>
/// Names every invalid <c>Roles</c> key at startup. Outside Development an empty legal-staff list fails:
/// the bot would take requests that nobody could triage.
/// </summary>
public sealed class RoleOptionsValidator(IHostEnvironment environment, IOptions<CatalogOptions> catalog) : IValidateOptions<RoleOptions>
{
    public ValidateOptionsResult Validate(string? name, RoleOptions options)
    {
        var errors = RoleOptions.Validate(options, [.. catalog.Value.Types.Select(t => t.Key)], requireLegalStaff: !environment.IsDevelopment());
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
