using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using static LegalBot.Store.Graph.ListSchema;

namespace LegalBot.Store.Graph;

/// <summary>
/// The list items as the store writes and reads them: a request's fields on a "Legal Requests" item, a history
/// line's on a "Legal Request History" item. Typed columns carry every value for views, filters and reports;
/// <see cref="Requests.ExactValues"/> keeps what a typed column rounds (a time's offset and ticks, hours past a
/// double's precision, dates that SharePoint shifts into the site's time zone), and the state and assignee as the
/// workflow last recorded them. People may edit the typed columns in Microsoft Lists: the state and assignee are
/// read from what the workflow recorded, so an edit of them takes effect only once the bot takes it in as a
/// workflow step (<see cref="GraphRequestStore.ReadAsync(string?, CancellationToken)"/> finds such edits).
/// </summary>
internal static class RequestItems
{
    /// <summary>
    /// Request numbers are SharePoint item ids plus this offset: LR-1001 is item 1. Item ids are allocated by
    /// SharePoint, unique in the list, increasing and never reused, so numbers are too, under any concurrency and
    /// without a counter to contend on; an item id consumed by a failed creation leaves a gap, which the contract
    /// allows.
    /// </summary>
    public const long NumberOffset = 1000;

    public const string CreatedAction = "created";

    /// <summary>What a request read needs, and nothing more.</summary>
    public static readonly string[] RequestColumns =
    [
        Requests.Title, Requests.RequestNumber, Requests.TypeKey, Requests.Description, Requests.BusinessUnit, Requests.Counterparty,
        Requests.Priority, Requests.RequestedDueDate, Requests.TypeFields, Requests.State, Requests.RequesterId, Requests.RequesterName,
        Requests.RequesterEmail, Requests.AssigneeId, Requests.AssigneeName, Requests.AssigneeEmail, Requests.TeamsTenantId,
        Requests.TargetDate, Requests.FiledAt, Requests.UpdatedAt, Requests.CompletedAt, Requests.RequestVersion, Requests.ChangeId,
        Requests.SubmissionKey, Requests.HoursSpent, Requests.Rating, Requests.RatingComment, Requests.ExactValues,
    ];

    /// <summary>What the professional statistics need.</summary>
    public static readonly string[] StatsColumns = [Requests.State, Requests.AssigneeId, Requests.TargetDate, Requests.CompletedAt, Requests.ExactValues];

    public static readonly string[] HistoryColumns =
    [
        History.RequestNumber, History.RequestVersion, History.Action, History.ActorId, History.ActorName, History.ActorEmail, History.At,
        History.FromState, History.ToState, History.Note, History.AssigneeId, History.AssigneeName, History.AssigneeEmail,
        History.HoursSpent, History.Rating, History.TargetDate, History.ExactValues, History.ChangeId,
    ];

    /// <summary>The change id a history line was written for (the submission key for the "created" line).</summary>
    public static string? LineChangeId(JsonElement item) => Text(Fields(item), History.ChangeId);

    private static readonly RequestDraft NoDetails = new() { TypeKey = "", Title = "", Description = "", BusinessUnit = "", Priority = Priority.Normal };

    public static long ItemId(RequestNumber number) => number.Value - NumberOffset;

    public static RequestNumber NumberOf(long itemId) => new(itemId + NumberOffset);

