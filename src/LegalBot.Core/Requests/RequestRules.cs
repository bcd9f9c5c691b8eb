namespace LegalBot.Core.Requests;

/// <summary>
/// The business rules on a request's figures, defined once: the cards take their input limits and error texts
/// from here, the services check them, and the stores' own checks and figures must agree with them.
/// </summary>
public static class RequestRules
{
    /// <summary>The fewest hours a completion may log.</summary>
    public const decimal MinHours = 0.25m;

    /// <summary>The most hours a completion may log.</summary>
    public const decimal MaxHours = 1000m;

    public const int MinRating = 1;
    public const int MaxRating = 5;

    /// <summary>The longest note (a question, an answer, a reason, an outcome) a change may carry.</summary>
    public const int MaxNoteLength = 2000;

    /// <summary>
    /// The most users a card's <c>refresh.userIds</c> may name: Teams refreshes a card automatically for at most
    /// 60 users.
    /// </summary>
    public const int MaxRefreshUsers = 60;

    /// <summary>The most requests one page of a listing holds; stores clamp a larger page to this.</summary>
    public const int MaxPageSize = 50;

    /// <summary>
    /// The most requests one page of the listing of every request (<c>IRequestStore.ListRecentAsync</c>) holds: what
    /// the message extension's search reads for legal staff in one store query per keystroke.
    /// </summary>
    public const int MaxRecentPageSize = 200;

    /// <summary>The states in which a request is an ALSP professional's open assignment.</summary>
    public static IReadOnlyList<RequestState> OpenStates { get; } = [RequestState.Assigned, RequestState.InProgress, RequestState.WaitingOnRequester];

    /// <summary>True while the request is with an ALSP professional and not yet finished.</summary>
    public static bool IsOpen(this RequestState state) => state is RequestState.Assigned or RequestState.InProgress or RequestState.WaitingOnRequester;

    public static bool IsValidHours(decimal hours) => hours is >= MinHours and <= MaxHours;

    public static bool IsValidRating(int rating) => rating is >= MinRating and <= MaxRating;

    /// <summary>
    /// Completed on or before its target date: the calendar date of the completion as stamped (changes are
    /// stamped in UTC) is not after the target date. False for a request that is not completed.
    /// </summary>
    public static bool IsCompletedOnTime(this LegalRequest request) =>
        request.State == RequestState.Completed && request.CompletedAt is { } at && DateOnly.FromDateTime(at.DateTime) <= request.TargetDate;
}
