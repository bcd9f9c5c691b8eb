using System.Net;
using System.Text.Json.Nodes;
using LegalBot.Testing;
using LegalBot.Testing.Graph;

namespace LegalBot.Store.Graph.Tests.FakeGraph;

/// <summary>The fake's groups answer in the shapes Graph documents for List group transitive members.</summary>
[Collection(GraphServerCollection.Name)]
public sealed class FakeDirectoryTests(LoopbackCertificate tls)
{
    private static readonly FakeUser Guest = new("b1b2c3d4-0000-4000-8000-000000000001", "Guest", "guest@provider.example", Guest: true);

    private static async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(GraphTestBed bed, LoopbackCertificate tls, string url, bool consistencyLevel = true)
    {
        using var graph = await RawGraph.ConnectAsync(bed.Server, tls);
        var answer = await graph.GetAsync(url, consistencyLevel ? new Dictionary<string, string> { ["ConsistencyLevel"] = "eventual" } : null);
        return ((HttpStatusCode)answer.Status, answer.Body!.AsObject());
    }

    [Fact]
    public async Task TransitiveUsers_HaveTheDocumentedShape_WithCountAndNextLink()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var group = bed.Server.AddGroup("ALSP");
        var nested = bed.Server.AddGroup("Provider firm");
        bed.Server.AddMember(group, nested);
        bed.Server.AddMember(nested, Guest);
        bed.Server.AddMember(group, new FakeUser("b1b2c3d4-0000-4000-8000-000000000002", "Member", null));

        var (status, body) = await GetAsync(bed, tls, $"/groups/{group.Id}/transitiveMembers/microsoft.graph.user?$count=true&$select=id,userType&$top=1");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body["@odata.count"]!.GetValue<int>());
        var user = Assert.Single(body["value"]!.AsArray())!.AsObject();
        Assert.Equal(["id", "userType"], user.Select(p => p.Key));
        var (_, second) = await GetAsync(bed, tls, body["@odata.nextLink"]!.GetValue<string>());
        Assert.Single(second["value"]!.AsArray());
        Assert.Null(second["@odata.nextLink"]);
        Assert.Contains("Guest", new[] { user["userType"]!.GetValue<string>(), second["value"]![0]!["userType"]!.GetValue<string>() });
    }

    [Theory]
    [InlineData(false, "$count=true", 400, "Request_UnsupportedQuery")]
    [InlineData(true, "", 400, "Request_UnsupportedQuery")]
    [InlineData(true, "$count=true&$top=1000", 400, "Request_BadRequest")]
    [InlineData(true, "$count=true&$select=salary", 400, "Request_BadRequest")]
    public async Task TransitiveUsers_RefuseWhatGraphRefuses(bool consistencyLevel, string query, int status, string code)
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var group = bed.Server.AddGroup("Legal");

        var (answered, body) = await GetAsync(bed, tls, $"/groups/{group.Id}/transitiveMembers/microsoft.graph.user?{query}", consistencyLevel);

        Assert.Equal(status, (int)answered);
        Assert.Equal(code, body["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownGroup_Is404_AndNoPermission_Is403()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var group = bed.Server.AddGroup("Legal");

        var (missing, missingBody) = await GetAsync(bed, tls, $"/groups/{Guid.NewGuid()}/transitiveMembers/microsoft.graph.user?$count=true");
        bed.Server.GroupMemberReadGranted = false;
        var (denied, deniedBody) = await GetAsync(bed, tls, $"/groups/{group.Id}/transitiveMembers/microsoft.graph.user?$count=true");

        Assert.Equal((HttpStatusCode.NotFound, "Request_ResourceNotFound"), (missing, missingBody["error"]!["code"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.Forbidden, "Authorization_RequestDenied"), (denied, deniedBody["error"]!["code"]!.GetValue<string>()));
    }
}
