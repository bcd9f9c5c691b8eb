using LegalBot.Testing;
using LegalBot.Testing.Graph;

namespace LegalBot.Store.Graph.Tests;

[Collection(GraphServerCollection.Name)]
public sealed class ProvisioningTests(LoopbackCertificate tls)
{
    [Fact]
    public async Task EnsureLists_OnAnEmptySite_CreatesTheThreeListsWithTypedAndIndexedColumns_InSixRoundTrips()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);

        var lists = await bed.Provisioner().EnsureListsAsync();

        Assert.Equal(
            ["GET 404", "POST 201", "GET 404", "POST 201", "GET 404", "POST 201"],
            bed.Server.GraphRoundTrips.Select(r => $"{r.Method} {r.Status}"));
        var requests = Assert.Single(bed.Site.AllLists, l => l.DisplayName == "Legal Requests");
        var history = Assert.Single(bed.Site.AllLists, l => l.DisplayName == "Legal Request History");
        Assert.Equal(requests.Id, lists.RequestsListId);
        Assert.Equal(history.Id, lists.HistoryListId);
        var roster = Assert.Single(bed.Site.AllLists, l => l.DisplayName == "ALSP Roster");
        Assert.Equal(roster.Id, lists.RosterListId);
        Assert.Equal(["ProfessionalId"], roster.AllColumns.Where(c => c.Indexed && c.Kind != ColumnKind.System).Select(c => c.Name));
        Assert.True(roster.Column(ListSchema.Roster.ProfessionalId)!.EnforceUniqueValues);
        Assert.Equal(ColumnKind.Number, roster.Column(ListSchema.Roster.HourlyRate)!.Kind);
        Assert.Equal(
            ["AssigneeId", "ChangeId", "OpenAssigneeId", "RequestNumber", "RequestState", "RequesterId", "SubmissionKey"],
            requests.AllColumns.Where(c => c.Indexed && c.Kind != ColumnKind.System).Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["ChangeId", "RequestNumber"],
            history.AllColumns.Where(c => c.Indexed && c.Kind != ColumnKind.System).Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal(ColumnKind.Number, requests.Column(ListSchema.Requests.RequestVersion)!.Kind);
        Assert.Equal(ColumnKind.DateTime, requests.Column(ListSchema.Requests.FiledAt)!.Kind);
        Assert.Equal("dateOnly", requests.Column(ListSchema.Requests.TargetDate)!.Facet["format"]!.GetValue<string>());
        Assert.True(requests.Column(ListSchema.Requests.Description)!.Facet["allowMultipleLines"]!.GetValue<bool>());
        Assert.True(requests.Column(ListSchema.Requests.SubmissionKey)!.EnforceUniqueValues);
        Assert.Equal(3, lists.Changes.Count);
        Assert.Empty(bed.Server.Unknown);
    }

    [Fact]
    public async Task EnsureLists_SecondRun_OnlyReads_OneRequestPerList()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var first = await bed.Provisioner().EnsureListsAsync();
        bed.Server.ClearRequests();

        var second = await bed.Provisioner().EnsureListsAsync();

        Assert.Equal(["GET 200", "GET 200", "GET 200"], bed.Server.GraphRoundTrips.Select(r => $"{r.Method} {r.Status}"));
        Assert.Empty(second.Changes);
        Assert.Equal(first with { Changes = [] }, second with { Changes = [] });
        Assert.Equal(3, bed.Site.AllLists.Count);
        Assert.Empty(bed.Server.Unknown);
    }

    [Fact]
    public async Task EnsureLists_OnAnExistingListMissingColumnsAndAnIndex_AddsThemAndLeavesTheRest()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var existing = bed.Server.AddList(bed.Site, "Legal Requests",
            new FakeColumn(ListSchema.Requests.RequestNumber, ColumnKind.Text),
            new FakeColumn(ListSchema.Requests.State, ColumnKind.Text) { Indexed = true },
            new FakeColumn("LegalOpsNotes", ColumnKind.Text));

        var lists = await bed.Provisioner().EnsureListsAsync();

        Assert.Equal(existing.Id, lists.RequestsListId);
        Assert.True(existing.Column(ListSchema.Requests.RequestNumber)!.Indexed);
        Assert.NotNull(existing.Column("LegalOpsNotes"));
        Assert.All(ListSchema.RequestsList.Columns, spec => Assert.Equal(spec.Indexed, existing.Column(spec.Name)!.Indexed));
        Assert.Contains("indexed column 'RequestNumber' of 'Legal Requests'", lists.Changes);
        var requestsListCalls = bed.Server.GraphRoundTrips.Where(r => r.Path.Contains(existing.Id, StringComparison.Ordinal)).ToList();
        Assert.Single(requestsListCalls, r => r.Method == "PATCH");
        Assert.Equal(ListSchema.RequestsList.Columns.Count - 2, requestsListCalls.Count(r => r.Method == "POST"));
        Assert.Empty(bed.Server.Unknown);

        bed.Server.ClearRequests();
        var again = await bed.Provisioner().EnsureListsAsync();
        Assert.Empty(again.Changes);
        Assert.All(bed.Server.GraphRoundTrips, r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task EnsureLists_WithAColumnOfTheWrongType_FailsNamingIt_AndChangesNothing()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var existing = bed.Server.AddList(bed.Site, "Legal Requests",
            new FakeColumn(ListSchema.Requests.RequestNumber, ColumnKind.Number));

        var error = await Assert.ThrowsAsync<ListSchemaException>(() => bed.Provisioner().EnsureListsAsync());

        Assert.Contains("'Legal Requests'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'RequestNumber' is a number, expected a single line of text", error.Message, StringComparison.Ordinal);
        Assert.All(bed.Server.GraphRoundTrips, r => Assert.Equal("GET", r.Method));
        Assert.Equal(9, existing.AllColumns.Count);
    }

    [Fact]
    public void Schema_IndexesAtMostTwentyColumnsPerList_AndNamesEachColumnOnce()
    {
        foreach (var list in new[] { ListSchema.RequestsList, ListSchema.HistoryList })
        {
            Assert.InRange(list.Indexed.Count(), 1, ListSpec.MaxIndexedColumns);
            Assert.Equal(list.Columns.Count, list.Columns.Select(c => c.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.All(list.Columns, c => Assert.Matches("^[A-Za-z][A-Za-z0-9]*$", c.Name));
        }
    }
}
