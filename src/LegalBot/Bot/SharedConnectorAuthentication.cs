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
/// identity, instead of a new client per turn. Each new client builds its own JSON contract resolver, so
/// every turn used to recompile the serializers of the activity types: most of a turn's CPU, and a steady
/// stream of dynamic methods to JIT and finalize. The SDK's older BotFrameworkAdapter cached its clients
/// the same way. Clients are renewed after <see cref="Lifetime"/> so a rotated HTTP handler (DNS) is
/// picked up, and the cache is bounded.
/// </summary>
public sealed class SharedConnectorAuthentication(BotFrameworkAuthentication inner, TimeProvider time) : BotFrameworkAuthentication
{
    /// <summary>How long one client is reused.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>Past this many service URLs (Teams uses a handful), new ones get a client of their own per turn.</summary>
    public const int MaxClients = 256;

    private readonly ConcurrentDictionary<string, Entry> clients = new(StringComparer.Ordinal);

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

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);

    public override Microsoft.Bot.Builder.Skills.BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    private async Task<IConnectorClient> GetAsync(ConnectorFactory factory, ClaimsIdentity? identity, string serviceUrl, string audience, CancellationToken cancellationToken)
    {
        // The client's credentials follow from the bot identity (audience, app id or authorized party) and the audience.
        var identityKey = identity is null
            ? ""
            : string.Join('|', identity.Claims
                .Where(c => c.Type is AuthenticationConstants.AudienceClaim or AuthenticationConstants.AppIdClaim or AuthenticationConstants.AuthorizedParty)
                .Select(c => c.Type + "=" + c.Value));
        var key = string.Join('\n', serviceUrl, audience ?? "", identityKey);
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
}
