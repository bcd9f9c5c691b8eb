using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Store.Tests;
using LegalBot.Testing.Graph;

namespace LegalBot.Store.Graph.Tests.Contract;

/// <summary>
/// Edits made in Microsoft Lists, as the store finds them through the delta feed: people change the typed columns,
/// the bot keeps the state the workflow recorded until it takes the edit in or puts the item back.
/// </summary>
public sealed class OutsideEditTests : StoreContract<SharePointBackend>
{
    private static readonly Person Requester = new("aad-requester", "Business Requester", "requester@contoso.example");
    private static readonly Person Counsel = new("aad-counsel", "Legal Counsel", "counsel@contoso.example");
    private static readonly Person Professional = new("aad-alsp", "ALSP Professional", "alsp@firm.example");
    private static readonly ListsUser Editor = new("aad-ops", "Legal Ops Lead", "ops@contoso.example");

    private GraphRequestStore Store => (GraphRequestStore)Requests;

    private async Task<LegalRequest> FileAsync(string key = "key-1") => (await Requests.CreateAsync(new NewRequest(
        key,
        new RequestDraft { TypeKey = "nda", Title = "NDA with O'Brien & Co", Description = "Mutual NDA.", BusinessUnit = "Sales", Priority = Priority.Normal },
        Requester,
        "tenant-1",
        Time.GetUtcNow(),
        new DateOnly(2025, 3, 14)))).Request;

    private void EditInLists(LegalRequest request, params (string Column, object? Value)[] values) =>
        Backend.Server.EditInLists(Backend.RequestsList, (int)(request.Number.Value - 1000), Editor, values.ToDictionary(v => v.Column, v => v.Value));

    private async Task<string> CursorAsync() => (await Store.ReadAsync(null)).Cursor;

    [Fact]
    public async Task TheBotsOwnWrites_AreNoEdits()
    {
        var request = await FileAsync();
        await MoveAsync(request, "triage", RequestState.InTriage, Counsel);

        var first = await Store.ReadAsync(null);
        var again = await Store.ReadAsync(first.Cursor);

        Assert.Empty(first.Edits);
        Assert.Empty(again.Edits);
        Assert.Empty(again.Deletions);
    }

    [Fact]
    public async Task AStateEditedInLists_IsFound_WithItsEditor_WhileTheBotKeepsTheRecordedState()
    {
        var request = await FileAsync();
        var cursor = await CursorAsync();
        Time.Advance(TimeSpan.FromMinutes(5));

        EditInLists(request, ("RequestState", "Cancelled"));
        Backend.Server.ClearRequests();
        var batch = await Store.ReadAsync(cursor);
        var rounds = Backend.Server.GraphRoundTrips.Count;
        var reread = await Store.ReadAsync(cursor);

        var edit = Assert.Single(batch.Edits);
        Assert.Equal(request.Number, edit.Number);
        Assert.Equal(RequestState.Submitted, edit.Recorded.State);
        Assert.Equal(RequestState.Cancelled, edit.ListState);
        Assert.False(edit.AssigneeChanged);
        Assert.Equal(new Person(Editor.AadObjectId, Editor.DisplayName, Editor.Email), edit.EditedBy);
        Assert.Equal(Time.GetUtcNow(), edit.EditedAt);
        Assert.Equal(2, rounds);
        Assert.Equal(edit.EditId, Assert.Single(reread.Edits).EditId);
        Assert.Equal(RequestState.Submitted, (await Requests.GetAsync(request.Number))!.State);
        Assert.Empty((await Store.ReadAsync(batch.Cursor)).Edits);
    }

    [Fact]
    public async Task AnEditTakenIn_IsRecordedFromTheRecordedState_AndIsNoLongerAnEdit()
    {
        var request = await MoveAsync(await FileAsync(), "keepInHouse", RequestState.KeptInHouse, Counsel);
        var cursor = await CursorAsync();
        EditInLists(request, ("RequestState", "Completed"));
        var edit = Assert.Single((await Store.ReadAsync(cursor)).Edits);
        Time.Advance(TimeSpan.FromHours(1));

        var taken = await MoveAsync(edit.Recorded, "complete", RequestState.Completed, edit.EditedBy!);
        var after = await Store.ReadAsync(cursor);

        Assert.Equal(RequestState.Completed, taken.State);
        Assert.Equal(Time.GetUtcNow(), taken.CompletedAt);
        Assert.Equal(request.Version + 1, taken.Version);
        var line = (await Requests.GetHistoryAsync(request.Number))[^1];
        Assert.Equal((RequestState?)RequestState.KeptInHouse, line.FromState);
        Assert.Equal(RequestState.Completed, line.ToState);
        Assert.Equal(Editor.AadObjectId, line.Actor.AadObjectId);
        Assert.Empty(after.Edits);
    }

