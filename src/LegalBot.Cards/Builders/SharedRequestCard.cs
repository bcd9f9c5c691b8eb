using LegalBot.Core.Requests;
using LegalBot.Cards.Model;
using static LegalBot.Cards.CardParts;

namespace LegalBot.Cards.Builders;

/// <summary>
/// A request card shared into a conversation from the message extension's search. What is posted carries the
/// request's number and nothing else; its <c>refresh</c> (Universal Actions) asks the bot for each listed viewer's
/// own view, so the people who may see the request (listed in the refresh) see its card
/// with what their role allows, and everyone else sees this card, which says only that it is private.
/// </summary>
public static class SharedRequestCard
{
    private const string Private = "Only the requester, the legal team and the professional working on it can see its details.";

    /// <param name="refreshUserIds">Teams user MRIs of the people who may see the request (at most 60 are kept).</param>
    public static AdaptiveCard Build(RequestNumber number, IEnumerable<string> refreshUserIds)
    {
        ArgumentNullException.ThrowIfNull(refreshUserIds);
        var data = new Dictionary<string, string>
        {
            [CardActions.NumberKey] = number.ToString(),
            [CardActions.SourceKey] = CardActions.SharedSource,
        };
        return Card(
            [
                Heading($"Legal request {number}"),
                Text("Shared from LegalBot. " + Private),
            ],
            null,
            $"Legal request {number}, shared from LegalBot.") with
        {
            Refresh = new CardRefresh(new ExecuteAction("Refresh", CardActions.RefreshVerb, data), refreshUserIds),
        };
    }

    /// <summary>What a viewer who may not see the request is shown in its place: the number, and that it is private.</summary>
    public static AdaptiveCard NotVisible(RequestNumber number) =>
        Card(
            [
                Heading($"Legal request {number}"),
                Text("You can't see this request. " + Private),
            ],
            null,
            $"Legal request {number}: you can't see this request.");
}
