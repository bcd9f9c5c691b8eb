using LegalBot.Application.Workflow;
using LegalBot.Cards;
using LegalBot.Core.Access;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Core.Workflow;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace LegalBot.Application.Tests;

/// <summary>Which edits made in Microsoft Lists are taken in as workflow steps, which are put back, and who hears of it.</summary>
public sealed class OutsideEditIntakeTests
{
    private static readonly Person Requester = new("aad-requester", "Business Requester");
    private static readonly Person Staff = new("aad-staff", "Legal Counsel", "counsel@contoso.example");
    private static readonly Person Professional = new("aad-alsp", "ALSP Professional One");
    private static readonly DateTimeOffset EditedAt = new(2026, 11, 30, 14, 5, 0, TimeSpan.Zero);

    private readonly FakeEdits edits = new();
    private readonly MemoryState state = new();
    private readonly Mock<IRequestStore> requests = new(MockBehavior.Strict);
    private readonly Mock<INotificationStore> outbox = new(MockBehavior.Strict);
    private readonly List<RequestChange> applied = [];
    private readonly List<Notification> staged = [];
    private readonly List<Notification> enqueued = [];
    private int signals;

    public OutsideEditIntakeTests()
    {
        requests.Setup(r => r.ApplyAsync(It.IsAny<RequestChange>(), It.IsAny<CancellationToken>()))
            .Callback((RequestChange c, CancellationToken _) => applied.Add(c))
            .ReturnsAsync((RequestChange c, CancellationToken _) => new ChangeOutcome.Applied(Request(c.To, version: c.ExpectedVersion + 1)));
        outbox.Setup(o => o.StageAsync(It.IsAny<string>(), It.IsAny<RequestNumber?>(), It.IsAny<IReadOnlyList<Notification>>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback((string _, RequestNumber? _, IReadOnlyList<Notification> n, DateTimeOffset _, CancellationToken _) => staged.AddRange(n))
            .Returns(Task.CompletedTask);
        outbox.Setup(o => o.ReleaseAsync(It.IsAny<string>(), It.IsAny<RequestNumber>(), It.IsAny<CancellationToken>())).ReturnsAsync(1);
        outbox.Setup(o => o.EnqueueAsync(It.IsAny<IReadOnlyList<Notification>>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyList<Notification> n, DateTimeOffset _, CancellationToken _) => enqueued.AddRange(n))
            .Returns(Task.CompletedTask);
    }

    private OutsideEditIntake Intake()
    {
        var signal = new Mock<INotificationSignal>();
        signal.Setup(s => s.Notify()).Callback(() => signals++);
        var access = new AccessPolicy(new RoleOptions
        {
            LegalStaff = [Staff.AadObjectId],
            Alsp = [new AlspProfessional { AadObjectId = Professional.AadObjectId, Name = Professional.Name }],
        });
        var planner = new NotificationPlanner(access, Options.Create(new TriageOptions { NotifyStaffDirectly = true }));
        return new OutsideEditIntake(
            edits, state, new RequestChanges(requests.Object, outbox.Object, TimeProvider.System), outbox.Object, planner, access, signal.Object, TimeProvider.System, NullLogger<OutsideEditIntake>.Instance);
    }

    private static LegalRequest Request(RequestState state, Person? assignee = null, int version = 4) => SampleRequests.Nda(Requester, state, assignee, version);

    private static OutsideEdit Edit(RequestState recorded, RequestState? listed, Person? editor, bool assigneeChanged = false, Person? assignee = null) =>
        new("LR-1042@7", Request(recorded, assignee), listed, assigneeChanged, editor, EditedAt, "\"{ABC},7\"");

    [Fact]
    public async Task AMoveLegalStaffMayMakeFromTheList_IsTakenIn_AsThatStep_ByTheEditor()
    {
        edits.Next(Edit(RequestState.InTriage, RequestState.Rejected, Staff));

        var pass = await Intake().RunAsync(CancellationToken.None);

        Assert.Equal(new OutsideEditPass(1, 0, 0), pass);
        var change = Assert.Single(applied);
        Assert.Equal(("outside:LR-1042@7", RequestState.Rejected, 4, "reject", OutsideEditText.TakenInNote, EditedAt), (change.ChangeId, change.To, change.ExpectedVersion, change.Action, change.Note, change.At));
        Assert.Equal(Staff, change.Actor);
        Assert.Contains(staged, n => n.Recipient == Requester.AadObjectId && n.Text == $"LR-1042 was rejected by {Staff.Name}: “{OutsideEditText.TakenInNote}”.");
        Assert.Empty(edits.Reverted);
        Assert.Empty(enqueued);
        Assert.Equal(1, signals);
    }

    public static TheoryData<string, RequestState, RequestState?, bool, bool, OutsideEditRefusal> Refused => new()
    {
        { "a move only the professional makes", RequestState.Assigned, RequestState.Completed, true, false, OutsideEditRefusal.NotAllowed },
        { "asking for information needs the question", RequestState.InTriage, RequestState.NeedsInfo, true, false, OutsideEditRefusal.NotAllowed },
        { "back to an earlier state", RequestState.Rejected, RequestState.InTriage, true, false, OutsideEditRefusal.NotAllowed },
        { "an editor who is not legal staff", RequestState.Submitted, RequestState.Cancelled, false, false, OutsideEditRefusal.NotLegalStaff },
        { "a value that is no state", RequestState.Submitted, null, true, false, OutsideEditRefusal.NotAState },
        { "a changed assignee", RequestState.Assigned, RequestState.Assigned, true, true, OutsideEditRefusal.AssigneeChanged },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task AnyOtherEdit_IsPutBack_AndTheLegalTeamIsToldWhy(string what, RequestState recorded, RequestState? listed, bool byStaff, bool assigneeChanged, OutsideEditRefusal reason)
    {
        var editor = byStaff ? Staff : Requester;
        var edit = Edit(recorded, listed, editor, assigneeChanged, recorded == RequestState.Assigned ? Professional : null);
        edits.Next(edit);

        var pass = await Intake().RunAsync(CancellationToken.None);

        Assert.True(pass == new OutsideEditPass(0, 1, 0), what);
        Assert.Empty(applied);
        Assert.Equal([edit], edits.Reverted);
        var text = OutsideEditText.PutBack(edit.Number, editor, recorded, listed, reason);
        Assert.Equal([Notification.TriageChannel, Staff.AadObjectId], enqueued.Select(n => n.Recipient));
        Assert.All(enqueued, n => Assert.Equal((NotificationKinds.Text, text, edit.Number), (n.Kind, n.Text, n.Number)));
        Assert.Equal(2, enqueued.Select(n => n.Key).Distinct().Count());
    }

    [Fact]
    public async Task AnEditWithNoEditorNamed_IsPutBack_SayingTheListDoesNotSayWho()
    {
        edits.Next(Edit(RequestState.Submitted, RequestState.Cancelled, editor: null));

        await Intake().RunAsync(CancellationToken.None);

        Assert.Equal(
            "Someone changed LR-1042 from Submitted to Cancelled in Microsoft Lists, but the list does not say who, and only legal staff may move a request there. It is back to Submitted; please use the request's card to move it on.",
            enqueued[0].Text);
    }

    [Fact]
    public async Task AnEditThatCouldNotBePutBack_BecauseItChangedAgain_TellsNobody()
    {
        edits.RevertSucceeds = false;
        edits.Next(Edit(RequestState.Assigned, RequestState.Completed, Staff, assignee: Professional));

        var pass = await Intake().RunAsync(CancellationToken.None);

        Assert.Equal(new OutsideEditPass(0, 0, 0), pass);
        Assert.Empty(enqueued);
        Assert.Empty(applied);
        Assert.Equal(0, signals);
    }

    [Fact]
    public async Task ADeletedRequest_IsReportedToTheLegalTeam()
    {
        edits.Next(deletions: [new OutsideDeletion(new RequestNumber(1042))]);

        var pass = await Intake().RunAsync(CancellationToken.None);

        Assert.Equal(new OutsideEditPass(0, 0, 1), pass);
        Assert.Equal([Notification.TriageChannel, Staff.AadObjectId], enqueued.Select(n => n.Recipient));
        Assert.All(enqueued, n => Assert.Equal(OutsideEditText.Deleted(new RequestNumber(1042)), n.Text));
    }

    [Fact]
    public async Task EachPass_ReadsFromWhereTheLastOneEnded()
    {
        edits.Next(cursor: "after-first");
        edits.Next(cursor: "after-second");

        await Intake().RunAsync(CancellationToken.None);
        await Intake().RunAsync(CancellationToken.None);

        Assert.Equal([null, "after-first"], edits.CursorsRead);
    }

    [Fact]
    public async Task AStoredCursorThatCannotBeRead_ReadsEverythingAgain()
    {
        await state.WriteAsync([new StateWrite(OutsideEditIntake.CursorKey, "not json")]);
        edits.Next(cursor: "fresh");

        await Intake().RunAsync(CancellationToken.None);

        Assert.Equal([null], edits.CursorsRead);
    }

    /// <summary>Outside edits served batch by batch, as a test arranges them.</summary>
    private sealed class FakeEdits : IOutsideEdits
    {
        private readonly Queue<OutsideEditBatch> batches = new();

        public List<string?> CursorsRead { get; } = [];

        public List<OutsideEdit> Reverted { get; } = [];

        public bool RevertSucceeds { get; set; } = true;

        public void Next(OutsideEdit? edit = null, OutsideDeletion[]? deletions = null, string cursor = "cursor-1") =>
            batches.Enqueue(new OutsideEditBatch(edit is null ? [] : [edit], deletions ?? [], cursor));

        public Task<OutsideEditBatch> ReadAsync(string? cursor, CancellationToken cancellationToken = default)
        {
            CursorsRead.Add(cursor);
            return Task.FromResult(batches.Dequeue());
        }

        public Task<bool> RevertAsync(OutsideEdit edit, CancellationToken cancellationToken = default)
        {
            if (RevertSucceeds)
            {
                Reverted.Add(edit);
            }

            return Task.FromResult(RevertSucceeds);
        }
    }

    /// <summary>State documents in memory with etags, as the state store contract describes them.</summary>
    private sealed class MemoryState : IStateStore
    {
        private readonly Dictionary<string, StateDocument> documents = new(StringComparer.Ordinal);

        public Task<IReadOnlyList<StateDocument>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<StateDocument>>([.. keys.Where(documents.ContainsKey).Select(k => documents[k])]);

        public Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyCollection<StateWrite> writes, CancellationToken cancellationToken = default)
        {
            foreach (var write in writes)
            {
                if (write.IsConditional && documents.TryGetValue(write.Key, out var stored) && stored.ETag != write.ExpectedETag)
                {
                    throw new StateConflictException(write.Key, write.ExpectedETag!, stored.ETag);
                }
            }

            var etags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var write in writes)
            {
                documents[write.Key] = new StateDocument(write.Key, write.Json, etags[write.Key] = Guid.NewGuid().ToString("N"));
            }

            return Task.FromResult<IReadOnlyDictionary<string, string>>(etags);
        }

        public Task<int> DeleteWrittenBeforeAsync(string keyPrefix, DateTimeOffset writtenBefore, int max, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The outside-edit intake does not sweep state.");

        public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
        {
            foreach (var key in keys)
            {
                documents.Remove(key);
            }

            return Task.CompletedTask;
        }
    }
}