    [Fact]
    public async Task Revert_PutsTheRecordedStateAndAssigneeBack()
    {
        var request = await MoveAsync(await FileAsync(), "assign", RequestState.Assigned, Counsel, assignee: Professional);
        var cursor = await CursorAsync();
        EditInLists(request, ("RequestState", "Completed"), ("AssigneeId", "aad-someone-else"));
        var edit = Assert.Single((await Store.ReadAsync(cursor)).Edits);

        var reverted = await Store.RevertAsync(edit);
        var fields = Backend.RequestsList.Item((int)(request.Number.Value - 1000));

        Assert.True(edit.AssigneeChanged);
        Assert.True(reverted);
        Assert.Equal("Assigned", fields["RequestState"]);
        Assert.Equal(Professional.AadObjectId, fields["AssigneeId"]);
        Assert.Equal(Professional.AadObjectId, fields["OpenAssigneeId"]);
        var now = (await Requests.GetAsync(request.Number))!;
        Assert.Equal((RequestState.Assigned, Professional, request.Version), (now.State, now.AssignedTo, now.Version));
        Assert.Empty((await Store.ReadAsync(cursor)).Edits);
    }

    [Fact]
    public async Task Revert_ChangesNothing_WhenTheItemWasEditedAgain()
    {
        var request = await FileAsync();
        var cursor = await CursorAsync();
        EditInLists(request, ("RequestState", "Completed"));
        var edit = Assert.Single((await Store.ReadAsync(cursor)).Edits);
        EditInLists(request, ("RequestState", "Rejected"));

        Assert.False(await Store.RevertAsync(edit));
        Assert.Equal("Rejected", Backend.RequestsList.Item((int)(request.Number.Value - 1000))["RequestState"]);
        var later = Assert.Single((await Store.ReadAsync(cursor)).Edits);
        Assert.Equal(RequestState.Rejected, later.ListState);
        Assert.NotEqual(edit.EditId, later.EditId);
    }

    [Fact]
    public async Task AValueThatIsNoState_IsAnEditWithNoListState()
    {
        var request = await FileAsync();
        var cursor = await CursorAsync();

        EditInLists(request, ("RequestState", "Done, more or less"));

        var edit = Assert.Single((await Store.ReadAsync(cursor)).Edits);
        Assert.Null(edit.ListState);
    }

    [Fact]
    public async Task AnExpiredToken_ReadsTheWholeListAgain_AndStillFindsTheEdit()
    {
        var request = await FileAsync();
        await FileAsync("key-2");
        var cursor = await CursorAsync();
        EditInLists(request, ("RequestState", "Rejected"));
        Backend.RequestsList.ExpireDeltaTokens();

        var batch = await Store.ReadAsync(cursor);

        Assert.Equal(request.Number, Assert.Single(batch.Edits).Number);
        Assert.Empty((await Store.ReadAsync(batch.Cursor)).Edits);
    }

    [Fact]
    public async Task ADeletedItem_IsReported()
    {
        var request = await FileAsync();
        var cursor = await CursorAsync();

        Backend.Server.DeleteInLists(Backend.RequestsList, (int)(request.Number.Value - 1000));

        Assert.Equal([new OutsideDeletion(request.Number)], (await Store.ReadAsync(cursor)).Deletions);
    }

    [Fact]
    public async Task ManyChanges_AreReadAcrossPages()
    {
        Backend.Server.DeltaPageSize = 2;
        var requests = new List<LegalRequest>();
        for (var i = 0; i < 5; i++)
        {
            requests.Add(await FileAsync($"key-{i}"));
        }

        var cursor = await CursorAsync();
        foreach (var request in requests.Where((_, i) => i % 2 == 0))
        {
            EditInLists(request, ("RequestState", "Cancelled"));
        }

        await MoveAsync(requests[1], "triage", RequestState.InTriage, Counsel);
        var batch = await Store.ReadAsync(cursor);

        Assert.Equal([requests[0].Number, requests[2].Number, requests[4].Number], batch.Edits.Select(e => e.Number).OrderBy(n => n.Value));
    }
}
