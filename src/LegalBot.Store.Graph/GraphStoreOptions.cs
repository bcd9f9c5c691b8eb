namespace LegalBot.Store.Graph;

/// <summary>How the bot proves its identity to Microsoft Graph.</summary>
public enum GraphCredentialKind
{
    /// <summary>The app registration's client secret (<c>ClientSecret</c>).</summary>
    ClientSecret,

    /// <summary>A certificate registered on the app: a PFX file (<c>CertificatePath</c>) or one in the certificate store (<c>CertificateThumbprint</c>).</summary>
    Certificate,

    /// <summary>The Azure managed identity of the host (system-assigned, or user-assigned with <c>ManagedIdentityClientId</c>).</summary>
    ManagedIdentity,
}

/// <summary>The Microsoft cloud the tenant lives in: it decides both the Graph address and the sign-in authority.</summary>
public enum GraphCloud
{
    Global,
    USGov,
    USGovDoD,
    China,
}

/// <summary>The <c>Store:Graph</c> configuration section: where the SharePoint lists are and how to reach them.</summary>
public sealed class GraphStoreOptions
{
    public const string Section = "Store:Graph";

    /// <summary>The Microsoft Entra tenant (directory) id of the app registration.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>The app registration's application (client) id.</summary>
    public string ClientId { get; set; } = "";

    public GraphCredentialKind Credential { get; set; } = GraphCredentialKind.ClientSecret;

    public string? ClientSecret { get; set; }

    /// <summary>A PFX file holding the certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>The thumbprint of a certificate in the current user's or the machine's personal store.</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>For a user-assigned managed identity, its client id; empty for the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>The Graph site id (<c>host,site-collection-guid,web-guid</c>) holding both lists.</summary>
    public string SiteId { get; set; } = "";

    /// <summary>The requests list: its id or its display name.</summary>
    public string RequestsList { get; set; } = "Legal Requests";

    /// <summary>The history list (append-only, one item per history line): its id or its display name.</summary>
    public string HistoryList { get; set; } = "Legal Request History";

    /// <summary>The ALSP roster list (one item per professional of the ALSP group): its id or its display name.</summary>
    public string RosterList { get; set; } = "ALSP Roster";

    /// <summary>
    /// The Graph id of the document library holding the requests' files (<c>GET /sites/{site}/drives</c>, the library's
    /// <c>id</c>), a folder per request; empty: files are not kept in Microsoft 365.
    /// </summary>
    public string? DocumentsDriveId { get; set; }

    /// <summary>
    /// The id of LegalBot in the organisation's Teams app catalog (<c>GET /appCatalogs/teamsApps?$filter=externalId eq
    /// '{manifest id}'</c>, its <c>id</c>; not the manifest's id). When set, someone the bot has no chat with yet (an ALSP
    /// professional who never opened it) has the app installed for them through Graph and is reached in that chat;
    /// the app registration needs <c>TeamsAppInstallation.ReadWriteForUser.All</c>. Empty: the bot asks Teams to open the
    /// chat, which Teams refuses for someone who lacks the app.
    /// </summary>
    public string? TeamsAppId { get; set; }

    /// <summary>
    /// How often the bot looks for edits people made in Microsoft Lists (the requests list's delta feed); within this
    /// interval a state change legal staff made there is taken in, and any other edit of the state or assignee put back.
    /// </summary>
    public TimeSpan EditPollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long the professionals' figures on legal staff cards (open assignments, completed, on time), counted from
    /// the whole list, are used before they are counted again; this instance's own changes update them at once.
    /// Zero counts them for every card.
    /// </summary>
    public TimeSpan StatsCacheDuration { get; set; } = TimeSpan.FromMinutes(1);

    public GraphCloud Cloud { get; set; } = GraphCloud.Global;

    /// <summary>Overrides the cloud's Graph address, e.g. <c>https://graph.example/v1.0</c> (a local server in tests).</summary>
    public Uri? GraphBaseUrl { get; set; }

    /// <summary>Overrides the cloud's sign-in authority host.</summary>
    public Uri? AuthorityHost { get; set; }
}
