namespace LegalBot.Store.Graph;

/// <summary>The type of a list column, as the store writes and reads it.</summary>
public enum ColumnType
{
    /// <summary>Single line of text (at most 255 characters).</summary>
    Text,

    /// <summary>Multiple lines of plain text.</summary>
    Note,

    Number,

    /// <summary>Date and time, stored in UTC.</summary>
    DateTime,

    /// <summary>A date without a time of day.</summary>
    DateOnly,
}

/// <summary>
/// A column the store needs: its internal name (stable: the store and Power BI reports use it), label, type, whether
/// it is indexed, and whether SharePoint refuses a value another item already has (which needs the index).
/// </summary>
public sealed record ColumnSpec(string Name, string DisplayName, ColumnType Type, bool Indexed = false, bool Unique = false);

/// <summary>A list the store needs and its columns (besides the built-in Title).</summary>
public sealed record ListSpec(string Key, IReadOnlyList<ColumnSpec> Columns)
{
    /// <summary>SharePoint's limit of indexed columns per list.</summary>
    public const int MaxIndexedColumns = 20;

    public IEnumerable<ColumnSpec> Indexed => Columns.Where(c => c.Indexed);
}

/// <summary>
/// The column internal names of both lists, in one place. Every column the store filters or sorts on is indexed:
/// past SharePoint's list view threshold (5,000 items) a query on any other column fails.
/// </summary>
public static class ListSchema
{
    /// <summary>The "Legal Requests" list: one item per request, its Title the request's title.</summary>
    public static class Requests
    {
        public const string Title = "Title";
        public const string RequestNumber = "RequestNumber";
        public const string TypeKey = "TypeKey";
        public const string Description = "RequestDescription";
        public const string BusinessUnit = "BusinessUnit";
        public const string Counterparty = "Counterparty";
        public const string Priority = "RequestPriority";
        public const string RequestedDueDate = "RequestedDueDate";
        public const string TypeFields = "TypeFields";
        public const string State = "RequestState";
        public const string RequesterId = "RequesterId";
        public const string RequesterName = "RequesterName";
        public const string RequesterEmail = "RequesterEmail";
        public const string AssigneeId = "AssigneeId";
        public const string AssigneeName = "AssigneeName";
        public const string AssigneeEmail = "AssigneeEmail";

        /// <summary>The assignee while the request is open with them (assigned, in progress, waiting), else empty: "my assignments" filters on it alone.</summary>
        public const string OpenAssigneeId = "OpenAssigneeId";
        public const string TeamsTenantId = "TeamsTenantId";
        public const string TargetDate = "TargetDate";
        public const string FiledAt = "FiledAt";
        public const string UpdatedAt = "UpdatedAt";
        public const string CompletedAt = "CompletedAt";
        public const string RequestVersion = "RequestVersion";
        public const string ChangeId = "ChangeId";
        public const string SubmissionKey = "SubmissionKey";
        public const string HoursSpent = "HoursSpent";
        public const string Rating = "Rating";
        public const string RatingComment = "RatingComment";

        /// <summary>
        /// The values a typed column cannot hold exactly (times with their offset and sub-second part, hours as a
        /// decimal), as JSON; the typed columns carry the same values for views and reports.
        /// </summary>
        public const string ExactValues = "ExactValues";
    }

    /// <summary>The "Legal Request History" list: append-only, one item per history line, linked by request number.</summary>
    public static class History
    {
        public const string Title = "Title";
        public const string RequestNumber = "RequestNumber";
        public const string RequestVersion = "RequestVersion";
        public const string Action = "HistoryAction";
        public const string ActorId = "ActorId";
        public const string ActorName = "ActorName";
        public const string ActorEmail = "ActorEmail";
        public const string At = "HistoryAt";
        public const string FromState = "FromState";
        public const string ToState = "ToState";
        public const string Note = "HistoryNote";
        public const string ChangeId = "ChangeId";
        public const string AssigneeId = "AssigneeId";
        public const string AssigneeName = "AssigneeName";
        public const string AssigneeEmail = "AssigneeEmail";
        public const string HoursSpent = "HoursSpent";
        public const string Rating = "Rating";

        /// <summary>The due date the change set (legal staff accepting the requester's earlier date).</summary>
        public const string TargetDate = "TargetDate";

        /// <summary>As <see cref="Requests.ExactValues"/>: the time with its offset, the hours as a decimal.</summary>
        public const string ExactValues = "ExactValues";
    }

    /// <summary>
    /// The "ALSP Roster" list: one item per ALSP professional, its Title their name. It describes the ALSP group's
    /// members (firm, specialties, rate, capacity); the group decides who is one.
    /// </summary>
    public static class Roster
    {
        public const string Title = "Title";

