using Microsoft.Extensions.Options;

namespace LegalBot.Store.Graph;

/// <summary>Fails at boot, naming each <c>Store:Graph</c> key that is missing or cannot work.</summary>
public sealed class GraphStoreOptionsValidator : IValidateOptions<GraphStoreOptions>
{
    private const string Prefix = GraphStoreOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, GraphStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Guid.TryParse(options.TenantId, out _))
        {
            failures.Add($"{Prefix}TenantId must be the tenant's directory id (a GUID).");
        }

        if (options.Credential != GraphCredentialKind.ManagedIdentity && !Guid.TryParse(options.ClientId, out _))
        {
            failures.Add($"{Prefix}ClientId must be the app registration's application id (a GUID).");
        }

        switch (options.Credential)
        {
            case GraphCredentialKind.ClientSecret when string.IsNullOrWhiteSpace(options.ClientSecret):
                failures.Add($"{Prefix}ClientSecret is missing (required when {Prefix}Credential is ClientSecret).");
                break;
            case GraphCredentialKind.Certificate when string.IsNullOrWhiteSpace(options.CertificatePath) == string.IsNullOrWhiteSpace(options.CertificateThumbprint):
                failures.Add($"{Prefix}CertificatePath or {Prefix}CertificateThumbprint must be set, not both (required when {Prefix}Credential is Certificate).");
                break;
            case GraphCredentialKind.Certificate when options.CertificatePath is { Length: > 0 } path && !File.Exists(path):
                failures.Add($"{Prefix}CertificatePath names a file that does not exist.");
                break;
            case GraphCredentialKind.ManagedIdentity when options.ManagedIdentityClientId is { Length: > 0 } id && !Guid.TryParse(id, out _):
                failures.Add($"{Prefix}ManagedIdentityClientId must be the managed identity's client id (a GUID).");
                break;
        }

        if (options.StatsCacheDuration < TimeSpan.Zero || options.StatsCacheDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"{Prefix}StatsCacheDuration must be between 00:00:00 and 01:00:00 (a time span).");
        }

        if (options.EditPollInterval < TimeSpan.FromSeconds(1) || options.EditPollInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{Prefix}EditPollInterval must be between 00:00:01 and 1.00:00:00 (a time span).");
        }

        if (!Enum.IsDefined(options.Credential))
        {
            failures.Add($"{Prefix}Credential must be ClientSecret, Certificate or ManagedIdentity.");
        }

        if (!Enum.IsDefined(options.Cloud))
        {
            failures.Add($"{Prefix}Cloud must be Global, USGov, USGovDoD or China.");
        }

        if (string.IsNullOrWhiteSpace(options.SiteId))
        {
            failures.Add($"{Prefix}SiteId is missing: the Graph id of the SharePoint site that holds the lists.");
        }

        if (string.IsNullOrWhiteSpace(options.RequestsList))
        {
            failures.Add($"{Prefix}RequestsList is missing: the id or name of the requests list.");
        }

        if (string.IsNullOrWhiteSpace(options.HistoryList))
        {
            failures.Add($"{Prefix}HistoryList is missing: the id or name of the history list.");
        }
        else if (string.Equals(options.HistoryList, options.RequestsList, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{Prefix}HistoryList must name a different list from {Prefix}RequestsList.");
        }

        if (string.IsNullOrWhiteSpace(options.RosterList))
        {
            failures.Add($"{Prefix}RosterList is missing: the id or name of the ALSP roster list.");
        }
        else if (string.Equals(options.RosterList, options.RequestsList, StringComparison.OrdinalIgnoreCase)
            || string.Equals(options.RosterList, options.HistoryList, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{Prefix}RosterList must name a different list from {Prefix}RequestsList and {Prefix}HistoryList.");
        }

        if (!string.IsNullOrWhiteSpace(options.TeamsAppId) && !Guid.TryParseExact(options.TeamsAppId.Trim(), "D", out _))
        {
            failures.Add($"{Prefix}TeamsAppId must be the id of LegalBot in the organisation's Teams app catalog (a GUID), or empty.");
        }

        RequireHttps(options.GraphBaseUrl, "GraphBaseUrl", failures);
        RequireHttps(options.AuthorityHost, "AuthorityHost", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireHttps(Uri? address, string key, List<string> failures)
    {
        if (address is not null && (!address.IsAbsoluteUri || address.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{Prefix}{key} must be an absolute https address.");
        }
    }
}
