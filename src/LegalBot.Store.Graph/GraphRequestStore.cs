using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Core.Workflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Sites.Item.Lists.Item.Items;
using Microsoft.Kiota.Abstractions;
using static LegalBot.Store.Graph.ListSchema;

namespace LegalBot.Store.Graph;

/// <summary>
/// The request store on two SharePoint lists through Microsoft Graph: a "Legal Requests" item per request and an
/// append-only "Legal Request History" item per history line, linked by request number.
/// <para>
/// Numbers: <c>LR-n</c> is SharePoint item id n − 1000 (see <see cref="RequestItems.NumberOffset"/>), so a request is
/// read by its number with one GET and no filter. Versions: the <c>RequestVersion</c> column, incremented by every
/// change; each write sends the ETag read with that version in <c>If-Match</c>, and a 412 is answered as a stale
/// version is, with a <see cref="ChangeOutcome.Conflict"/> carrying the request as it is now.
/// </para>
/// <para>
/// Idempotence: the <c>SubmissionKey</c> column is indexed with unique values enforced by SharePoint, so the same key
/// files one item however many callers race; every history item carries its change id (indexed), and the request
/// item its last change id (indexed), so <see cref="ApplyAsync"/> and <see cref="FindChangeAsync"/> recognise a change
/// that landed. An item and its history line cannot be written in one transaction: the history line is written in
/// the same <c>$batch</c>, depending on the item's write, and the item carries the line it owes (in its exact
/// values). If the line's write fails after the item's, whichever comes first writes it from the item: a retry of
/// the same change, or the reconciler's <see cref="FindChangeAsync"/> (for a filing, its "created" line, rebuilt
/// from the item). Each looks the change id up in the history first, so the line is written once.
/// </para>
/// <para>
/// Queries filter on one indexed column each (past 5,000 items SharePoint refuses any other), select only the columns
/// they read, and page by <c>@odata.nextLink</c>, whose skiptoken is wrapped in the store's own continuation token.
/// </para>
/// </summary>
public sealed partial class GraphRequestStore : IRequestStore
{
    /// <summary>The most history lines one page brings back; a longer history follows nextLinks.</summary>
    private const int HistoryPageSize = 500;

    /// <summary>Items per page when counting for the statistics.</summary>
    private const int StatsPageSize = 1000;

    private const int MaxConflictRetries = 3;

    private static readonly string[] ItemProperties = ["id", "eTag"];

    private readonly GraphServiceClient graph;
    private readonly GraphCalls calls;
    private readonly GraphStoreOptions options;
    private readonly ILogger<GraphRequestStore> logger;
    private readonly ProfessionalStatsCache stats;

    public GraphRequestStore(GraphServiceClient graph, IOptions<GraphStoreOptions> options, ILogger<GraphRequestStore> logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        this.graph = graph;
        this.options = options.Value;
        this.logger = logger;
        calls = new GraphCalls(graph);
        stats = new ProfessionalStatsCache(time ?? TimeProvider.System, this.options.StatsCacheDuration);
    }

    private ItemsRequestBuilder RequestItemsApi => graph.Sites[options.SiteId].Lists[options.RequestsList].Items;

    private ItemsRequestBuilder HistoryItemsApi => graph.Sites[options.SiteId].Lists[options.HistoryList].Items;

    /// <summary>
    /// One round trip to file (a POST of the item, which SharePoint refuses with 409 if the submission key was used),
    /// and one <c>$batch</c> writing the number onto the item (If-Match the ETag the POST returned) and then the
    /// "created" history line. A repeated key costs a lookup by key instead, and finishes a creation another
    /// caller left without its number.
    /// </summary>
    public async Task<CreateResult> CreateAsync(NewRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.SubmissionKey, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Details, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Requester, nameof(request));

        var post = RequestItemsApi.ToPostRequestInformation(new Microsoft.Graph.Models.ListItem());
        SetJson(post, new JsonObject { ["fields"] = RequestItems.NewRequestFields(request) });
        var created = await calls.SendAsync(post, cancellationToken);
        if (created.Status == (int)HttpStatusCode.Conflict)
        {
            return await ExistingSubmissionAsync(request, cancellationToken);
        }