    /// <summary>The fields of a new request's item, at version 1; its number is written once SharePoint has given it an id.</summary>
    public static JsonObject NewRequestFields(NewRequest request)
    {
        var details = request.Details;
        var fields = new JsonObject
        {
            [Requests.Title] = details.Title,
            [Requests.TypeKey] = details.TypeKey,
            [Requests.Description] = details.Description,
            [Requests.BusinessUnit] = details.BusinessUnit,
            [Requests.Counterparty] = details.Counterparty,
            [Requests.Priority] = details.Priority.ToString(),
            [Requests.RequestedDueDate] = details.RequestedDueDate is { } due ? DateColumn(due) : null,
            [Requests.TypeFields] = JsonSerializer.Serialize(details.Fields),
            [Requests.State] = nameof(RequestState.Submitted),
            [Requests.RequesterId] = request.Requester.AadObjectId,
            [Requests.RequesterName] = request.Requester.Name,
            [Requests.RequesterEmail] = request.Requester.Email,
            [Requests.TeamsTenantId] = request.TenantId,
            [Requests.TargetDate] = DateColumn(request.TargetDate),
            [Requests.FiledAt] = TimeColumn(request.At),
            [Requests.UpdatedAt] = TimeColumn(request.At),
            [Requests.RequestVersion] = 1,
            [Requests.ChangeId] = request.SubmissionKey,
            [Requests.SubmissionKey] = request.SubmissionKey,
            [Requests.ExactValues] = new Exact
            {
                State = RequestState.Submitted,
                FiledAt = request.At,
                UpdatedAt = request.At,
                TargetDate = request.TargetDate,
                RequestedDueDate = details.RequestedDueDate,
                Pauses = PauseLog.None.Format(),
            }.ToJson(),
        };
        return WithoutNulls(fields);
    }

    /// <summary>
    /// The fields a change writes on the request's item: its new state, version and change id, what it sets, and (in
    /// <see cref="Requests.ExactValues"/>) the history line it owes, so that a line whose write failed after the
    /// item's can be written later from the item alone (<see cref="PendingLineOf"/>).
    /// </summary>
    public static JsonObject ChangeFields(LegalRequest current, RequestChange change)
    {
        var assignee = change.ChangesAssignee ? change.Assignee : current.AssignedTo;
        var completing = change.To == RequestState.Completed && current.State != RequestState.Completed;
        var exact = Exact.From(current) with
        {
            State = change.To,
            Assignee = assignee,
            UpdatedAt = change.At,
            CompletedAt = completing ? change.At : current.CompletedAt,
            HoursSpent = change.HoursSpent ?? current.HoursSpent,
            TargetDate = change.TargetDate ?? current.TargetDate,
            // An item written before pauses were kept has none: its history has them.
            Pauses = current.Pauses?.After(current.State, change.To, change.At).Format(),
            PreviousState = current.State,
            Line = HistoryFields(HistoryOf(change, current.State), current.Version + 1, change.ChangeId),
        };
        var fields = new JsonObject
        {
            [Requests.State] = change.To.ToString(),
            [Requests.UpdatedAt] = TimeColumn(change.At),
            [Requests.RequestVersion] = current.Version + 1,
            [Requests.ChangeId] = change.ChangeId,
            [Requests.OpenAssigneeId] = change.To.IsOpen() ? assignee?.AadObjectId : null,
            [Requests.ExactValues] = exact.ToJson(),
        };
        if (change.ChangesAssignee)
        {
            fields[Requests.AssigneeId] = assignee?.AadObjectId;
            fields[Requests.AssigneeName] = assignee?.Name;
            fields[Requests.AssigneeEmail] = assignee?.Email;
        }

        if (change.HoursSpent is { } hours)
        {
            fields[Requests.HoursSpent] = (double)hours;
        }

        if (change.Rating is { } rating)
        {
            fields[Requests.Rating] = rating;
            fields[Requests.RatingComment] = change.Note;
        }

        if (change.TargetDate is { } target)
        {
            fields[Requests.TargetDate] = DateColumn(target);
        }

        if (completing)
        {
            fields[Requests.CompletedAt] = TimeColumn(change.At);
        }

        return fields;
    }

    public static JsonObject HistoryFields(HistoryEntry entry, int version, string changeId) => WithoutNulls(new JsonObject
    {
        // The title is what a list view shows first: ids and the action only, never free text.
        [History.Title] = $"{entry.Number} {entry.Action}",
        [History.RequestNumber] = entry.Number.ToString(),
        [History.RequestVersion] = version,
        [History.Action] = entry.Action,
        [History.ActorId] = entry.Actor.AadObjectId,
        [History.ActorName] = entry.Actor.Name,
        [History.ActorEmail] = entry.Actor.Email,
        [History.At] = TimeColumn(entry.At),
        [History.FromState] = entry.FromState?.ToString(),
        [History.ToState] = entry.ToState.ToString(),
        [History.Note] = entry.Note,
        [History.ChangeId] = changeId,
        [History.AssigneeId] = entry.Assignee?.AadObjectId,
        [History.AssigneeName] = entry.Assignee?.Name,
        [History.AssigneeEmail] = entry.Assignee?.Email,
        [History.HoursSpent] = entry.HoursSpent is { } hours ? (double)hours : null,
        [History.Rating] = entry.Rating,
        [History.TargetDate] = entry.TargetDate is { } target ? DateColumn(target) : null,
        [History.ExactValues] = new Exact { At = entry.At, HoursSpent = entry.HoursSpent }.ToJson(),
    });

