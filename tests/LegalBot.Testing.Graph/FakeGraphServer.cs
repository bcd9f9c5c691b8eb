using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace LegalBot.Testing.Graph;

/// <summary>What SharePoint answers a query on a non-indexed column once the list is past its threshold.</summary>
public enum LargeListRefusal
{
    /// <summary>Graph's documented answer: 400 <c>notSupported</c>, inner code <c>tooManyResources</c>.</summary>
    TooManyResources,

    /// <summary>429 without Retry-After, which Graph's SDK retries and then gives up on.</summary>
    ThrottledWithoutRetryAfter,
}

/// <summary>One HTTP request the fake received (a part of a <c>$batch</c> is recorded on its own, marked).</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string? Body, bool InBatch, int Status)
{
    public bool IsGraph => Path.StartsWith("/v1.0/", StringComparison.Ordinal);

    public override string ToString() => $"{Method} {Path}{Query} → {Status}{(InBatch ? " (in $batch)" : "")}";
}

/// <summary>A fault to inject on matching Graph requests (batch parts included).</summary>
/// <param name="Status">The status to answer; 0 with <paramref name="Abort"/> drops the connection instead.</param>
/// <param name="Times">How many matching requests it applies to (int.MaxValue: until removed).</param>
public sealed record GraphFault(int Status, TimeSpan? RetryAfter = null, string? Method = null, string? PathContains = null, int Times = 1, bool Abort = false)
{
    internal int Remaining = Times;

