using System.Collections.Concurrent;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LegalBot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace LegalBot.Tests.Security;

/// <summary>
/// The Bot Framework's identity side on loopback over TLS: the OpenID metadata and signing keys the bot
/// checks channel tokens against, and the token endpoint the bot gets its own token from before it
/// calls the channel. It signs channel tokens with a key generated per instance. Any other call is
/// recorded as unexpected and answered 404.
/// </summary>
public sealed class FakeIdentityServer : IAsyncDisposable
{
    /// <summary>The audience of the bot's own tokens for the channel, as in the public cloud.</summary>
    public const string ChannelScope = "https://api.botframework.com";

    private const string KeyId = "legalbot-test-signing-key";

    private static readonly string[] SigningAlgorithms = ["RS256"];

    /// <summary>The channels a key may sign for; the Bot Framework refuses a key that does not list the activity's channel.</summary>
    private static readonly string[] Endorsements = ["msteams"];

    private readonly WebApplication app;
    private readonly RSA rsa = RSA.Create(2048);
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> tokenRequests = new();
    private readonly ConcurrentQueue<string> unexpected = new();
    private int metadataRequests;

    private FakeIdentityServer(WebApplication app)
    {
        this.app = app;
        SigningKey = new RsaSecurityKey(rsa) { KeyId = KeyId };
    }

    /// <summary>Ends with a slash, like the issuer of a real identity provider.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public string Issuer => BaseUrl.ToString();

    public string MetadataUrl => new Uri(BaseUrl, ".well-known/openid-configuration").ToString();

    /// <summary>
    /// The authority the bot logs in at (<c>ToChannelFromBotLoginUrl</c>). Shaped like an AD FS authority on
    /// purpose: MSAL uses such an authority as it is, while for an Entra-shaped one on an unknown host it asks
    /// login.microsoftonline.com for instance discovery, which a test must never reach.
    /// </summary>
    public string LoginUrl => new Uri(BaseUrl, "adfs").ToString();

    /// <summary>The key published in the JWKS: tokens it signs are genuine.</summary>
    public RsaSecurityKey SigningKey { get; }

    /// <summary>Answers the OpenID metadata with this status when set (simulates an identity outage).</summary>
    public int? FailMetadataWith { get; set; }

    /// <summary>How many times the metadata document was asked for.</summary>
    public int MetadataRequests => Volatile.Read(ref metadataRequests);

    /// <summary>The form of every token request, in order.</summary>
    public IReadOnlyCollection<IReadOnlyDictionary<string, string>> TokenRequests => tokenRequests;

    public IReadOnlyCollection<string> Unexpected => unexpected;

    public static async Task<FakeIdentityServer> StartAsync(X509Certificate2 tlsCertificate)
    {
        var app = LoopbackApp.Create(tlsCertificate);
        var server = new FakeIdentityServer(app);
        app.MapGet("/.well-known/openid-configuration", server.Metadata);
        app.MapGet("/keys", server.Keys);
        app.MapPost("/adfs/oauth2/token", (HttpRequest request) => server.IssueBotTokenAsync(request));
        app.MapFallback((HttpContext http) =>
        {
            server.unexpected.Enqueue($"{http.Request.Method} {http.Request.Path}");
            return Results.NotFound();
        });
        server.BaseUrl = await LoopbackApp.StartAsync(app);
        return server;
    }

    /// <summary>
    /// The configuration that points the bot's Bot Framework authentication at this server, with the
    /// credentials of a MultiTenant app registration.
    /// </summary>
    public Dictionary<string, string?> BotSettings(string appId, string password) => new()
    {
        ["MicrosoftAppType"] = "MultiTenant",
        ["MicrosoftAppId"] = appId,
        ["MicrosoftAppPassword"] = password,
        ["ToBotFromChannelOpenIdMetadataUrl"] = MetadataUrl,
        ["ToBotFromChannelTokenIssuer"] = Issuer,
        ["ToBotFromEmulatorOpenIdMetadataUrl"] = MetadataUrl,
        ["ToChannelFromBotLoginUrl"] = LoginUrl,
        ["ToChannelFromBotOAuthScope"] = ChannelScope,
        ["OAuthUrl"] = Issuer,
        // A loopback authority is nothing MSAL could validate.
        ["ValidateAuthority"] = "false",
    };

    /// <summary>
    /// A token as the Bot Connector sends it with an activity: issued by this server for the bot's app id
    /// (audience), naming the serviceUrl the bot will answer to. Signed with <see cref="SigningKey"/>
    /// unless another key is given.
    /// </summary>
    public string ChannelToken(string audience, Uri serviceUrl, TimeSpan? validFor = null, TimeSpan? age = null, SecurityKey? signWith = null)
    {
        var issuedAt = TimeProvider.System.GetUtcNow().UtcDateTime - (age ?? TimeSpan.Zero);
        var token = new JwtSecurityToken(
            issuer: Issuer,
            audience: audience,
            claims: [new Claim("serviceurl", serviceUrl.ToString())],
            notBefore: issuedAt,
            expires: issuedAt + (validFor ?? TimeSpan.FromHours(1)),
            signingCredentials: new SigningCredentials(signWith ?? SigningKey, SecurityAlgorithms.RsaSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    private IResult Metadata()
    {
        Interlocked.Increment(ref metadataRequests);
        if (FailMetadataWith is { } status)
        {
            return Results.StatusCode(status);
        }

        return Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = new Uri(BaseUrl, "keys").ToString(),
            ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
        });
    }

    /// <summary>The JWKS, with the channel endorsements the Bot Framework requires on each key.</summary>
    private IResult Keys()
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return Results.Json(new
        {
            keys = new[]
            {
                new Dictionary<string, object>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                    ["endorsements"] = Endorsements,
                },
            },
        });
    }

    /// <summary>Client credentials grant at the AD FS token path: records the form and hands out an opaque bearer token.</summary>
    private async Task<IResult> IssueBotTokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        tokenRequests.Enqueue(form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal));
        return Results.Json(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
            ["ext_expires_in"] = 3600,
            ["access_token"] = "bot-token-" + Guid.NewGuid().ToString("N"),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        rsa.Dispose();
    }
}