    /// <summary>The history line a change appends.</summary>
    public static HistoryEntry HistoryOf(RequestChange change, RequestState from) => change.HistoryLine(from);

    public static HistoryEntry CreatedHistory(RequestNumber number, Person requester, DateTimeOffset at) =>
        new(number, at, requester, CreatedAction, null, RequestState.Submitted, null);

    /// <summary>A list item (<c>id</c> and <c>fields</c>) or a bare field set (which carries <c>id</c> too) as a request.</summary>
    public static LegalRequest ReadRequest(JsonElement item)
    {
        var fields = Fields(item);
        var exact = Exact.Read(Text(fields, Requests.ExactValues));
        var assigneeId = Text(fields, Requests.AssigneeId);
        var listAssignee = assigneeId is null ? null : new Person(assigneeId, Text(fields, Requests.AssigneeName) ?? "", Text(fields, Requests.AssigneeEmail));
        return new LegalRequest
        {
            Number = NumberOf(ItemIdOf(item)),
            Details = new RequestDraft
            {
                TypeKey = Text(fields, Requests.TypeKey) ?? "",
                Title = Text(fields, Requests.Title) ?? "",
                Description = Text(fields, Requests.Description) ?? "",
                BusinessUnit = Text(fields, Requests.BusinessUnit) ?? "",
                Counterparty = Text(fields, Requests.Counterparty),
                Priority = Enum.TryParse<Priority>(Text(fields, Requests.Priority), out var priority) ? priority : Priority.Normal,
                RequestedDueDate = exact.RequestedDueDate ?? Date(fields, Requests.RequestedDueDate),
                Fields = Text(fields, Requests.TypeFields) is { } json
                    ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []
                    : new Dictionary<string, string>(),
            },
            Requester = new Person(Text(fields, Requests.RequesterId) ?? "", Text(fields, Requests.RequesterName) ?? "", Text(fields, Requests.RequesterEmail)),
            TenantId = Text(fields, Requests.TeamsTenantId),
            State = exact.State ?? State(fields, Requests.State) ?? RequestState.Submitted,
            AssignedTo = exact.State is null ? listAssignee : exact.Assignee,
            CreatedAt = exact.FiledAt ?? Time(fields, Requests.FiledAt) ?? default,
            UpdatedAt = exact.UpdatedAt ?? Time(fields, Requests.UpdatedAt) ?? default,
            TargetDate = exact.TargetDate ?? Date(fields, Requests.TargetDate) ?? default,
            Version = (int)(Number(fields, Requests.RequestVersion) ?? 1),
            CompletedAt = exact.CompletedAt ?? Time(fields, Requests.CompletedAt),
            HoursSpent = exact.HoursSpent ?? (Number(fields, Requests.HoursSpent) is { } hours ? (decimal)hours : null),
            Rating = Number(fields, Requests.Rating) is { } rating ? (int)rating : null,
            RatingComment = Text(fields, Requests.RatingComment),
            Pauses = PauseLog.Parse(exact.Pauses),
        };
    }

    /// <summary>Only what <see cref="RequestRules"/> needs to count an item for the professional statistics.</summary>
    public static (string? AssigneeId, LegalRequest Request) ReadForStats(JsonElement item)
    {
        var fields = Fields(item);
        var exact = Exact.Read(Text(fields, Requests.ExactValues));
        return (exact.State is null ? Text(fields, Requests.AssigneeId) : exact.Assignee?.AadObjectId, new LegalRequest
        {
            Number = NumberOf(ItemIdOf(item)),
            Details = NoDetails,
            Requester = new Person("", ""),
            State = exact.State ?? State(fields, Requests.State) ?? RequestState.Submitted,
            CreatedAt = default,
            UpdatedAt = default,
            TargetDate = exact.TargetDate ?? Date(fields, Requests.TargetDate) ?? default,
            CompletedAt = exact.CompletedAt ?? Time(fields, Requests.CompletedAt),
            Version = 0,
        });
    }

