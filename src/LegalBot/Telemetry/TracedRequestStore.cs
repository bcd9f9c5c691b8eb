using System.Diagnostics;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Core.Workflow;

namespace LegalBot.Telemetry;

/// <summary>
/// Wraps whichever request store is configured with a span per operation ("store.get", "store.apply", …), tagged
/// with the request number where there is one; errors mark the span failed with the exception's type only.
/// </summary>
public sealed class TracedRequestStore(IRequestStore inner) : IRequestStore
{
    public Task<CreateResult> CreateAsync(NewRequest request, CancellationToken cancellationToken = default) =>
        TraceAsync("store.create", null, () => inner.CreateAsync(request, cancellationToken), r => r.Request.Number);

    public Task<ChangeOutcome> ApplyAsync(RequestChange change, CancellationToken cancellationToken = default) =>
        TraceAsync("store.apply", change?.Number, () => inner.ApplyAsync(change!, cancellationToken));

    public Task<RequestNumber?> FindChangeAsync(string changeId, CancellationToken cancellationToken = default) =>
        TraceAsync("store.find_change", null, () => inner.FindChangeAsync(changeId, cancellationToken), n => n);

    public Task<LegalRequest?> GetAsync(RequestNumber number, CancellationToken cancellationToken = default) =>
        TraceAsync("store.get", number, () => inner.GetAsync(number, cancellationToken));

    public Task<LegalRequest?> FindBySubmissionKeyAsync(string submissionKey, CancellationToken cancellationToken = default) =>
        TraceAsync("store.find_submission", null, () => inner.FindBySubmissionKeyAsync(submissionKey, cancellationToken), r => r?.Number);

    public Task<RequestPage> ListByRequesterAsync(string requesterAadObjectId, string? continuationToken, int take, CancellationToken cancellationToken = default) =>
        TraceAsync("store.list_by_requester", null, () => inner.ListByRequesterAsync(requesterAadObjectId, continuationToken, take, cancellationToken));

    public Task<RequestPage> ListByAssigneeAsync(string assigneeAadObjectId, string? continuationToken, int take, CancellationToken cancellationToken = default) =>
        TraceAsync("store.list_by_assignee", null, () => inner.ListByAssigneeAsync(assigneeAadObjectId, continuationToken, take, cancellationToken));

    public Task<RequestPage> ListRecentAsync(string? continuationToken, int take, CancellationToken cancellationToken = default) =>
        TraceAsync("store.list_recent", null, () => inner.ListRecentAsync(continuationToken, take, cancellationToken));

    public Task<IReadOnlyDictionary<string, ProfessionalStats>> ProfessionalStatsAsync(CancellationToken cancellationToken = default) =>
        TraceAsync("store.professional_stats", null, () => inner.ProfessionalStatsAsync(cancellationToken));

    public Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(RequestNumber number, CancellationToken cancellationToken = default) =>
        TraceAsync("store.get_history", number, () => inner.GetHistoryAsync(number, cancellationToken));

    public Task PingAsync(CancellationToken cancellationToken = default) =>
        TraceAsync("store.ping", null, async () =>
        {
            await inner.PingAsync(cancellationToken);
            return true;
        });

    private static async Task<T> TraceAsync<T>(string name, RequestNumber? number, Func<Task<T>> operation, Func<T, RequestNumber?>? numberOf = null)
    {
        using var span = BotTelemetry.Source.StartActivity(name, ActivityKind.Internal);
        if (span is null)
        {
            return await operation();
        }

        if (number is { } known)
        {
            span.SetTag(BotTelemetry.RequestNumberTag, known.ToString());
        }

        try
        {
            var result = await operation();
            if (numberOf?.Invoke(result) is { } found)
            {
                span.SetTag(BotTelemetry.RequestNumberTag, found.ToString());
            }

            return result;
        }
        catch (Exception ex)
        {
            span.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            span.SetTag("error.type", ex.GetType().FullName);
            throw;
        }
    }
}