    internal bool AppliesTo(string method, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (PathContains is null || path.Contains(PathContains, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Microsoft Graph and its token issuer on loopback over TLS, written from Graph's documentation: the OAuth 2.0
/// client-credentials endpoint (<c>/{tenant}/oauth2/v2.0/token</c>), and under <c>/v1.0</c> sites, lists, columns
/// and list items with SharePoint's rules (indexed columns, the list view threshold, ETags), delta and
/// <c>$batch</c>, and Entra ID groups with their transitive members (users, guests among them). It records every request; anything it does not implement (route, query option, body field) is
/// answered 501 naming it and recorded in <see cref="Unknown"/>, which tests assert empty.
/// </summary>
public sealed partial class FakeGraphServer : IAsyncDisposable
{
    private readonly X509Certificate2 certificate;
    private readonly TimeProvider time;
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly ConcurrentQueue<string> unknown = new();
    private readonly ConcurrentQueue<string> nonIndexedQueries = new();
    private readonly ConcurrentDictionary<string, string> clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, X509Certificate2> certificateClients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> issuedTokens = new(StringComparer.Ordinal);
    private readonly List<GraphFault> faults = [];
    private readonly List<FakeSite> sites = [];
    private WebApplication? app;
    private int port;

    private FakeGraphServer(X509Certificate2 certificate, TimeProvider time)
    {
        this.certificate = certificate;
        this.time = time;
    }

    /// <summary>The tenant the token endpoint answers for.</summary>
    public string TenantId { get; } = Guid.NewGuid().ToString();

    /// <summary>Ends with a slash; also the authority host for Azure.Identity.</summary>
    public Uri BaseUrl => new($"https://127.0.0.1:{port}/");

    /// <summary>The Graph base address, <c>https://127.0.0.1:port/v1.0</c>.</summary>
    public Uri GraphBaseUrl => new(BaseUrl, "v1.0");

    /// <summary>SharePoint's list view threshold: past this many items a query on a non-indexed column fails.</summary>
    public int ListViewThreshold { get; set; } = 5000;

    public LargeListRefusal LargeListRefusal { get; set; } = LargeListRefusal.TooManyResources;

    /// <summary>Most columns a list may index.</summary>
    public int MaxIndexedColumns { get; set; } = 20;

    /// <summary>Items per page of the delta feed; more follow by <c>@odata.nextLink</c>.</summary>
    public int DeltaPageSize { get; set; } = 200;

    /// <summary>Added before every Graph answer (network and service time).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Every request in arrival order, token requests included.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    /// <summary>The Graph requests (not the token endpoint), batch parts excluded: the round trips.</summary>
    public IReadOnlyList<RecordedRequest> GraphRoundTrips => [.. requests.Where(r => r.IsGraph && !r.InBatch)];

    /// <summary>Routes, query options and body fields the fake does not implement that were asked for.</summary>
    public IReadOnlyCollection<string> Unknown => unknown;

    /// <summary>Every <c>$filter</c>/<c>$orderby</c> that referenced a non-indexed column (whatever was answered).</summary>
    public IReadOnlyCollection<string> NonIndexedQueries => nonIndexedQueries;

    public static async Task<FakeGraphServer> StartAsync(X509Certificate2 tlsCertificate, TimeProvider? time = null)
    {
        var server = new FakeGraphServer(tlsCertificate, time ?? TimeProvider.System);
        await server.ListenAsync(0);
        return server;
    }

    /// <summary>Registers an app (client id and secret) the token endpoint accepts.</summary>
    public void RegisterClient(string clientId, string secret) => clients[clientId] = secret;

    /// <summary>Registers an app that proves itself with a certificate (a signed client assertion); only the public part is kept.</summary>
    public void RegisterClient(string clientId, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        certificateClients[clientId] = X509CertificateLoader.LoadCertificate(certificate.RawData);
    }

    /// <summary>The bot's <c>Store:Graph</c> settings for an app registered here (client secret) and one of its sites.</summary>
    public Dictionary<string, string?> BotSettings(string clientId, string secret, FakeSite site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return new()
        {
            ["Store:Graph:TenantId"] = TenantId,
            ["Store:Graph:ClientId"] = clientId,
            ["Store:Graph:Credential"] = "ClientSecret",
            ["Store:Graph:ClientSecret"] = secret,
            ["Store:Graph:SiteId"] = site.Id,
            ["Store:Graph:GraphBaseUrl"] = GraphBaseUrl.ToString(),
            ["Store:Graph:AuthorityHost"] = BaseUrl.ToString(),
        };
    }

    public FakeSite AddSite(string displayName = "Legal")
    {
        var site = new FakeSite($"contoso.sharepoint.com,{Guid.NewGuid()},{Guid.NewGuid()}", displayName, $"https://contoso.sharepoint.com/sites/{displayName.ToLowerInvariant()}");
        lock (sites)
        {
            sites.Add(site);
        }

        return site;
    }

    /// <summary>Adds a genericList straight into a site, as if someone had made it by hand (test arrangement).</summary>
    public FakeList AddList(FakeSite site, string displayName, params FakeColumn[] columns)
    {
        ArgumentNullException.ThrowIfNull(site);
        var list = new FakeList(site, displayName, "genericList", time.GetUtcNow());
        list.Columns.AddRange(columns);
        lock (site.Lists)
        {
            site.Lists.Add(list);
        }

        return list;
    }

    /// <summary>Adds a fault; matching requests get it until its count runs out.</summary>
    public void AddFault(GraphFault fault)
    {
        lock (faults)
        {
            faults.Add(fault);
        }
    }

    public void ClearFaults()
    {
        lock (faults)
        {
            faults.Clear();
        }
    }

    /// <summary>Forgets the recorded requests (not the unknown ones), to count the next operation alone.</summary>
    public void ClearRequests() => requests.Clear();

    /// <summary>Stops listening so connections are refused, as when Graph is unreachable; <see cref="GoOnlineAsync"/> undoes it.</summary>
    public async Task GoOfflineAsync()
    {
        if (app is { } running)
        {
            app = null;
            await running.StopAsync();
            await running.DisposeAsync();
        }
    }

    public async Task GoOnlineAsync()
    {
        if (app is null)
        {
            await ListenAsync(port);
        }
    }

    /// <summary>Adds items straight into a list (test arrangement, not recorded as requests).</summary>
    public void Seed(FakeList list, IEnumerable<IReadOnlyDictionary<string, object?>> items)
    {
        foreach (var fields in items)
        {
            var body = new JsonObject();
            foreach (var (key, value) in fields)
            {
                body[key] = JsonSerializer.SerializeToNode(value);
            }

            CreateItem(list, body);
        }
    }

    /// <summary>
    /// Edits an item as a person does in Microsoft Lists (test arrangement, not recorded as a request): the values
    /// are checked as a write through Graph is, the item's version and ETag move on, it enters the delta feed, and
    /// its <c>lastModifiedBy</c> names the person.
    /// </summary>
    public void EditInLists(FakeList list, int itemId, ListsUser editor, IReadOnlyDictionary<string, object?> fields)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(editor);
        ArgumentNullException.ThrowIfNull(fields);
        var body = new JsonObject();
        foreach (var (key, value) in fields)
        {
            body[key] = JsonSerializer.SerializeToNode(value);
        }

        lock (list)
        {
            var item = list.Items[itemId];
            foreach (var (name, value) in Validate(list, body))
            {
                item.Values[name] = value;
            }

            item.Version++;
            item.Modified = time.GetUtcNow();
            item.ModifiedBy = editor.IdentitySet();
            item.ChangeNumber = ++list.ChangeNumber;
        }
    }

    /// <summary>
    /// Writes a new item with the values of <paramref name="itemId"/>, as a second caller posting the same item at the
    /// same moment would (test arrangement for races the test cannot time); unique columns are still enforced.
    /// </summary>
    /// <returns>The new item's id.</returns>
    public int PostCopy(FakeList list, int itemId)
    {
        ArgumentNullException.ThrowIfNull(list);
        var fields = new JsonObject();
        lock (list)
        {
            foreach (var (name, value) in list.Items[itemId].Values)
            {
                fields[name] = value?.DeepClone();
            }
        }

        return CreateItem(list, fields).Id;
    }

    /// <summary>Deletes an item as a person does in Microsoft Lists (test arrangement): the delta feed then marks it deleted.</summary>
    public void DeleteInLists(FakeList list, int itemId)
    {
        ArgumentNullException.ThrowIfNull(list);
        lock (list)
        {
            list.Items.Remove(itemId);
            list.Deleted[itemId] = ++list.ChangeNumber;
            list.Modified = time.GetUtcNow();
        }
    }

    private async Task ListenAsync(int listenPort)
    {
        var started = LoopbackApp.Create(certificate, listenPort);
        started.Run(HandleAsync);
        port = (await LoopbackApp.StartAsync(started)).Port;
        app = started;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.Path.StartsWithSegments("/upload", out var upload))
        {
            await UploadRangeAsync(http, upload.Value!.TrimStart('/'));
            return;
        }

        if (request.Path.StartsWithSegments("/download", out var download))
        {
            await DownloadAsync(http, download.Value!.TrimStart('/'));
            return;
        }

        string? body = null;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(http.RequestAborted);
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var path = request.Path.Value ?? "/";
        var query = request.QueryString.HasValue ? Uri.UnescapeDataString(request.QueryString.Value!.Replace("+", "%20", StringComparison.Ordinal)) : "";
        GraphResult result;
        if (path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal) && HttpMethods.IsPost(request.Method))
        {
            result = IssueToken(path, body ?? "");
        }
        else if (path.StartsWith("/v1.0/", StringComparison.Ordinal))
        {
            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency, http.RequestAborted);
            }

            await WhileUserReadsHeldAsync(path, http.RequestAborted);

            var fault = TakeFault(request.Method, path);
            if (fault is { Abort: true })
            {
                requests.Enqueue(new RecordedRequest(request.Method, path, query, headers, body, false, 0));
                http.Abort();
                return;
            }

            result = fault is not null ? FaultResult(fault) : Graph(request.Method, path, request.QueryString.Value ?? "", headers, body);
        }
        else
        {
            result = NotImplemented($"{request.Method} {path}");
        }

