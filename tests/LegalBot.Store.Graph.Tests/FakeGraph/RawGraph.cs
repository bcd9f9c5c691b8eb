using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LegalBot.Testing;
using LegalBot.Testing.Graph;

namespace LegalBot.Store.Graph.Tests.FakeGraph;

/// <summary>Plain HTTP to the fake, with an app token from its token endpoint: what the documentation's samples send.</summary>
public sealed class RawGraph(HttpClient http, FakeGraphServer server) : IDisposable
{
    public static async Task<RawGraph> ConnectAsync(FakeGraphServer server, LoopbackCertificate certificate)
    {
        var http = new HttpClient(certificate.CreatePinnedHandler()) { BaseAddress = server.BaseUrl };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = GraphTestBed.ClientId,
            ["client_secret"] = GraphTestBed.ClientSecret,
            ["scope"] = new Uri(server.BaseUrl, ".default").ToString(),
        });
        using var response = await http.PostAsync(new Uri($"{server.TenantId}/oauth2/v2.0/token", UriKind.Relative), form);
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new RawGraph(http, server);
    }

    public FakeGraphServer Server { get; } = server;

    /// <summary>Sends to a path under /v1.0 (or an absolute link the fake handed out).</summary>
    public async Task<Answer> SendAsync(HttpMethod method, string url, JsonNode? body = null, Dictionary<string, string>? headers = null)
    {
        var target = url.StartsWith("https://", StringComparison.Ordinal) ? new Uri(url) : new Uri(Server.BaseUrl, "v1.0/" + url.TrimStart('/'));
        using var request = new HttpRequestMessage(method, target);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase));
    }

    public Task<Answer> GetAsync(string url, Dictionary<string, string>? headers = null) => SendAsync(HttpMethod.Get, url, null, headers);

    public Task<Answer> PostAsync(string url, JsonNode body) => SendAsync(HttpMethod.Post, url, body);

    public void Dispose() => http.Dispose();

    public sealed record Answer(int Status, JsonNode? Body, IReadOnlyDictionary<string, string> Headers);
}