        var item = Require(created, "file a request");
        var number = RequestItems.NumberOf(RequestItems.ItemIdOf(item));
        await FinishCreationAsync(number, RequestItems.ETagOf(item), request, cancellationToken);
        Log.RequestCreated(logger, number);
        return new CreateResult(RequestItems.ReadRequest(item), Created: true);
    }

    /// <summary>
    /// Two round trips: a <c>$batch</c> reading the item, looking the change id up in the history and reading the
    /// request's latest history line, then a <c>$batch</c> writing the item (If-Match its ETag) and, depending on it,
    /// the history line. If the item's last change is still owed its line (Graph failed it, and no reconciler has
    /// written it yet), that line is written first, in the same <c>$batch</c>, after this change's item write: this
    /// change replaces the item's change id and the line it carries, so nothing else could write it later.
    /// </summary>
    public async Task<ChangeOutcome> ApplyAsync(RequestChange change, CancellationToken cancellationToken = default)
    {
        Validate(change);
        var itemId = RequestItems.ItemId(change.Number);
        if (itemId <= 0)
        {
            return new ChangeOutcome.NotFound();
        }

        var replies = await calls.BatchAsync(
        [
            new GraphStep("item", GetRequestInformation(itemId)),
            new GraphStep("change", HistoryItemsApi.ToGetRequestInformation(q =>
            {
                q.QueryParameters.Filter = ODataFilter.Eq(History.ChangeId, change.ChangeId);
                q.QueryParameters.Select = ["id"];
                q.QueryParameters.Expand = [ExpandFields(History.RequestNumber)];
                q.QueryParameters.Top = 1;
            })),
            new GraphStep("latest", HistoryItemsApi.ToGetRequestInformation(q =>
            {
                q.QueryParameters.Filter = ODataFilter.Eq(History.RequestNumber, change.Number.ToString());
                q.QueryParameters.Orderby = ["fields/ID desc"];
                q.QueryParameters.Select = ["id"];
                q.QueryParameters.Expand = [ExpandFields(History.RequestVersion)];
                q.QueryParameters.Top = 1;
            })),
        ], cancellationToken);

        // The version the history reaches; unknown once the item was read again (see below).
        int? linedUpTo = Values(Require(replies["latest"], "read a history")).Select(RequestItems.LineVersion).DefaultIfEmpty(0).First();
        if (Values(Require(replies["change"], "look up a change")).FirstOrDefault() is { ValueKind: JsonValueKind.Object } landed)
        {
            // Applied before (a retry): nothing is written again, and the outcome is the same.
            var current = replies["item"] is { Succeeded: true, Body: { } body } ? RequestItems.ReadRequest(body) : null;
            var landedOn = RequestItems.Text(landed.GetProperty("fields"), History.RequestNumber);
            return landedOn != change.Number.ToString() ? throw new ArgumentException("The change id was used for another request.", nameof(change))
                : current is null ? new ChangeOutcome.NotFound()
                : new ChangeOutcome.Applied(current);
        }

        for (var attempt = 0; ; attempt++)
        {
            if (replies["item"].Status == (int)HttpStatusCode.NotFound)
            {
                return new ChangeOutcome.NotFound();
            }

            var item = Require(replies["item"], "read a request");
            var current = RequestItems.ReadRequest(item);
            if (RequestItems.Text(item.GetProperty("fields"), Requests.ChangeId) == change.ChangeId)
            {
                // The item took this change but its history line was not written: write it now.
                var line = RequestItems.PendingLineOf(item)
                    ?? RequestItems.HistoryFields(RequestItems.HistoryOf(change, RequestItems.PreviousStateOf(item) ?? current.State), current.Version, change.ChangeId);
                await AppendLineAsync(line, cancellationToken);
                Log.HistoryCompleted(logger, change.Number, current.Version);
                return new ChangeOutcome.Applied(current);
            }

            if (current.Version != change.ExpectedVersion)
            {
                Log.StaleChange(logger, change.Number, change.ExpectedVersion, current.Version);
                return new ChangeOutcome.Conflict(current);
            }

            var update = FieldsApi(itemId).ToPatchRequestInformation(new Microsoft.Graph.Models.FieldValueSet());
            SetJson(update, RequestItems.ChangeFields(current, change));
            update.Headers.Add("If-Match", RequestItems.ETagOf(item) ?? "*");
            var history = HistoryPost(RequestItems.HistoryOf(change, current.State), current.Version + 1, change.ChangeId);
            var owed = OwedLine(item, current.Version, linedUpTo);
            GraphStep[] steps = owed is null
                ? [new GraphStep("update", update), new GraphStep("history", history, "update")]
                : [new GraphStep("update", update), new GraphStep("owed", LinePost(owed), "update"), new GraphStep("history", history, "owed")];
            IReadOnlyDictionary<string, GraphReply> written;
            try
            {
                written = await calls.BatchAsync(steps, cancellationToken);
            }
            catch
            {
                // Whether the item took the change is unknown: count the figures again next time.
                stats.Forget();
                throw;
            }

            if (written["update"].Status == (int)HttpStatusCode.PreconditionFailed && attempt < MaxConflictRetries)
            {
                // Someone wrote the item since it was read: read it again, and decide as above (a stale version is a
                // conflict; an ETag changed without a new version, e.g. a number written, is tried again). Whoever
                // wrote it may have written an owed line too, so this change no longer writes one.
                replies = new Dictionary<string, GraphReply>(StringComparer.Ordinal) { ["item"] = await calls.SendAsync(GetRequestInformation(itemId), cancellationToken) };
                linedUpTo = null;
                continue;
            }

            if (written["update"].Status == (int)HttpStatusCode.NotFound)
            {
                return new ChangeOutcome.NotFound();
            }

            var updated = RequestItems.ReadRequest(Require(written["update"], "write a change"));
            stats.Applied(current, updated);
            if (owed is not null)
            {
                Require(written["owed"], "append a history line");
                Log.HistoryCompleted(logger, change.Number, current.Version);
            }

            Require(written["history"], "append a history line");
            Log.ChangeApplied(logger, updated.Number, updated.State, updated.Version);
            return new ChangeOutcome.Applied(updated);
        }
    }

    /// <summary>
    /// The history line the item's last change still owes: the item carries it (for the item's version) and the
    /// history stops short of that version.
    /// </summary>
    private static JsonObject? OwedLine(JsonElement item, int version, int? linedUpTo) =>
        linedUpTo < version && RequestItems.PendingLineOf(item) is { } line && RequestItems.LineVersion(line) == version ? line : null;

    /// <summary>
    /// One <c>$batch</c> of three lookups: the history's change ids, the requests' submission keys and last change ids.
    /// A change found on its item but not in the history lost its history line after the item's write (see the class
    /// remarks): the line is written now, from the item, in one more round trip.
    /// </summary>
    public async Task<RequestNumber?> FindChangeAsync(string changeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changeId);
        var replies = await calls.BatchAsync(
        [
            new GraphStep("history", HistoryItemsApi.ToGetRequestInformation(q =>
            {
                q.QueryParameters.Filter = ODataFilter.Eq(History.ChangeId, changeId);
                q.QueryParameters.Select = ["id"];
                q.QueryParameters.Expand = [ExpandFields(History.RequestNumber)];
                q.QueryParameters.Top = 1;
            })),
            new GraphStep("key", RequestsWhere(ODataFilter.Eq(Requests.SubmissionKey, changeId), 1)),
            new GraphStep("last", RequestsWhere(ODataFilter.Eq(Requests.ChangeId, changeId), 1)),
        ], cancellationToken);

        foreach (var line in Values(Require(replies["history"], "look up a change")))
        {
            if (RequestNumber.TryParse(RequestItems.Text(line.GetProperty("fields"), History.RequestNumber), out var number))
            {
                return number;
            }
        }

        if (Values(Require(replies["key"], "look up a submission key")).FirstOrDefault() is { ValueKind: JsonValueKind.Object } filed)
        {
            await CompleteFilingAsync(filed, changeId, cancellationToken);
            return RequestItems.NumberOf(RequestItems.ItemIdOf(filed));
        }

        if (Values(Require(replies["last"], "look up a change")).FirstOrDefault() is { ValueKind: JsonValueKind.Object } changed)
        {
            var number = RequestItems.NumberOf(RequestItems.ItemIdOf(changed));
            if (RequestItems.PendingLineOf(changed) is { } line)
            {
                await AppendLineAsync(line, cancellationToken);
                Log.HistoryCompleted(logger, number, RequestItems.ReadRequest(changed).Version);
            }
            else
            {
                Log.HistoryNotRebuilt(logger, number);
            }

            return number;
        }

        return null;
    }

    /// <summary>One GET of the item by id, its fields expanded and selected.</summary>
    public async Task<LegalRequest?> GetAsync(RequestNumber number, CancellationToken cancellationToken = default)
    {
        var itemId = RequestItems.ItemId(number);
        if (itemId <= 0)
        {
            return null;
        }

        var reply = await calls.SendAsync(GetRequestInformation(itemId), cancellationToken);
        return reply.Status == (int)HttpStatusCode.NotFound ? null : IsRequest(Require(reply, "read a request"));
    }

    /// <summary>One GET filtered on the submission key.</summary>
    public async Task<LegalRequest?> FindBySubmissionKeyAsync(string submissionKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submissionKey);
        var reply = await calls.SendAsync(RequestsWhere(ODataFilter.Eq(Requests.SubmissionKey, submissionKey), 1), cancellationToken);
        return Values(Require(reply, "look up a submission key")).Select(RequestItems.ReadRequest).FirstOrDefault();
    }

    /// <summary>One GET per page, filtered on the indexed requester id, newest (highest item id) first.</summary>
    public Task<RequestPage> ListByRequesterAsync(string requesterAadObjectId, string? continuationToken, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requesterAadObjectId);
        return PageAsync(Requests.RequesterId, requesterAadObjectId, continuationToken, take, cancellationToken);
    }

    /// <summary>
    /// One GET per page, filtered on the indexed <c>OpenAssigneeId</c> column, which every write keeps equal to the
    /// assignee while the request is open (<see cref="RequestRules.IsOpen"/>) and empty otherwise.
    /// </summary>
    public Task<RequestPage> ListByAssigneeAsync(string assigneeAadObjectId, string? continuationToken, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assigneeAadObjectId);
        return PageAsync(Requests.OpenAssigneeId, assigneeAadObjectId, continuationToken, take, cancellationToken);
    }

    /// <summary>
    /// The figures counted at most once per <see cref="GraphStoreOptions.StatsCacheDuration"/>, with this instance's
    /// own changes applied since (see <see cref="ProfessionalStatsCache"/>).
    /// </summary>
    public Task<IReadOnlyDictionary<string, ProfessionalStats>> ProfessionalStatsAsync(CancellationToken cancellationToken = default) =>
        stats.GetAsync(CountStatsAsync, cancellationToken);

    /// <summary>
    /// One <c>$batch</c> with a query per open state and one for completed requests (each on the indexed state column,
    /// selecting only what the count needs), then their next pages; counted by <see cref="RequestRules.IsOpen"/> and
    /// <see cref="RequestRules.IsCompletedOnTime"/>.
    /// </summary>
    private async Task<Dictionary<string, (int Open, int Completed, int OnTime)>> CountStatsAsync(CancellationToken cancellationToken)
    {
        RequestState[] states = [.. RequestRules.OpenStates, RequestState.Completed];
        var steps = states.Select(state => new GraphStep(state.ToString(), RequestItemsApi.ToGetRequestInformation(q =>
        {
            q.QueryParameters.Filter = ODataFilter.Eq(Requests.State, state.ToString());
            q.QueryParameters.Select = ["id"];
            q.QueryParameters.Expand = [ExpandFields(RequestItems.StatsColumns)];
            q.QueryParameters.Top = StatsPageSize;
        }))).ToList();
        var replies = await calls.BatchAsync(steps, cancellationToken);

        var counts = new Dictionary<string, (int Open, int Completed, int OnTime)>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            var page = Require(replies[step.Id], "count assignments");
            while (true)
            {
                foreach (var (assignee, request) in Values(page).Select(RequestItems.ReadForStats))
                {
                    if (assignee is null)
                    {
                        continue;
                    }

                    var (open, completed, onTime) = counts.GetValueOrDefault(assignee);
                    if (request.State.IsOpen())
                    {
                        open++;
                    }
                    else if (request.State == RequestState.Completed)
                    {
                        completed++;
                        onTime += request.IsCompletedOnTime() ? 1 : 0;
                    }

                    counts[assignee] = (open, completed, onTime);
                }

                if (GraphCalls.NextPage(page, step.Request) is not { } next)
                {
                    break;
                }

                page = Require(await calls.SendAsync(next, cancellationToken), "count assignments");
            }
        }

        return counts;
    }

    /// <summary>One GET filtered on the indexed request number (more only past <see cref="HistoryPageSize"/> lines), oldest first.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(RequestNumber number, CancellationToken cancellationToken = default)
    {
        var request = HistoryItemsApi.ToGetRequestInformation(q =>
        {
            q.QueryParameters.Filter = ODataFilter.Eq(History.RequestNumber, number.ToString());
            q.QueryParameters.Select = ["id"];
            q.QueryParameters.Expand = [ExpandFields(RequestItems.HistoryColumns)];
            q.QueryParameters.Top = HistoryPageSize;
        });
        var lines = new List<(long Id, string? ChangeId, HistoryEntry Entry)>();
        var page = Require(await calls.SendAsync(request, cancellationToken), "read a history");
        while (true)
        {
            lines.AddRange(Values(page).Select(item => (RequestItems.ItemIdOf(item), RequestItems.LineChangeId(item), RequestItems.ReadHistory(item))));
            if (GraphCalls.NextPage(page, request) is not { } next)
            {
                break;
            }

            page = Require(await calls.SendAsync(next, cancellationToken), "read a history");
        }

        // Item ids are allocated in the order the lines were written. Two callers finishing one filing at the same
        // moment (the filer's own "created" line and a repeated submission completing what looked unfinished) can each
        // write its line: lines for one change id are one line, the first written.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. lines.OrderBy(l => l.Id).Where(l => l.ChangeId is null || seen.Add(l.ChangeId)).Select(l => l.Entry)];
    }

    /// <summary>Reads the requests list (its id only): fails while Graph, the site or the list cannot be reached.</summary>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        var request = graph.Sites[options.SiteId].Lists[options.RequestsList].ToGetRequestInformation(q => q.QueryParameters.Select = ["id"]);
        var reply = await calls.SendAsync(request, cancellationToken);
        if (!reply.Succeeded)
        {
            throw new RequestStoreUnavailableException($"The requests list answered {reply.Status}: check {GraphStoreOptions.Section}:SiteId and {GraphStoreOptions.Section}:RequestsList.");
        }
    }

    /// <summary>
    /// One GET per page, unfiltered, ordered by the item id (always indexed, so SharePoint serves it past the list
    /// view threshold), newest first; SharePoint has no substring match in <c>$filter</c>, so a search matches the
    /// page's items itself. Items someone added to the list by hand that are not requests are left out.
    /// </summary>
    public Task<RequestPage> ListRecentAsync(string? continuationToken, int take, CancellationToken cancellationToken = default) =>
        PageAsync(null, continuationToken, Math.Clamp(take, 1, RequestRules.MaxRecentPageSize), cancellationToken);

    private Task<RequestPage> PageAsync(string column, string value, string? continuationToken, int take, CancellationToken cancellationToken) =>
        PageAsync((column, value), continuationToken, Math.Clamp(take, 1, RequestRules.MaxPageSize), cancellationToken);

    /// <summary>A page of the requests list, filtered on one indexed column (or not at all), newest (highest item id) first.</summary>
    private async Task<RequestPage> PageAsync((string Column, string Value)? where, string? continuationToken, int take, CancellationToken cancellationToken)
    {
        var scope = where is { } filter ? $"{options.SiteId}\n{options.RequestsList}\n{filter.Column}\n{filter.Value}" : $"{options.SiteId}\n{options.RequestsList}";
        var skip = continuationToken is null ? null : GraphPageToken.Read(scope, continuationToken);
        var request = RequestItemsApi.ToGetRequestInformation(q =>
        {
            if (where is { } on)
            {
                q.QueryParameters.Filter = ODataFilter.Eq(on.Column, on.Value);
            }

            q.QueryParameters.Orderby = ["fields/ID desc"];
            q.QueryParameters.Select = ItemProperties;
            q.QueryParameters.Expand = [ExpandFields(RequestItems.RequestColumns)];
            q.QueryParameters.Top = take;
        });
        var query = request.URI;
        if (skip is not null)
        {
            request.URI = GraphCalls.WithSkipToken(query, skip);
        }

        var reply = await calls.SendAsync(request, cancellationToken);
        if (skip is not null && reply.Status == (int)HttpStatusCode.BadRequest)
        {
            // SharePoint could not read the skiptoken: the token was altered.
            throw GraphPageToken.Invalid();
        }

        var page = Require(reply, "list requests");
        var items = Values(page).Select(IsRequest).OfType<LegalRequest>().ToList();
        var nextSkip = page.TryGetProperty("@odata.nextLink", out var link) && link.GetString() is { } nextLink
            ? GraphPageToken.SkipTokenOf(nextLink, query)
            : null;
        return new RequestPage(items, nextSkip is null ? null : GraphPageToken.Write(scope, nextSkip));
    }

    /// <summary>The finishing <c>$batch</c> of a creation: the number onto the item (If-Match), then the "created" line.</summary>
    private async Task FinishCreationAsync(RequestNumber number, string? etag, NewRequest request, CancellationToken cancellationToken)
    {
        var patch = FieldsApi(RequestItems.ItemId(number)).ToPatchRequestInformation(new Microsoft.Graph.Models.FieldValueSet());
        SetJson(patch, new JsonObject { [Requests.RequestNumber] = number.ToString() });
        patch.Headers.Add("If-Match", etag ?? "*");
        var history = HistoryPost(RequestItems.CreatedHistory(number, request.Requester, request.At), 1, request.SubmissionKey);
        var replies = await calls.BatchAsync([new GraphStep("number", patch), new GraphStep("history", history, "number")], cancellationToken);
        if (replies["number"].Status == (int)HttpStatusCode.PreconditionFailed)
        {
            // Another caller with the same submission key finished it first.
            return;
        }

        Require(replies["number"], "number a request");
        Require(replies["history"], "append a history line");
    }

    /// <summary>
    /// The submission key was used: the request it filed, finished if its creation was left without its number or its
    /// "created" line. One <c>$batch</c> looks up both the item and the line.
    /// </summary>
    private async Task<CreateResult> ExistingSubmissionAsync(NewRequest request, CancellationToken cancellationToken)
    {
        var replies = await calls.BatchAsync(
        [
            new GraphStep("key", RequestsWhere(ODataFilter.Eq(Requests.SubmissionKey, request.SubmissionKey), 1)),
            new GraphStep("history", HistoryItemsApi.ToGetRequestInformation(q =>
            {
                q.QueryParameters.Filter = ODataFilter.Eq(History.ChangeId, request.SubmissionKey);
                q.QueryParameters.Select = ["id"];
                q.QueryParameters.Top = 1;
            })),
        ], cancellationToken);
        var item = Values(Require(replies["key"], "look up a submission key")).FirstOrDefault();
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new RequestStoreUnavailableException("SharePoint refused the submission key as taken, but no item has it.");
        }

        var existing = RequestItems.ReadRequest(item);
        if (!Values(Require(replies["history"], "look up a change")).Any())
        {
            // Filed by a caller that has not finished it yet, or that failed to: see CompleteFilingAsync.
            await CompleteFilingAsync(item, request.SubmissionKey, cancellationToken);
        }

        Log.DuplicateSubmission(logger, existing.Number);
        return new CreateResult(existing, Created: false);
    }

    /// <summary>
    /// Finishes a filing whose item is there but whose "created" line is not: numbers the item if that was not done
    /// (the If-Match makes one caller do it, with the line), else writes the line, rebuilt from the item.
    /// </summary>
    private async Task CompleteFilingAsync(JsonElement item, string submissionKey, CancellationToken cancellationToken)
    {
        var existing = RequestItems.ReadRequest(item);
        if (RequestItems.Text(item.GetProperty("fields"), Requests.RequestNumber) is null)
        {
            await FinishCreationAsync(existing.Number, RequestItems.ETagOf(item), new NewRequest(
                submissionKey, existing.Details, existing.Requester, existing.TenantId, existing.CreatedAt, existing.TargetDate), cancellationToken);
            return;
        }

        await AppendLineAsync(RequestItems.HistoryFields(RequestItems.CreatedHistory(existing.Number, existing.Requester, existing.CreatedAt), 1, submissionKey), cancellationToken);
        Log.HistoryCompleted(logger, existing.Number, 1);
    }

    private async Task AppendLineAsync(JsonObject fields, CancellationToken cancellationToken) =>
        Require(await calls.SendAsync(LinePost(fields), cancellationToken), "append a history line");

    private RequestInformation HistoryPost(HistoryEntry entry, int version, string changeId) => LinePost(RequestItems.HistoryFields(entry, version, changeId));

    private RequestInformation LinePost(JsonObject fields)
    {
        var post = HistoryItemsApi.ToPostRequestInformation(new Microsoft.Graph.Models.ListItem());
        SetJson(post, new JsonObject { ["fields"] = fields });
        return post;
    }

    private RequestInformation GetRequestInformation(long itemId) =>
        RequestItemsApi[itemId.ToString(System.Globalization.CultureInfo.InvariantCulture)].ToGetRequestInformation(q =>
        {
            q.QueryParameters.Select = ItemProperties;
            q.QueryParameters.Expand = [ExpandFields(RequestItems.RequestColumns)];
        });

    private Microsoft.Graph.Sites.Item.Lists.Item.Items.Item.Fields.FieldsRequestBuilder FieldsApi(long itemId) =>
        RequestItemsApi[itemId.ToString(System.Globalization.CultureInfo.InvariantCulture)].Fields;

    private RequestInformation RequestsWhere(string filter, int top) => RequestItemsApi.ToGetRequestInformation(q =>
    {
        q.QueryParameters.Filter = filter;
        q.QueryParameters.Select = ItemProperties;
        q.QueryParameters.Expand = [ExpandFields(RequestItems.RequestColumns)];
        q.QueryParameters.Top = top;
    });

    /// <summary>The request to the next page a nextLink points at, rebuilt from the query that was sent (never the link itself).</summary>
    private static string ExpandFields(params string[] columns) => $"fields($select={string.Join(',', columns)})";

    private static void SetJson(RequestInformation request, JsonObject body)
    {
        request.Content = new MemoryStream(Encoding.UTF8.GetBytes(body.ToJsonString()));
        request.Headers.TryAdd("Content-Type", "application/json");
    }

    private static IEnumerable<JsonElement> Values(JsonElement page) =>
        page.TryGetProperty("value", out var values) && values.ValueKind == JsonValueKind.Array ? values.EnumerateArray() : [];

    /// <summary>A request item as a request; null for an item someone added by hand that is not one.</summary>
    private static LegalRequest? IsRequest(JsonElement item) =>
        item.TryGetProperty("fields", out var fields) && RequestItems.Text(fields, Requests.SubmissionKey) is not null ? RequestItems.ReadRequest(item) : null;

    private static JsonElement Require(GraphReply reply, string what)
    {
        if (reply is { Succeeded: true, Body: { } body })
        {
            return body;
        }

        throw GraphCalls.IsUnavailable(reply.Status)
            ? new RequestStoreUnavailableException($"Microsoft Graph could not {what} (status {reply.Status}); try again shortly.")
            : new InvalidOperationException($"Microsoft Graph refused to {what} (status {reply.Status}).");
    }

    private static void Validate(RequestChange change)
    {
        change.EnsureValid();
        ArgumentException.ThrowIfNullOrWhiteSpace(change.ChangeId, nameof(change));
    }
}