    public static HistoryEntry ReadHistory(JsonElement item)
    {
        var fields = Fields(item);
        var exact = Exact.Read(Text(fields, History.ExactValues));
        var assigneeId = Text(fields, History.AssigneeId);
        _ = RequestNumber.TryParse(Text(fields, History.RequestNumber), out var number);
        return new HistoryEntry(
            number ?? default,
            exact.At ?? Time(fields, History.At) ?? default,
            new Person(Text(fields, History.ActorId) ?? "", Text(fields, History.ActorName) ?? "", Text(fields, History.ActorEmail)),
            Text(fields, History.Action) ?? "",
            State(fields, History.FromState),
            State(fields, History.ToState) ?? RequestState.Submitted,
            Text(fields, History.Note))
        {
            Assignee = assigneeId is null ? null : new Person(assigneeId, Text(fields, History.AssigneeName) ?? "", Text(fields, History.AssigneeEmail)),
            HoursSpent = exact.HoursSpent ?? (Number(fields, History.HoursSpent) is { } hours ? (decimal)hours : null),
            Rating = Number(fields, History.Rating) is { } rating ? (int)rating : null,
            TargetDate = Date(fields, History.TargetDate),
        };
    }

    /// <summary>
    /// Whether the item's state or assignee columns differ from what the workflow recorded: someone edited them
    /// outside the bot. An item written before the workflow recorded them is taken as it is.
    /// </summary>
    public static bool IsEditedOutside(JsonElement item)
    {
        var fields = Fields(item);
        var exact = Exact.Read(Text(fields, Requests.ExactValues));
        return exact.State is { } recorded
            && (Text(fields, Requests.State) != recorded.ToString()
                || !string.Equals(Text(fields, Requests.AssigneeId), exact.Assignee?.AadObjectId, StringComparison.Ordinal));
    }

    /// <summary>The state the item's column shows; null when it holds something that is no state.</summary>
    public static RequestState? ListStateOf(JsonElement item) =>
        Enum.TryParse<RequestState>(Text(Fields(item), Requests.State), ignoreCase: false, out var state) && Enum.IsDefined(state) ? state : null;

    /// <summary>Whether the item's assignee column differs from the assignee the workflow recorded.</summary>
    public static bool AssigneeEditedOutside(JsonElement item)
    {
        var fields = Fields(item);
        var exact = Exact.Read(Text(fields, Requests.ExactValues));
        return exact.State is not null && !string.Equals(Text(fields, Requests.AssigneeId), exact.Assignee?.AadObjectId, StringComparison.Ordinal);
    }

    /// <summary>The columns that put the recorded state and assignee back over an edit made outside the bot.</summary>
    public static JsonObject RecordedColumns(LegalRequest recorded) => new()
    {
        [Requests.State] = recorded.State.ToString(),
        [Requests.AssigneeId] = recorded.AssignedTo?.AadObjectId,
        [Requests.AssigneeName] = recorded.AssignedTo?.Name,
        [Requests.AssigneeEmail] = recorded.AssignedTo?.Email,
        [Requests.OpenAssigneeId] = recorded.State.IsOpen() ? recorded.AssignedTo?.AadObjectId : null,
    };

    /// <summary>The state the item's last change started from, for a history line written after the change.</summary>
    public static RequestState? PreviousStateOf(JsonElement item) => Exact.Read(Text(Fields(item), Requests.ExactValues)).PreviousState;

    /// <summary>
    /// The history line the item's last change owes, as that change wrote it onto the item (its change id is the
    /// item's <see cref="Requests.ChangeId"/>); null for a filing's item or one written before items carried it.
    /// </summary>
    public static JsonObject? PendingLineOf(JsonElement item) => Exact.Read(Text(Fields(item), Requests.ExactValues)).Line;

