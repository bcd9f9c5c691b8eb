using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Rest;
using Newtonsoft.Json;

namespace LegalBot.Bot;

/// <summary>
/// Bot Framework authentication that hands out one Bot Connector client per service URL, audience and bot
/// identity, and one user token client per bot identity, instead of new ones per turn. Each new connector
/// client builds its own JSON contract resolver, so every turn used to recompile the serializers of the
/// activity types: most of a turn's CPU, and a steady stream of dynamic methods to JIT and finalize. Each
/// new user token client (never used here: no sign-in) built its user agent with reflection and regular
/// expressions. The SDK's older BotFrameworkAdapter cached its clients the same way. Clients are renewed
/// after <see cref="Lifetime"/> so a rotated HTTP handler (DNS) is picked up, and the cache is bounded.
/// </summary>
public sealed class SharedConnectorAuthentication(BotFrameworkAuthentication inner, TimeProvider time) : BotFrameworkAuthentication
{
    /// <summary>How long one client is reused.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>Past this many service URLs (Teams uses a handful), new ones get a client of their own per turn.</summary>
    public const int MaxClients = 256;

    private readonly ConcurrentDictionary<string, Entry> clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (SharedUserTokenClient Shared, DateTimeOffset Created)> tokenClients = new(StringComparer.Ordinal);

    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
    {
        var result = await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken);
        result.ConnectorFactory = new SharedConnectorFactory(this, result.ConnectorFactory, result.ClaimsIdentity);
        return result;
    }

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken)
    {
        var result = await inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken);
        result.ConnectorFactory = new SharedConnectorFactory(this, result.ConnectorFactory, result.ClaimsIdentity);
        return result;
    }

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        new SharedConnectorFactory(this, inner.CreateConnectorFactory(claimsIdentity), claimsIdentity);

    public override async Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken)
    {
        var key = IdentityKey(claimsIdentity);
        var now = time.GetUtcNow();
        if (tokenClients.TryGetValue(key, out var entry) && now - entry.Created < Lifetime)
        {
            return entry.Shared;
        }

        var client = await inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);
        if (tokenClients.Count >= MaxClients && entry.Shared is null)
        {
            return client;
        }

        var shared = new SharedUserTokenClient(client);
        tokenClients[key] = (shared, now);
        return shared;
    }

    public override Microsoft.Bot.Builder.Skills.BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    private async Task<IConnectorClient> GetAsync(ConnectorFactory factory, ClaimsIdentity? identity, string serviceUrl, string audience, CancellationToken cancellationToken)
    {
        var key = string.Join('\n', serviceUrl, audience ?? "", IdentityKey(identity));
        var now = time.GetUtcNow();
        if (clients.TryGetValue(key, out var entry) && now - entry.Created < Lifetime)
        {
            return entry.Shared;
        }

        var client = await factory.CreateAsync(serviceUrl, audience, cancellationToken);
        if (clients.Count >= MaxClients && entry is null)
        {
            return client;
        }

        // The replaced client is not disposed: a turn may still be using it. It holds no connection of its own
        // (its HttpClient comes from the host's IHttpClientFactory), so the collector takes it.
        var created = new Entry(new SharedConnectorClient(client), now);
        clients[key] = created;
        return created.Shared;
    }

    /// <summary>A client's credentials follow from the bot identity: its audience, app id or authorized party.</summary>
    private static string IdentityKey(ClaimsIdentity? identity) =>
        identity is null
            ? ""
            : string.Join('|', identity.Claims
                .Where(c => c.Type is AuthenticationConstants.AudienceClaim or AuthenticationConstants.AppIdClaim or AuthenticationConstants.AuthorizedParty)
                .Select(c => c.Type + "=" + c.Value));

    private sealed record Entry(SharedConnectorClient Shared, DateTimeOffset Created);

    private sealed class SharedConnectorFactory(SharedConnectorAuthentication owner, ConnectorFactory inner, ClaimsIdentity? identity) : ConnectorFactory
    {
        public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken) =>
            owner.GetAsync(inner, identity, serviceUrl, audience, cancellationToken);
    }

    /// <summary>The adapter disposes its connector client at the end of every turn; a shared one stays open.</summary>
    private sealed class SharedConnectorClient(IConnectorClient inner) : IConnectorClient
    {
        public Uri BaseUri
        {
            get => inner.BaseUri;
            set => inner.BaseUri = value;
        }

        public JsonSerializerSettings SerializationSettings => inner.SerializationSettings;

        public JsonSerializerSettings DeserializationSettings => inner.DeserializationSettings;

        public ServiceClientCredentials Credentials => inner.Credentials;

        public IAttachments Attachments => inner.Attachments;

        public IConversations Conversations => inner.Conversations;

        public void Dispose()
        {
            // Shared across turns.
        }
    }

    /// <summary>The adapter disposes its user token client at the end of every turn; a shared one stays open.</summary>
    private sealed class SharedUserTokenClient(UserTokenClient inner) : UserTokenClient
    {
        public override Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken) =>
            inner.GetUserTokenAsync(userId, connectionName, channelId, magicCode, cancellationToken);

        public override Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken) =>
            inner.GetSignInResourceAsync(connectionName, activity, finalRedirect, cancellationToken);

        public override Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) =>
            inner.SignOutUserAsync(userId, connectionName, channelId, cancellationToken);

        public override Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken) =>
            inner.GetTokenStatusAsync(userId, channelId, includeFilter, cancellationToken);

        public override Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken) =>
            inner.GetAadTokensAsync(userId, connectionName, resourceUrls, channelId, cancellationToken);

        public override Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) =>
            inner.ExchangeTokenAsync(userId, connectionName, channelId, exchangeRequest, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            // Shared across turns: the inner client stays open (the base class holds nothing).
            base.Dispose(disposing);
        }
    }
}
