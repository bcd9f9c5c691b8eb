using System.Text.Json.Nodes;
using LegalBot.Testing;
using LegalBot.Testing.Graph;

namespace LegalBot.Store.Graph.Tests.FakeGraph;

/// <summary>
/// The fake against Graph's documented requests and responses (list-create, listitem-list, listitem-create,
/// listitem-update, listitem-delta, json-batching, errors), over plain HTTP.
/// </summary>
[Collection(GraphServerCollection.Name)]
public sealed class FakeGraphServerTests(LoopbackCertificate tls) : IAsyncLifetime
{
    private FakeGraphServer server = null!;
    private FakeSite site = null!;
    private RawGraph graph = null!;

    public async Task InitializeAsync()
    {
        server = await FakeGraphServer.StartAsync(tls.ServerCertificate);
        server.RegisterClient(GraphTestBed.ClientId, GraphTestBed.ClientSecret);
        site = server.AddSite();
        graph = await RawGraph.ConnectAsync(server, tls);
    }

    public async Task DisposeAsync()
    {
        graph.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task CreateList_AsDocumented_Answers201WithTheList_AndItsColumnsPlusTitle()
    {
        var created = await graph.PostAsync($"sites/{site.Id}/lists", JsonNode.Parse("""
            { "displayName": "Books", "columns": [ { "name": "Author", "text": { } }, { "name": "PageCount", "number": { } } ], "list": { "template": "genericList" } }
            """)!);

        Assert.Equal(201, created.Status);
        Assert.True(Guid.TryParse(created.Body!["id"]!.GetValue<string>(), out _));
        Assert.Equal("genericList", created.Body["list"]!["template"]!.GetValue<string>());
        var columns = await graph.GetAsync($"sites/{site.Id}/lists/{created.Body["id"]}/columns");
        var names = columns.Body!["value"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("Title", names);
        Assert.Contains("Author", names);
        Assert.Equal(new JsonObject(), columns.Body["value"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "PageCount")!["number"]!.AsObject(), JsonNode.DeepEquals);
        var again = await graph.PostAsync($"sites/{site.Id}/lists", JsonNode.Parse("""{ "displayName": "Books" }""")!);
        Assert.Equal(409, again.Status);
        Assert.Equal("nameAlreadyExists", again.Body!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListItems_ExpandedWithSelectedFields_HaveTheDocumentedShape()
    {
        var list = await CreateListAsync(indexed: false);
        var posted = await graph.PostAsync($"sites/{site.Id}/lists/{list}/items", JsonNode.Parse("""{ "fields": { "Title": "Widget", "Color": "Purple", "Weight": 32 } }""")!);
        await graph.PostAsync($"sites/{site.Id}/lists/{list}/items", JsonNode.Parse("""{ "fields": { "Name": "Gadget", "Color": "Red", "Quantity": 503 } }""")!);

        var items = await graph.GetAsync($"sites/{site.Id}/lists/{list}/items?expand=fields(select=Name,Color,Quantity)");

        Assert.Equal(201, posted.Status);
        Assert.Equal("1", posted.Body!["id"]!.GetValue<string>());
        Assert.Equal("Purple", posted.Body["fields"]!["Color"]!.GetValue<string>());
        var second = items.Body!["value"]!.AsArray()[1]!;
        Assert.Equal("2", second["id"]!.GetValue<string>());
        Assert.Matches("^\"\\{[0-9A-F-]{36}\\},1\"$", second["eTag"]!.GetValue<string>());
        var fields = second["fields"]!.AsObject();
        Assert.Equal(["@odata.etag", "Name", "Color", "Quantity"], fields.Select(f => f.Key));
        Assert.Matches("^\"[0-9a-f-]{36},1\"$", fields["@odata.etag"]!.GetValue<string>());
        Assert.Equal(503, fields["Quantity"]!.GetValue<double>());
        var first = items.Body["value"]!.AsArray()[0]!["fields"]!.AsObject();
        Assert.Equal(["@odata.etag", "Color"], first.Select(f => f.Key));
    }

    [Fact]
    public async Task Paging_FollowsNextLinksUntilTheLastPage()
    {
        var list = await CreateListAsync(indexed: true);
        server.Seed(site.FindList(list)!, Enumerable.Range(1, 5).Select(n => Item("Name", $"item {n}")));

        var seen = new List<string>();
        string? next = $"sites/{site.Id}/lists/{list}/items?$top=2&$expand=fields($select=Name)";
        var pages = 0;
        while (next is not null)
        {
            var page = await graph.GetAsync(next);
            Assert.Equal(200, page.Status);
            seen.AddRange(page.Body!["value"]!.AsArray().Select(i => i!["fields"]!["Name"]!.GetValue<string>()));
            next = page.Body["@odata.nextLink"]?.GetValue<string>();
            Assert.True(next is null || next.StartsWith(server.GraphBaseUrl.ToString(), StringComparison.Ordinal));
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, 5).Select(n => $"item {n}"), seen);
        Assert.Empty(server.Unknown);
    }

    [Fact]
    public async Task Filters_CompareNumbersAndDates_AndOrderBy_OnIndexedColumns()
    {
        var list = await CreateListAsync(indexed: true);
        server.Seed(site.FindList(list)!,
        [
            Item("Quantity", 5, "Due", "2026-01-10T00:00:00Z"),
            Item("Quantity", 10, "Due", "2026-02-10T00:00:00Z"),
            Item("Quantity", 15, "Due", "2026-03-10T00:00:00Z"),
            Item("Quantity", 12, "Due", "2026-04-10T00:00:00Z"),
        ]);

        var range = await graph.GetAsync($"sites/{site.Id}/lists/{list}/items?$filter=fields/Quantity ge 10 and fields/Quantity lt 15&$orderby=fields/Quantity desc&$expand=fields($select=Quantity)");
        var dates = await graph.GetAsync($"sites/{site.Id}/lists/{list}/items?$filter=fields/Due gt '2026-02-10T00:00:00Z' and fields/Due le '2026-03-31T00:00:00Z'&$expand=fields($select=Quantity)");

        Assert.Equal([12.0, 10.0], range.Body!["value"]!.AsArray().Select(i => i!["fields"]!["Quantity"]!.GetValue<double>()));
        Assert.Equal([15.0], dates.Body!["value"]!.AsArray().Select(i => i!["fields"]!["Quantity"]!.GetValue<double>()));
        Assert.Empty(server.NonIndexedQueries);
    }

    [Fact]
    public async Task PastTheThreshold_ThrottledMode_Answers429WithoutRetryAfter()
    {
        var list = await CreateListAsync(indexed: false);
        server.ListViewThreshold = 2;
        server.LargeListRefusal = LargeListRefusal.ThrottledWithoutRetryAfter;
        server.Seed(site.FindList(list)!, Enumerable.Range(1, 3).Select(n => Item("Color", "Red")));

        var refused = await graph.GetAsync($"sites/{site.Id}/lists/{list}/items?$filter=fields/Color eq 'Red'", new() { ["Prefer"] = "HonorNonIndexedQueriesWarningMayFailRandomly" });
        var unfiltered = await graph.GetAsync($"sites/{site.Id}/lists/{list}/items");

        Assert.Equal(429, refused.Status);
        Assert.False(refused.Headers.ContainsKey("Retry-After"));
        Assert.Equal("429", AssertGraphError(refused.Body!, "TooManyRequests")["status"]!.GetValue<string>());
        Assert.Equal(200, unfiltered.Status);
        Assert.Equal(3, unfiltered.Body!["value"]!.AsArray().Count);
    }

    [Fact]
    public async Task Throttling_AnswersAsGraphsGuidanceShows_WithRetryAfter()
    {
        server.AddFault(new GraphFault(429, RetryAfter: TimeSpan.FromSeconds(10), PathContains: "/sites/"));

        var throttled = await graph.GetAsync($"sites/{site.Id}");
        var next = await graph.GetAsync($"sites/{site.Id}");

        Assert.Equal(429, throttled.Status);
        Assert.Equal("10", throttled.Headers["Retry-After"]);
        var inner = AssertGraphError(throttled.Body!, "TooManyRequests");
        Assert.Equal("429", inner["code"]!.GetValue<string>());
        Assert.Equal("Please retry after", inner["message"]!.GetValue<string>());
        Assert.Equal(200, next.Status);
    }

    [Fact]
    public async Task OrderByANonIndexedColumn_IsRefusedLikeAFilter_UnlessThePreferHeaderIsSent()
    {
        var list = await CreateListAsync(indexed: false);
        server.Seed(site.FindList(list)!, [Item("Quantity", 2), Item("Quantity", 1)]);

        var refused = await graph.GetAsync($"sites/{site.Id}/lists/{list}/items?$orderby=fields/Quantity");
        var allowed = await graph.GetAsync($"sites/{site.Id}/lists/{list}/items?$orderby=fields/Quantity&$expand=fields($select=Quantity)", new() { ["Prefer"] = "HonorNonIndexedQueriesWarningMayFailRandomly" });

        Assert.Equal(400, refused.Status);
        Assert.StartsWith("Field 'Quantity' cannot be referenced in filter or orderby as it is not indexed.", refused.Body!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal([1.0, 2.0], allowed.Body!["value"]!.AsArray().Select(i => i!["fields"]!["Quantity"]!.GetValue<double>()));
        Assert.Equal(2, server.NonIndexedQueries.Count);
    }

    [Fact]
    public async Task IndexedColumns_AreLimitedToTwentyPerList()
    {
        var list = await CreateListAsync(indexed: false);
        var statuses = new List<int>();
        for (var n = 1; n <= 21; n++)
        {
            var answer = await graph.PostAsync($"sites/{site.Id}/lists/{list}/columns", JsonNode.Parse($$"""{ "name": "Key{{n}}", "indexed": true, "text": { } }""")!);
            statuses.Add(answer.Status);
        }

        Assert.Equal(Enumerable.Repeat(201, 20).Append(400), statuses);
    }

    [Fact]
    public async Task Batch_RunsDependentRequestsInOrder_AnswersPerRequest_AndFailsDependentsOfAFailure()
    {
        var list = await CreateListAsync(indexed: true);
        var answer = await graph.PostAsync("$batch", JsonNode.Parse($$"""
            {
              "requests": [
                { "id": "3", "dependsOn": ["2"], "method": "GET", "url": "/sites/{{site.Id}}/lists/{{list}}/items?$expand=fields($select=Name)" },
                { "id": "1", "method": "GET", "url": "/sites/{{site.Id}}" },
                { "id": "2", "dependsOn": ["1"], "method": "POST", "url": "/sites/{{site.Id}}/lists/{{list}}/items", "headers": { "Content-Type": "application/json" }, "body": { "fields": { "Name": "Widget" } } },
                { "id": "4", "method": "GET", "url": "/sites/{{site.Id}}/lists/{{list}}/items/99" },
                { "id": "5", "dependsOn": ["4"], "method": "DELETE", "url": "/sites/{{site.Id}}/lists/{{list}}/items/1" }
              ]
            }
            """)!);

        Assert.Equal(200, answer.Status);
        var responses = answer.Body!["responses"]!.AsArray().ToDictionary(r => r!["id"]!.GetValue<string>(), r => r!);
        Assert.Equal(200, responses["1"]["status"]!.GetValue<int>());
        Assert.Equal(201, responses["2"]["status"]!.GetValue<int>());
        Assert.Equal("Widget", responses["3"]["body"]!["value"]![0]!["fields"]!["Name"]!.GetValue<string>());
        Assert.Equal(404, responses["4"]["status"]!.GetValue<int>());
        Assert.Equal("itemNotFound", responses["4"]["body"]!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(424, responses["5"]["status"]!.GetValue<int>());
        Assert.Equal(1, site.FindList(list)!.ItemCount);
        Assert.Single(server.GraphRoundTrips);
        Assert.Equal(4, server.Requests.Count(r => r.InBatch));
    }

    [Fact]
    public async Task Batch_OfMoreThanTwentyRequests_IsRefusedWhole()
    {
        var requests = new JsonArray([.. Enumerable.Range(1, 21).Select(n => (JsonNode)new JsonObject { ["id"] = $"{n}", ["method"] = "GET", ["url"] = $"/sites/{site.Id}" })]);

        var answer = await graph.PostAsync("$batch", new JsonObject { ["requests"] = requests });

        Assert.Equal(400, answer.Status);
        AssertGraphError(answer.Body!, "invalidRequest");
        Assert.DoesNotContain(server.Requests, r => r.InBatch);
    }

    [Fact]
    public async Task Delta_ReturnsEverythingFirst_ThenOnlyWhatChanged_WithDeletionsMarked()
    {
        var list = await CreateListAsync(indexed: true);
        server.Seed(site.FindList(list)!, Enumerable.Range(1, 3).Select(n => Item("Name", $"item {n}")));

        var initial = await graph.GetAsync($"sites/{site.Id}/lists/{list}/items/delta");
        await graph.SendAsync(HttpMethod.Patch, $"sites/{site.Id}/lists/{list}/items/2/fields", JsonNode.Parse("""{ "Name": "renamed" }"""));
        await graph.SendAsync(HttpMethod.Delete, $"sites/{site.Id}/lists/{list}/items/3");
        var changes = await graph.GetAsync(initial.Body!["@odata.deltaLink"]!.GetValue<string>() + "&$expand=fields($select=Name)");
        var latest = await graph.GetAsync($"sites/{site.Id}/lists/{list}/items/delta?token=latest");

        Assert.Equal(3, initial.Body["value"]!.AsArray().Count);
        var changed = changes.Body!["value"]!.AsArray();
        Assert.Equal(["2", "3"], changed.Select(c => c!["id"]!.GetValue<string>()));
        Assert.Equal("renamed", changed[0]!["fields"]!["Name"]!.GetValue<string>());
        Assert.Equal("deleted", changed[1]!["deleted"]!["state"]!.GetValue<string>());
        Assert.Empty(latest.Body!["value"]!.AsArray());
        Assert.NotNull(latest.Body["@odata.deltaLink"]);
    }

    [Fact]
    public async Task Errors_HaveGraphsShape()
    {
        var list = await CreateListAsync(indexed: true);

        var missing = await graph.GetAsync($"sites/{site.Id}/lists/{list}/items/42");

        Assert.Equal(404, missing.Status);
        var inner = AssertGraphError(missing.Body!, "itemNotFound");
        Assert.True(Guid.TryParse(inner["request-id"]!.GetValue<string>(), out _));
        Assert.NotNull(inner["date"]);
        Assert.NotNull(inner["client-request-id"]);
    }

    [Fact]
    public async Task Stale_IfMatch_Gets412_AndChangesNothing()
    {
        var list = await CreateListAsync(indexed: true);
        var created = await graph.PostAsync($"sites/{site.Id}/lists/{list}/items", JsonNode.Parse("""{ "fields": { "Name": "first" } }""")!);
        var etag = created.Body!["eTag"]!.GetValue<string>();
        var fieldsEtag = created.Body["fields"]!["@odata.etag"]!.GetValue<string>();

        var first = await graph.SendAsync(HttpMethod.Patch, $"sites/{site.Id}/lists/{list}/items/1/fields", JsonNode.Parse("""{ "Name": "second" }"""), new() { ["If-Match"] = fieldsEtag });
        var stale = await graph.SendAsync(HttpMethod.Patch, $"sites/{site.Id}/lists/{list}/items/1/fields", JsonNode.Parse("""{ "Name": "third" }"""), new() { ["If-Match"] = etag });

        Assert.Equal(200, first.Status);
        Assert.Equal(412, stale.Status);
        AssertGraphError(stale.Body!, "resourceModified");
        var now = await graph.GetAsync($"sites/{site.Id}/lists/{list}/items/1/fields");
        Assert.Equal("second", now.Body!["Name"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownRoutesOptionsAndFields_Answer501_AndAreRecorded()
    {
        var list = await CreateListAsync(indexed: true);

        var route = await graph.GetAsync("me/messages");
        var option = await graph.GetAsync($"sites/{site.Id}/lists/{list}/items?$count=true");
        var field = await graph.PostAsync($"sites/{site.Id}/lists/{list}/items", JsonNode.Parse("""{ "fields": { "Name": "x" }, "contentType": { "id": "0x01" } }""")!);
        var function = await graph.GetAsync($"sites/{site.Id}/lists/{list}/items?$filter=startswith(fields/Name,'x')");

        Assert.All(new[] { route, option, field, function }, a => Assert.Equal(501, a.Status));
        Assert.Equal(4, server.Unknown.Count);
        Assert.Contains(server.Unknown, u => u.Contains("GET /v1.0/me/messages", StringComparison.Ordinal));
        Assert.Contains(server.Unknown, u => u.Contains("$count", StringComparison.Ordinal));
        Assert.Contains(server.Unknown, u => u.Contains("contentType", StringComparison.Ordinal));
        Assert.Contains(server.Unknown, u => u.Contains("startswith", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GraphRequests_WithoutAToken_Get401()
    {
        using var anonymous = new HttpClient(tls.CreatePinnedHandler()) { BaseAddress = server.BaseUrl };

        using var response = await anonymous.GetAsync(new Uri($"v1.0/sites/{site.Id}", UriKind.Relative));

        Assert.Equal(401, (int)response.StatusCode);
        AssertGraphError(JsonNode.Parse(await response.Content.ReadAsStringAsync())!, "InvalidAuthenticationToken");
    }

    private static JsonObject AssertGraphError(JsonNode body, string code)
    {
        var error = body["error"]!.AsObject();
        Assert.Equal(code, error["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
        return error["innerError"]!.AsObject();
    }

    private static IReadOnlyDictionary<string, object?> Item(params object[] pairs) =>
        Enumerable.Range(0, pairs.Length / 2).ToDictionary(i => (string)pairs[2 * i], i => (object?)pairs[(2 * i) + 1]);

    /// <summary>The documentation's sample list: Name, Color, Quantity, Weight, and a Due date.</summary>
    private async Task<string> CreateListAsync(bool indexed)
    {
        var index = indexed ? "true" : "false";
        var created = await graph.PostAsync($"sites/{site.Id}/lists", JsonNode.Parse($$"""
            {
              "displayName": "Products",
              "columns": [
                { "name": "Name", "indexed": {{index}}, "text": { } },
                { "name": "Color", "indexed": {{index}}, "text": { } },
                { "name": "Quantity", "indexed": {{index}}, "number": { } },
                { "name": "Weight", "number": { } },
                { "name": "Due", "indexed": {{index}}, "dateTime": { "format": "dateTime" } }
              ]
            }
            """)!);
        Assert.Equal(201, created.Status);
        server.ClearRequests();
        return created.Body!["id"]!.GetValue<string>();
    }
}
