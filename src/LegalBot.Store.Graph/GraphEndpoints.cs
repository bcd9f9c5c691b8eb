namespace LegalBot.Store.Graph;

/// <summary>The Graph base address and sign-in authority of a cloud, after any explicit override.</summary>
public sealed record GraphEndpoints(Uri GraphBaseUrl, Uri AuthorityHost)
{
    /// <summary>The sign-in hosts MSAL knows without asking for instance discovery.</summary>
    private static readonly HashSet<string> KnownAuthorityHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "login.microsoftonline.com",
        "login.microsoft.com",
        "login.windows.net",
        "login.microsoftonline.us",
        "login.usgovcloudapi.net",
        "login.chinacloudapi.cn",
        "login.partner.microsoftonline.cn",
    };

    /// <summary>The Graph host, which the authentication provider must be allowed to send tokens to.</summary>
    public string GraphHost => GraphBaseUrl.Host;

    /// <summary>The app-only scope for this Graph: its root address with <c>/.default</c>.</summary>
    public string Scope => $"{GraphBaseUrl.GetLeftPart(UriPartial.Authority)}/.default";

    /// <summary>Whether MSAL must be told not to ask Microsoft's instance discovery about the authority.</summary>
    public bool IsCustomAuthority => !KnownAuthorityHosts.Contains(AuthorityHost.Host);

    public static GraphEndpoints For(GraphStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (graph, authority) = options.Cloud switch
        {
            GraphCloud.USGov => ("https://graph.microsoft.us/v1.0", "https://login.microsoftonline.us/"),
            GraphCloud.USGovDoD => ("https://dod-graph.microsoft.us/v1.0", "https://login.microsoftonline.us/"),
            GraphCloud.China => ("https://microsoftgraph.chinacloudapi.cn/v1.0", "https://login.chinacloudapi.cn/"),
            _ => ("https://graph.microsoft.com/v1.0", "https://login.microsoftonline.com/"),
        };
        return new GraphEndpoints(
            new Uri(options.GraphBaseUrl?.ToString().TrimEnd('/') ?? graph),
            options.AuthorityHost ?? new Uri(authority));
    }
}
