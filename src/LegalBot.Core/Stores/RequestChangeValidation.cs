using LegalBot.Core.Requests;

namespace LegalBot.Core.Stores;

/// <summary>What every request store refuses in a <see cref="RequestChange"/> before writing anything.</summary>
public static class RequestChangeValidation
{
    /// <summary>Throws for a change without an actor or action, an assignee without id or name, negative hours, or a rating out of range.</summary>
    public static void EnsureValid(this RequestChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(change.Actor, nameof(change));
        ArgumentException.ThrowIfNullOrWhiteSpace(change.Actor.AadObjectId, nameof(change));
        ArgumentException.ThrowIfNullOrWhiteSpace(change.Action, nameof(change));
        if (change.ChangesAssignee && change.Assignee is { } assignee)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(assignee.AadObjectId, nameof(change));
            ArgumentNullException.ThrowIfNull(assignee.Name, nameof(change));
        }

        if (change.HoursSpent is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(change), change.HoursSpent, "Hours spent cannot be negative.");
        }

        if (change.Rating is { } given && !RequestRules.IsValidRating(given))
        {
            throw new ArgumentOutOfRangeException(nameof(change), change.Rating, $"A rating is from {RequestRules.MinRating} to {RequestRules.MaxRating}.");
        }
    }
}
