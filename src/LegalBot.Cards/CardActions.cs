using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;

namespace LegalBot.Cards;

/// <summary>
/// The contract between the cards and the conversation layer: every <c>Action.Submit</c> carries
/// <see cref="ActionKey"/> with one of the action values below, plus the keys that action needs.
/// Teams delivers the data, merged with the form's input values, as the message activity's
/// <c>value</c> (and a null <c>text</c>). Nothing in it is trusted for authorization.
/// <para>
/// Workflow buttons are Universal Actions (<c>Action.Execute</c>): one verb per
/// <see cref="WorkflowAction"/> (see <see cref="Verb"/>), with <see cref="NumberKey"/> and
/// <see cref="VersionKey"/> as data, plus the action's inputs (see <see cref="InputId"/>). Each also
/// carries a fallback <c>Action.Submit</c> for clients without Universal Actions, whose data adds
/// <see cref="ActionKey"/> = <see cref="Workflow"/> and <see cref="VerbKey"/> = the verb.
/// </para>
/// </summary>
public static class CardActions
{
    // keys
    public const string ActionKey = "action";
    public const string TypeKey = "type";
    public const string DraftIdKey = "draftId";
    public const string IdKey = "id";
    public const string PageKey = "page";
    public const string PositionKey = "from";

    /// <summary>The longest continuation token a page button carries; a longer one is read as the first page.</summary>
    public const int MaxPageTokenLength = 2048;

    // actions
    /// <summary>A request type was picked; <see cref="TypeKey"/> holds its key.</summary>
    public const string IntakeType = "intake.type";

    /// <summary>The intake form was submitted; <see cref="DraftIdKey"/>, plus one entry per field name.</summary>
    public const string IntakeSubmit = "intake.submit";

    /// <summary>The requester confirmed the draft; <see cref="DraftIdKey"/>.</summary>
    public const string IntakeConfirm = "intake.confirm";

    /// <summary>The requester wants to change the draft; <see cref="DraftIdKey"/>.</summary>
    public const string IntakeEdit = "intake.edit";

    /// <summary>
    /// Opens the filing dialog from a group chat or channel: the button's data also carries Teams'
    /// <c>msteams: { type: "task/fetch" }</c>, so Teams sends a <c>task/fetch</c> invoke rather than a message.
    /// </summary>
    public const string IntakeDialog = "intake.dialog";

    /// <summary>
    /// Opens a workflow step whose form is long (an assignment with the candidates compared, a completion) in a Teams
    /// dialog: <see cref="VerbKey"/>, <see cref="NumberKey"/> and <see cref="VersionKey"/>, with Teams'
    /// <c>msteams: { type: "task/fetch" }</c>; the dialog's own submit carries the same keys and the step's inputs.
    /// </summary>
    public const string WorkDialog = "workflow.dialog";

    /// <summary>The requester abandoned the draft; <see cref="DraftIdKey"/>.</summary>
    public const string IntakeCancel = "intake.cancel";

    /// <summary>Show one request; <see cref="IdKey"/> holds its number, such as <c>LR-1042</c>.</summary>
    public const string Status = "status";

    /// <summary>
    /// Send one of a request's documents through Teams' file consent card; <see cref="IdKey"/> holds the document's id.
    /// Whether the sender may have it is decided from the sender, never from this data.
    /// </summary>
    public const string DocumentGet = "document.get";

    /// <summary>
    /// Another page of the requester's list: <see cref="PageKey"/> holds the store's continuation token (none for
    /// the first page), <see cref="PositionKey"/> how many rows came before it, as a decimal string.
    /// </summary>
    public const string RequestsPage = "requests.page";

    /// <summary>Another page of an ALSP professional's assignments, as <see cref="RequestsPage"/>.</summary>
    public const string AssignmentsPage = "assignments.page";

    /// <summary>
    /// The fallback of a workflow button, from a client without Universal Actions: <see cref="VerbKey"/>,
    /// <see cref="NumberKey"/>, <see cref="VersionKey"/> and the action's inputs, as the verb would carry.
    /// </summary>
    public const string Workflow = "workflow";

    /// <summary>
    /// A scorecard picked from a list: <see cref="SubjectKey"/> names it (<c>professional:</c> and an AAD object id, or
    /// <c>firm:</c> and a firm's name), <see cref="PeriodKey"/> the period as typed. Looked up again, not trusted.
    /// </summary>
    public const string Scorecard = "scorecard";

    public const string SubjectKey = "subject";
    public const string PeriodKey = "period";

    /// <summary>The metrics card for the default period (legal staff; anyone else is told it is for the legal team).</summary>
    public const string Metrics = "metrics";

    public const string NewRequest = "newRequest";
    public const string MyRequests = "myRequests";
    public const string Help = "help";

    // Universal Actions: data keys
    /// <summary>The request number, such as <c>LR-1042</c>.</summary>
    public const string NumberKey = "number";

    /// <summary>
    /// The <see cref="LegalRequest.Version"/> the card was rendered from, as a decimal string: a click on a
    /// card older than the request is refused, and the current card is shown instead.
    /// </summary>
    public const string VersionKey = "version";

    /// <summary>In the fallback submit's data: the verb the <c>Action.Execute</c> would have sent.</summary>
    public const string VerbKey = "verb";

    /// <summary>Where a workflow button is: absent on the request card, <see cref="NoticeSource"/> on a notice.</summary>
    public const string SourceKey = "source";

    /// <summary>A button on a notice (a question quoted with an answer box): answered with a line, not the request card.</summary>
    public const string NoticeSource = "notice";

    /// <summary>
    /// The refresh of a request card shared into a conversation from the search: a viewer who may not see the request
    /// is answered with the shared card saying so (<see cref="Builders.SharedRequestCard.NotVisible"/>), not a line.
    /// </summary>
    public const string SharedSource = "shared";

