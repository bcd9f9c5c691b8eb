using LegalBot.Core.Requests;

namespace LegalBot.Core.Stores;

/// <summary>The steps of <see cref="RequestChanges"/>, named for the kill-point tests.</summary>
public static class ChangeSteps
{
    /// <summary>The notifications are staged (held); the change is not written yet.</summary>
    public const string Staged = "staged";

    /// <summary>The change is written to the request store; its notifications are still held.</summary>
    public const string Written = "written";

    /// <summary>The notifications are released (due).</summary>
    public const string Released = "released";

    public static IReadOnlyList<string> All { get; } = [Staged, Written, Released];
}

/// <summary>
/// Called after each step of <see cref="RequestChanges"/>. Production uses <see cref="None"/>; tests use it to stop
/// the process at a chosen step and prove that what a crash leaves is finished or undone.
/// </summary>
public interface IChangeStepHook
{
    static IChangeStepHook None { get; } = new NoHook();

    ValueTask AfterAsync(string step, CancellationToken cancellationToken);

    private sealed class NoHook : IChangeStepHook
    {
        public ValueTask AfterAsync(string step, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}

/// <summary>
/// Writes a request change and the notifications it owes when the request store and the outbox are separate
/// stores, possibly in different systems, with no transaction spanning both. Invariant: a change and its
/// notifications are both kept or neither, and each notification is delivered once.
/// <list type="number">
/// <item>Stage the notifications in the outbox under the change id (held, never due).</item>
/// <item>Write the change to the request store (idempotent by change id; a creation's change id is its submission key).</item>
/// <item>Release the staged notifications if the change landed; drop them if it did not (conflict, not found).</item>
/// </list>
/// A crash between the steps leaves held notifications: <see cref="ReconcileAsync"/> (run at start and
/// periodically) asks the request store about every change staged longer than a grace period ago, more than a
/// write normally takes, and releases the notifications if the change landed, or drops them. A change still being
/// written by this instance is left alone, however long its write takes; one that another instance's reconciler
/// dropped while its write was slower than the grace period is staged again and released by the writer once it
/// lands (keys already queued are not queued twice).
/// </summary>
public sealed class RequestChanges(IRequestStore requests, INotificationStore outbox, TimeProvider time, IChangeStepHook? hook = null)
{
    /// <summary>How many staged changes one reconciler pass looks at.</summary>
    public const int ReconcileBatch = 100;

    private readonly IChangeStepHook hook = hook ?? IChangeStepHook.None;

    /// <summary>Changes this instance is writing now, with how many writes of each are under way.</summary>
    private readonly Dictionary<string, int> writing = new(StringComparer.Ordinal);

    /// <summary>Files a request and releases the notifications it owes (the triage card), whose numbers are set to the new request's.</summary>
    public async Task<CreateResult> CreateAsync(NewRequest request, IReadOnlyList<Notification> notifications, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(notifications);
        var changeId = request.SubmissionKey;
        using var _ = Writing(changeId);

        await outbox.StageAsync(changeId, null, notifications, time.GetUtcNow(), cancellationToken);
        await hook.AfterAsync(ChangeSteps.Staged, cancellationToken);

        var result = await requests.CreateAsync(request, cancellationToken);
        await hook.AfterAsync(ChangeSteps.Written, cancellationToken);

        // Also when the key was used before: the first attempt's notifications may still be held by a crash.
        await ReleaseLandedAsync(changeId, result.Request.Number, notifications, cancellationToken);
        await hook.AfterAsync(ChangeSteps.Released, cancellationToken);
        return result;
    }

    /// <summary>Applies the change; its notifications are released when it is applied and dropped when it is not.</summary>
    public async Task<ChangeOutcome> ApplyAsync(RequestChange change, IReadOnlyList<Notification> notifications, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(notifications);

        using var _ = Writing(change.ChangeId);

        await outbox.StageAsync(change.ChangeId, change.Number, notifications, time.GetUtcNow(), cancellationToken);
        await hook.AfterAsync(ChangeSteps.Staged, cancellationToken);

        var outcome = await requests.ApplyAsync(change, cancellationToken);
        await hook.AfterAsync(ChangeSteps.Written, cancellationToken);

        if (outcome is ChangeOutcome.Applied)
        {
            await ReleaseLandedAsync(change.ChangeId, change.Number, notifications, cancellationToken);
        }
        else
        {
            await outbox.DropAsync(change.ChangeId, cancellationToken);
        }

        await hook.AfterAsync(ChangeSteps.Released, cancellationToken);
        return outcome;
    }

    /// <summary>
    /// Finishes what crashes left between the steps: for each change staged at least
    /// <paramref name="gracePeriod"/> ago (longer than any write can take, so no write is still under way),
    /// releases its notifications if the request store has the change, or drops them.
    /// </summary>
    public async Task<ReconcileResult> ReconcileAsync(TimeSpan gracePeriod, CancellationToken cancellationToken = default)
    {
        int released = 0, dropped = 0;
        var staged = await outbox.StagedAsync(time.GetUtcNow() - gracePeriod, ReconcileBatch, cancellationToken);
        foreach (var change in staged)
        {
            if (IsWriting(change.ChangeId))
            {
                // Still being written here, slower than the grace period: the writer settles it.
                continue;
            }

            if (await requests.FindChangeAsync(change.ChangeId, cancellationToken) is { } number)
            {
                await outbox.ReleaseAsync(change.ChangeId, number, cancellationToken);
                released++;
            }
            else
            {
                await outbox.DropAsync(change.ChangeId, cancellationToken);
                dropped++;
            }
        }

        return new ReconcileResult(released, dropped);
    }

    /// <summary>
    /// Releases the notifications of a change that landed. Nothing held any more (another instance's reconciler
    /// dropped them while the write was slower than the grace period, or an earlier write of the change released
    /// them): they are staged again and released, and keys already queued stay queued once.
    /// </summary>
    private async Task ReleaseLandedAsync(string changeId, RequestNumber number, IReadOnlyList<Notification> notifications, CancellationToken cancellationToken)
    {
        if (await outbox.ReleaseAsync(changeId, number, cancellationToken) > 0 || notifications.Count == 0)
        {
            return;
        }

        await outbox.StageAsync(changeId, number, notifications, time.GetUtcNow(), cancellationToken);
        await outbox.ReleaseAsync(changeId, number, cancellationToken);
    }

    private Writes Writing(string changeId)
    {
        lock (writing)
        {
            writing[changeId] = writing.GetValueOrDefault(changeId) + 1;
        }

        return new Writes(this, changeId);
    }

    private bool IsWriting(string changeId)
    {
        lock (writing)
        {
            return writing.ContainsKey(changeId);
        }
    }

    /// <summary>One write of a change under way; disposing it ends it.</summary>
    private readonly struct Writes(RequestChanges owner, string changeId) : IDisposable
    {
        public void Dispose()
        {
            lock (owner.writing)
            {
                if (--owner.writing[changeId] == 0)
                {
                    owner.writing.Remove(changeId);
                }
            }
        }
    }
}

/// <summary>What a reconciler pass did: changes whose held notifications it released, and those it dropped.</summary>
public sealed record ReconcileResult(int Released, int Dropped);