    /// <summary>The request version a history line (an item of the history list) was written for.</summary>
    public static int LineVersion(JsonElement line) => (int)(Number(Fields(line), History.RequestVersion) ?? 0);

    /// <summary>The request version of a history line's fields, as a change wrote them onto its item.</summary>
    public static int LineVersion(JsonObject line) =>
        line[History.RequestVersion] is JsonValue value && value.TryGetValue<double>(out var version) ? (int)version : 0;

    /// <summary>The item's id, from the item or from its field set.</summary>
    public static long ItemIdOf(JsonElement item) =>
        long.Parse(item.GetProperty("id").GetString()!, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>The ETag to send in If-Match: the item's, or its field set's.</summary>
    public static string? ETagOf(JsonElement item) =>
        item.TryGetProperty("eTag", out var tag) ? tag.GetString()
        : item.TryGetProperty("@odata.etag", out var fieldsTag) ? fieldsTag.GetString()
        : item.TryGetProperty("fields", out var fields) && fields.TryGetProperty("@odata.etag", out var inner) ? inner.GetString()
        : null;

    public static string? Text(JsonElement fields, string name) =>
        fields.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static JsonElement Fields(JsonElement item) => item.TryGetProperty("fields", out var fields) ? fields : item;

    private static double? Number(JsonElement fields, string name) =>
        fields.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        } : null;

    private static RequestState? State(JsonElement fields, string name) =>
        Enum.TryParse<RequestState>(Text(fields, name), out var state) ? state : null;

    private static DateTimeOffset? Time(JsonElement fields, string name) =>
        DateTimeOffset.TryParse(Text(fields, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    private static DateOnly? Date(JsonElement fields, string name) =>
        Text(fields, name) is { Length: >= 10 } text && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static string TimeColumn(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string DateColumn(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

    private static JsonObject WithoutNulls(JsonObject fields)
    {
        foreach (var key in fields.Where(f => f.Value is null).Select(f => f.Key).ToList())
        {
            fields.Remove(key);
        }

        return fields;
    }

    /// <summary>The exact values, as JSON in <see cref="Requests.ExactValues"/> / <see cref="History.ExactValues"/>.</summary>
    private sealed record Exact
    {
        /// <summary>The state as the workflow recorded it; null on items written before it was recorded.</summary>
        public RequestState? State { get; init; }

        /// <summary>The assignee as the workflow recorded it (with <see cref="State"/>).</summary>
        public Person? Assignee { get; init; }

        public DateTimeOffset? FiledAt { get; init; }
        public DateTimeOffset? UpdatedAt { get; init; }
        public DateTimeOffset? CompletedAt { get; init; }
        public DateTimeOffset? At { get; init; }
        public DateOnly? TargetDate { get; init; }
        public DateOnly? RequestedDueDate { get; init; }
        public decimal? HoursSpent { get; init; }
        public RequestState? PreviousState { get; init; }

        /// <summary>The request's <see cref="PauseLog"/> as it writes it; null on items written before it was kept.</summary>
        public string? Pauses { get; init; }

        /// <summary>The history line of the change that wrote the item (see <see cref="ChangeFields"/>).</summary>
        public JsonObject? Line { get; init; }

        private static readonly JsonSerializerOptions Options = new()
        {
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        };

        public static Exact From(LegalRequest request) => new()
        {
            State = request.State,
            Assignee = request.AssignedTo,
            FiledAt = request.CreatedAt,
            UpdatedAt = request.UpdatedAt,
            CompletedAt = request.CompletedAt,
            TargetDate = request.TargetDate,
            RequestedDueDate = request.Details.RequestedDueDate,
            HoursSpent = request.HoursSpent,
            Pauses = request.Pauses?.Format(),
        };

        public string ToJson() => JsonSerializer.Serialize(this, Options);

        public static Exact Read(string? json)
        {
            if (json is null)
            {
                return new Exact();
            }

            try
            {
                return JsonSerializer.Deserialize<Exact>(json, Options) ?? new Exact();
            }
            catch (JsonException)
            {
                // Edited by hand into something else: the typed columns still hold every value.
                return new Exact();
            }
        }
    }
}