        requests.Enqueue(new RecordedRequest(request.Method, path, query, headers, body, false, result.Status));
        await WriteAsync(http.Response, result);
    }

    private static async Task WriteAsync(HttpResponse response, GraphResult result)
    {
        response.StatusCode = result.Status;
        foreach (var (name, value) in result.Headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }

        if (result.Body is not null)
        {
            response.ContentType = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
            await response.WriteAsync(result.Body.ToJsonString());
        }
    }

    private GraphFault? TakeFault(string method, string path)
    {
        lock (faults)
        {
            var fault = faults.FirstOrDefault(f => f.Remaining > 0 && f.AppliesTo(method, path));
            if (fault is not null && fault.Remaining != int.MaxValue)
            {
                fault.Remaining--;
            }

            return fault;
        }
    }

    private GraphResult FaultResult(GraphFault fault)
    {
        var headers = new Dictionary<string, string>();
        if (fault.RetryAfter is { } wait)
        {
            headers["Retry-After"] = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return fault.Status switch
        {
            429 => GraphResult.Throttled(headers, time.GetUtcNow()),
            503 => GraphResult.Error(503, "serviceNotAvailable", "The service is temporarily unavailable. Try the request again after a delay.", "serviceNotAvailable", headers, time.GetUtcNow()),
            _ => GraphResult.Error(fault.Status, "generalException", "An unspecified error has occurred.", null, headers, time.GetUtcNow()),
        };
    }

    private GraphResult NotImplemented(string what)
    {
        unknown.Enqueue(what);
        return GraphResult.Error(501, "notImplemented", $"The fake Graph server does not implement {what}.", null, null, time.GetUtcNow());
    }

    /// <summary>The client-credentials grant (secret), as the Microsoft identity platform documents it.</summary>
    private GraphResult IssueToken(string path, string body)
    {
        var tenant = path.Split('/', StringSplitOptions.RemoveEmptyEntries)[0];
        var form = body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => Uri.UnescapeDataString(pair[0]), pair => pair.Length > 1 ? Uri.UnescapeDataString(pair[1].Replace("+", "%20", StringComparison.Ordinal)) : "", StringComparer.Ordinal);
        static GraphResult OAuthError(int status, string error, string description) =>
            GraphResult.Json(status, new JsonObject { ["error"] = error, ["error_description"] = description, ["error_codes"] = new JsonArray() });

        if (!string.Equals(tenant, TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return OAuthError(400, "invalid_request", $"AADSTS90002: Tenant '{tenant}' not found.");
        }

        if (form.GetValueOrDefault("grant_type") != "client_credentials")
        {
            return OAuthError(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
        }

        var clientId = form.GetValueOrDefault("client_id") ?? "";
        if (certificateClients.TryGetValue(clientId, out var registered))
        {
            var audience = $"{BaseUrl}{tenant}/oauth2/v2.0/token";
            if (form.GetValueOrDefault("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
                || !ClientAssertion.IsValid(form.GetValueOrDefault("client_assertion"), registered, clientId, audience, time.GetUtcNow()))
            {
                return OAuthError(401, "invalid_client", "AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application, or the assertion is not valid.");
            }
        }
        else if (!clients.TryGetValue(clientId, out var secret))
        {
            return OAuthError(400, "unauthorized_client", $"AADSTS700016: Application with identifier '{clientId}' was not found in the directory.");
        }
        else if (form.GetValueOrDefault("client_secret") != secret)
        {
            return OAuthError(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
        }

        var scope = form.GetValueOrDefault("scope") ?? "";
        if (!scope.Split(' ').Any(s => s.EndsWith("/.default", StringComparison.Ordinal)))
        {
            return OAuthError(400, "invalid_scope", "AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.");
        }

        var token = "graph-" + Guid.NewGuid().ToString("N");
        issuedTokens[token] = 0;
        return GraphResult.Json(200, new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = 3599,
            ["ext_expires_in"] = 3599,
            ["access_token"] = token,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await GoOfflineAsync();
        foreach (var certificate in certificateClients.Values)
        {
            certificate.Dispose();
        }
    }
}
