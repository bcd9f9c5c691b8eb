using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;

namespace LegalBot.Cards;

/// <summary>What the legal team reads about edits made to requests in Microsoft Lists, outside the bot.</summary>
public static class OutsideEditText
{
    /// <summary>The history note of a move taken in from the list.</summary>
    public const string TakenInNote = "Changed in Microsoft Lists.";

    /// <summary>
    /// "Legal Ops Lead changed LR-1042 from Assigned to Completed in Microsoft Lists, which … It is back to Assigned;
    /// please use the request's card." Never quotes what was typed into the list.
    /// </summary>
    public static string PutBack(RequestNumber number, Person? editor, RequestState recorded, RequestState? edited, OutsideEditRefusal reason)
    {
        var who = editor is { Name.Length: > 0 } ? editor.Name : "Someone";
        var what = reason switch
        {
            OutsideEditRefusal.AssigneeChanged => $"{who} changed who {number} is assigned to in Microsoft Lists",
            _ when edited is { } to => $"{who} changed {number} from {recorded.Describe()} to {to.Describe()} in Microsoft Lists",
            _ => $"{who} changed the state of {number} in Microsoft Lists to something that is not a state",
        };
        var why = reason switch
        {
            OutsideEditRefusal.NotLegalStaff => editor is null
                ? "but the list does not say who, and only legal staff may move a request there."
                : "but only legal staff may move a request there.",
            OutsideEditRefusal.AssigneeChanged => "but assignments are made on the request's card, so the professional is told.",
            OutsideEditRefusal.NotAState => "which the bot cannot read.",
            _ => "which is not a move legal staff can make from the list.",
        };
        var back = $"It is back to {recorded.Describe()}";
        return $"{what}, {why} {back}; please use the request's card to move it on.";
    }

    /// <summary>A request's item deleted from the list: the bot can no longer show it.</summary>
    public static string Deleted(RequestNumber number) =>
        $"{number} was deleted from the requests list in Microsoft Lists, so nobody can see or move it in Teams now. "
        + "To bring it back, restore it from the site's recycle bin.";
}
