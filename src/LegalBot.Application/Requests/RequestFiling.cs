using LegalBot.Application.Workflow;
using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Application.Requests;

/// <summary>A confirmed draft to file.</summary>
/// <param name="SubmissionKey">The draft's id: filing the same draft twice (a double click, a channel retry) yields the one request.</param>
/// <param name="OutsideChat">
/// Filed away from the requester's 1:1 chat with the bot (a Teams dialog): the request's card is also sent to that
/// chat, with the triage card and under the same key, so the requester has it where every later update arrives.
/// </param>
public sealed record FileRequestCommand(string SubmissionKey, RequestType Type, RequestDraft Draft, Person Requester, string? TenantId, DateTimeOffset At, bool OutsideChat = false);

/// <summary>
/// Files a request, whichever entry point confirmed it, through the change/outbox protocol
/// (<see cref="RequestChanges"/>): the legal team's triage notifications are staged under the submission key,
/// the request is written, the notifications released; then the dispatcher is woken.
/// </summary>
public sealed class RequestFiling(RequestChanges changes, NotificationPlanner planner, INotificationSignal signal, ServiceLevelClock clock)
{
    public async Task<CreateResult> FileAsync(FileRequestCommand command, CancellationToken cancellationToken)
    {
        var result = await changes.CreateAsync(
            new NewRequest(command.SubmissionKey, command.Draft, command.Requester, command.TenantId, command.At, clock.TargetDate(command.Type, command.At)),
            planner.ForNewRequest(command.SubmissionKey, command.OutsideChat ? command.Requester.AadObjectId : null),
            cancellationToken);
        signal.Notify();
        return result;
    }

    /// <summary>The date the legal team aims to finish by, if filed at <paramref name="at"/>: the type's turnaround in the team's business days.</summary>
    public DateOnly TargetDate(RequestType type, DateTimeOffset at) => clock.TargetDate(type, at);
}