        /// <summary>The professional's Microsoft Entra object id (a guest's too), as in the group.</summary>
        public const string ProfessionalId = "ProfessionalId";
        public const string Email = "ProfessionalEmail";
        public const string Firm = "ProviderFirm";

        /// <summary>Request type keys (the catalog's), separated by commas or semicolons.</summary>
        public const string Specialties = "Specialties";
        public const string HourlyRate = "HourlyRate";
        public const string WeeklyCapacity = "WeeklyCapacity";
    }

    public static ListSpec RequestsList { get; } = new("requests",
    [
        new(Requests.RequestNumber, "Request number", ColumnType.Text, Indexed: true),
        new(Requests.TypeKey, "Type", ColumnType.Text),
        new(Requests.Description, "Description", ColumnType.Note),
        new(Requests.BusinessUnit, "Business unit", ColumnType.Text),
        new(Requests.Counterparty, "Counterparty", ColumnType.Text),
        new(Requests.Priority, "Priority", ColumnType.Text),
        new(Requests.RequestedDueDate, "Requested due date", ColumnType.DateOnly),
        new(Requests.TypeFields, "Type-specific answers", ColumnType.Note),
        new(Requests.State, "State", ColumnType.Text, Indexed: true),
        new(Requests.RequesterId, "Requester id", ColumnType.Text, Indexed: true),
        new(Requests.RequesterName, "Requester", ColumnType.Text),
        new(Requests.RequesterEmail, "Requester email", ColumnType.Text),
        new(Requests.AssigneeId, "Assignee id", ColumnType.Text, Indexed: true),
        new(Requests.AssigneeName, "Assignee", ColumnType.Text),
        new(Requests.AssigneeEmail, "Assignee email", ColumnType.Text),
        new(Requests.OpenAssigneeId, "Open with (id)", ColumnType.Text, Indexed: true),
        new(Requests.TeamsTenantId, "Tenant id", ColumnType.Text),
        new(Requests.TargetDate, "Target date", ColumnType.DateOnly),
        new(Requests.FiledAt, "Filed at", ColumnType.DateTime),
        new(Requests.UpdatedAt, "Updated at", ColumnType.DateTime),
        new(Requests.CompletedAt, "Completed at", ColumnType.DateTime),
        new(Requests.RequestVersion, "Version", ColumnType.Number),
        new(Requests.ChangeId, "Last change id", ColumnType.Text, Indexed: true),
        new(Requests.SubmissionKey, "Submission key", ColumnType.Text, Indexed: true, Unique: true),
        new(Requests.HoursSpent, "Hours spent", ColumnType.Number),
        new(Requests.Rating, "Rating", ColumnType.Number),
        new(Requests.RatingComment, "Rating comment", ColumnType.Note),
        new(Requests.ExactValues, "Exact values", ColumnType.Note),
    ]);

    public static ListSpec HistoryList { get; } = new("history",
    [
        new(History.RequestNumber, "Request number", ColumnType.Text, Indexed: true),
        new(History.RequestVersion, "Version", ColumnType.Number),
        new(History.Action, "Action", ColumnType.Text),
        new(History.ActorId, "Actor id", ColumnType.Text),
        new(History.ActorName, "Actor", ColumnType.Text),
        new(History.ActorEmail, "Actor email", ColumnType.Text),
        new(History.At, "At", ColumnType.DateTime),
        new(History.FromState, "From state", ColumnType.Text),
        new(History.ToState, "To state", ColumnType.Text),
        new(History.Note, "Note", ColumnType.Note),
        new(History.ChangeId, "Change id", ColumnType.Text, Indexed: true),
        new(History.AssigneeId, "Assignee id", ColumnType.Text),
        new(History.AssigneeName, "Assignee", ColumnType.Text),
        new(History.AssigneeEmail, "Assignee email", ColumnType.Text),
        new(History.HoursSpent, "Hours spent", ColumnType.Number),
        new(History.Rating, "Rating", ColumnType.Number),
        new(History.TargetDate, "Due date set", ColumnType.DateOnly),
        new(History.ExactValues, "Exact values", ColumnType.Note),
    ]);

    public static ListSpec RosterList { get; } = new("roster",
    [
        new(Roster.ProfessionalId, "Professional id", ColumnType.Text, Indexed: true, Unique: true),
        new(Roster.Email, "Email", ColumnType.Text),
        new(Roster.Firm, "Provider firm", ColumnType.Text),
        new(Roster.Specialties, "Specialties (type keys)", ColumnType.Text),
        new(Roster.HourlyRate, "Hourly rate", ColumnType.Number),
        new(Roster.WeeklyCapacity, "Weekly capacity", ColumnType.Number),
    ]);
}