    // Universal Actions: what the inputs collect (see InputId for the ids the card gives them)
    /// <summary>The AAD object id of the ALSP professional picked for <see cref="WorkflowAction.Assign"/> or <see cref="WorkflowAction.Reassign"/>.</summary>
    public const string AssigneeField = "assignee";

    /// <summary>Free text: a question, an answer, a reason, an outcome or a rating comment.</summary>
    public const string NoteField = "note";

    /// <summary>Hours spent, a decimal number with a dot, within <see cref="Core.Requests.RequestRules.MinHours"/> to <see cref="Core.Requests.RequestRules.MaxHours"/>.</summary>
    public const string HoursField = "hours";

    /// <summary>A whole number within <see cref="Core.Requests.RequestRules.MinRating"/> to <see cref="Core.Requests.RequestRules.MaxRating"/>.</summary>
    public const string RatingField = "rating";

    // Universal Actions: verbs
    /// <summary>Sent by Teams for the card's <c>refresh</c>: answer with the card as this viewer should see it.</summary>
    public const string RefreshVerb = "request.refresh";

    public const string AssignVerb = "request.assign";
    public const string ReassignVerb = "request.reassign";
    public const string KeepInHouseVerb = "request.keepInHouse";
    public const string AskForInfoVerb = "request.askForInfo";
    public const string ProvideInfoVerb = "request.provideInfo";
    public const string RejectVerb = "request.reject";
    public const string AcceptVerb = "request.accept";
    public const string DeclineVerb = "request.decline";
    public const string AskRequesterVerb = "request.askRequester";
    public const string AnswerVerb = "request.answer";
    public const string CompleteVerb = "request.complete";
    public const string CancelVerb = "request.cancel";
    public const string RateVerb = "request.rate";
    public const string AcceptRequestedDateVerb = "request.acceptRequestedDate";

    private static readonly FrozenDictionary<WorkflowAction, string> Verbs = new Dictionary<WorkflowAction, string>
    {
        [WorkflowAction.Assign] = AssignVerb,
        [WorkflowAction.Reassign] = ReassignVerb,
        [WorkflowAction.KeepInHouse] = KeepInHouseVerb,
        [WorkflowAction.AskForInfo] = AskForInfoVerb,
        [WorkflowAction.ProvideInfo] = ProvideInfoVerb,
        [WorkflowAction.Reject] = RejectVerb,
        [WorkflowAction.Accept] = AcceptVerb,
        [WorkflowAction.Decline] = DeclineVerb,
        [WorkflowAction.AskRequester] = AskRequesterVerb,
        [WorkflowAction.Answer] = AnswerVerb,
        [WorkflowAction.Complete] = CompleteVerb,
        [WorkflowAction.Cancel] = CancelVerb,
        [WorkflowAction.Rate] = RateVerb,
        [WorkflowAction.AcceptRequestedDate] = AcceptRequestedDateVerb,
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, WorkflowAction> Actions =
        Verbs.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Every workflow verb with its action (not <see cref="RefreshVerb"/>).</summary>
    public static IReadOnlyDictionary<string, WorkflowAction> WorkflowVerbs => Actions;

    /// <summary>The <c>Action.Execute</c> verb of a workflow action.</summary>
    public static string Verb(WorkflowAction action) =>
        Verbs.TryGetValue(action, out var verb) ? verb : throw new ArgumentOutOfRangeException(nameof(action), action, "No verb for this workflow action.");

    /// <summary>The workflow action a verb stands for; false for <see cref="RefreshVerb"/> and unknown verbs (verbs are case-sensitive).</summary>
    public static bool TryGetAction([NotNullWhen(true)] string? verb, out WorkflowAction action)
    {
        action = default;
        return verb is not null && Actions.TryGetValue(verb, out action);
    }

    /// <summary>
    /// The id a workflow card gives the input that collects <paramref name="field"/> for
    /// <paramref name="action"/>, such as <c>request.reject.note</c>: the verb, a dot and the field. One card
    /// may hold several notes (ask for info, reject, cancel), and input ids must be unique in a card.
    /// </summary>
    public static string InputId(WorkflowAction action, string field)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        return Verb(action) + "." + field;
    }

    /// <summary>The data of every workflow <c>Action.Execute</c> and of the card's refresh.</summary>
    public static IReadOnlyDictionary<string, string> RequestData(RequestNumber number, int version) =>
        new Dictionary<string, string>(2, StringComparer.Ordinal)
        {
            [NumberKey] = number.ToString(),
            [VersionKey] = version.ToString(CultureInfo.InvariantCulture),
        };

    /// <summary>The data of a workflow button's fallback submit: <see cref="Workflow"/>, the verb, then <paramref name="executeData"/>.</summary>
    public static IReadOnlyDictionary<string, string> FallbackData(string verb, IReadOnlyDictionary<string, string> executeData)
    {
        ArgumentException.ThrowIfNullOrEmpty(verb);
        ArgumentNullException.ThrowIfNull(executeData);
        var data = new Dictionary<string, string>(executeData.Count + 2, StringComparer.Ordinal) { [ActionKey] = Workflow, [VerbKey] = verb };
        foreach (var (key, value) in executeData)
        {
            data.Add(key, value);
        }

        return data;
    }

    /// <summary>The data of a submit action: <see cref="ActionKey"/> first, then the given pairs.</summary>
    public static IReadOnlyDictionary<string, string> Data(string action, params ReadOnlySpan<(string Key, string Value)> extra)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        var data = new Dictionary<string, string>(extra.Length + 1, StringComparer.Ordinal) { [ActionKey] = action };
        foreach (var (key, value) in extra)
        {
            data.Add(key, value);
        }

        return data;
    }
}
