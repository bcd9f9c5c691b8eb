using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace LegalBot.Store.Graph;

/// <summary>
/// Builds the Graph client: the SDK's own HTTP pipeline from <see cref="GraphClientFactory"/> (retry with
/// Retry-After, its waiting bounded by <see cref="RetryBudget"/>, redirect, compression and the rest), an Azure.Identity
/// credential for the configured cloud, and an authentication provider allowed to send tokens to the configured
/// Graph host. The shortcut constructor of <see cref="GraphServiceClient"/> is not used: it only sends tokens to
/// Microsoft's own Graph hosts, silently, so a national cloud override or a test server would get none.
/// </summary>
public static class GraphClients
{
    /// <summary>
    /// The most one Graph request waits in retries (Retry-After, or backoff from 1 s without it) before its
    /// throttled answer is taken as "not now". The SDK's default (3 retries, up to 180 s each) could hold a turn for
    /// minutes; Teams wants an answer within about 15 s, and a turn makes at most three Graph round trips in a row.
    /// A Retry-After longer than what is left is not waited for at all.
    /// </summary>
    public static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(3);

    /// <summary>Retries the pipeline makes at most for one request (the SDK's default).</summary>
    public const int MaxRetries = 3;

    /// <param name="transport">
    /// The HTTP handler at the end of both the Graph pipeline and the credential's (a proxy, or a test's pinned
    /// certificate); the platform's default when null. The client owns it and disposes it.
    /// </param>
    public static GraphServiceClient Create(GraphStoreOptions options, HttpMessageHandler? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoints = GraphEndpoints.For(options);
        var credential = CreateCredential(options, endpoints, transport);
        var authentication = new AzureIdentityAuthenticationProvider(credential, [endpoints.GraphHost], scopes: [endpoints.Scope]);
        var handlers = GraphClientFactory.CreateDefaultHandlers();
        for (var i = 0; i < handlers.Count; i++)
        {
            if (handlers[i] is RetryHandler)
            {
                handlers[i] = new RetryHandler(RetryWithin(RetryBudget));
            }
        }

        var http = GraphClientFactory.Create(handlers, version: "v1.0", nationalCloud: NationalCloud(options.Cloud), finalHandler: transport);
        http.BaseAddress = endpoints.GraphBaseUrl;
        return new GraphServiceClient(http, authentication, endpoints.GraphBaseUrl.ToString());
    }

    /// <summary>
    /// The adapter an upload session's ranges go through (<see cref="GraphDocumentLibrary"/>): the SDK's pipeline with no
    /// authentication (an upload URL is pre-authenticated and Graph answers 401 to a bearer token there), over
    /// <paramref name="transport"/> (the platform's default when null).
    /// </summary>
    public static Microsoft.Kiota.Abstractions.IRequestAdapter CreateUploadAdapter(HttpMessageHandler? transport = null) =>
        new BaseGraphRequestAdapter(new Microsoft.Kiota.Abstractions.Authentication.AnonymousAuthenticationProvider(), httpClient: GraphClientFactory.Create(finalHandler: transport));

    /// <summary>
    /// The retry handler's settings for a request that may wait at most <paramref name="budget"/> in retries: the
    /// SDK's statuses (429, 503, 504) and Retry-After, a 1 s backoff base, and no retry at all once nothing is left.
    /// </summary>
    internal static RetryHandlerOption RetryWithin(TimeSpan budget) => budget > TimeSpan.Zero
        ? new RetryHandlerOption { MaxRetry = MaxRetries, Delay = 1, RetriesTimeLimit = budget }
        : new RetryHandlerOption { MaxRetry = 0 };

    /// <summary>The credential for <see cref="GraphStoreOptions.Credential"/>, signing in at the configured authority.</summary>
    public static TokenCredential CreateCredential(GraphStoreOptions options, GraphEndpoints endpoints, HttpMessageHandler? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(endpoints);
        return options.Credential switch
        {
            GraphCredentialKind.ClientSecret => new ClientSecretCredential(
                options.TenantId, options.ClientId, options.ClientSecret, Configure(new ClientSecretCredentialOptions(), endpoints, transport)),
            GraphCredentialKind.Certificate => new ClientCertificateCredential(
                options.TenantId, options.ClientId, LoadCertificate(options), Configure(new ClientCertificateCredentialOptions(), endpoints, transport)),
            GraphCredentialKind.ManagedIdentity => new ManagedIdentityCredential(Configure(new ManagedIdentityCredentialOptions(ManagedIdentity(options)), endpoints, transport)),
            _ => throw new InvalidOperationException($"{GraphStoreOptions.Section}:Credential has an unknown value."),
        };
    }

    internal static T Configure<T>(T credentialOptions, GraphEndpoints endpoints, HttpMessageHandler? transport)
        where T : TokenCredentialOptions
    {
        credentialOptions.AuthorityHost = endpoints.AuthorityHost;
        if (transport is not null)
        {
            credentialOptions.Transport = new HttpClientTransport(transport);
        }

        if (endpoints.IsCustomAuthority)
        {
            // Otherwise MSAL first asks Microsoft's public cloud whether the authority is genuine.
            switch (credentialOptions)
            {
                case ClientSecretCredentialOptions secret:
                    secret.DisableInstanceDiscovery = true;
                    break;
                case ClientCertificateCredentialOptions certificate:
                    certificate.DisableInstanceDiscovery = true;
                    break;
            }
        }

        return credentialOptions;
    }

    private static ManagedIdentityId ManagedIdentity(GraphStoreOptions options) =>
        string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId);

    private static X509Certificate2 LoadCertificate(GraphStoreOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword);
        }

        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            store.Open(OpenFlags.ReadOnly);
            var found = store.Certificates.Find(X509FindType.FindByThumbprint, options.CertificateThumbprint!, validOnly: false);
            if (found.Count > 0)
            {
                return found[0];
            }
        }

        throw new InvalidOperationException($"{GraphStoreOptions.Section}:CertificateThumbprint names no certificate in the current user's or the machine's personal store.");
    }

    private static string NationalCloud(GraphCloud cloud) => cloud switch
    {
        GraphCloud.USGov => GraphClientFactory.USGOV_Cloud,
        GraphCloud.USGovDoD => GraphClientFactory.USGOV_DOD_Cloud,
        GraphCloud.China => GraphClientFactory.China_Cloud,
        _ => GraphClientFactory.Global_Cloud,
    };
}
