namespace LegalBot.Cards;

/// <summary>
/// The contract between the cards and the conversation layer: every <c>Action.Submit</c> carries
/// <see cref="ActionKey"/> with one of the action values below, plus the keys that action needs.
/// Teams delivers the data, merged with the form's input values, as the message activity's
/// <c>value</c> (and a null <c>text</c>). Nothing in it is trusted for authorization.
/// </summary>
public static class CardActions
{
    // keys
    public const string ActionKey = "action";
    public const string TypeKey = "type";
    public const string DraftIdKey = "draftId";
    public const string IdKey = "id";
    public const string SkipKey = "skip";

    // actions
    /// <summary>A request type was picked; <see cref="TypeKey"/> holds its key.</summary>
    public const string IntakeType = "intake.type";

    /// <summary>The intake form was submitted; <see cref="DraftIdKey"/>, plus one entry per field name.</summary>
    public const string IntakeSubmit = "intake.submit";

    /// <summary>The requester confirmed the draft; <see cref="DraftIdKey"/>.</summary>
    public const string IntakeConfirm = "intake.confirm";

    /// <summary>The requester wants to change the draft; <see cref="DraftIdKey"/>.</summary>
    public const string IntakeEdit = "intake.edit";

    /// <summary>The requester abandoned the draft; <see cref="DraftIdKey"/>.</summary>
    public const string IntakeCancel = "intake.cancel";

    /// <summary>Show one request; <see cref="IdKey"/> holds its number, such as <c>LR-1042</c>.</summary>
    public const string Status = "status";

    /// <summary>Another page of the requester's list; <see cref="SkipKey"/> holds the offset as a decimal string.</summary>
    public const string RequestsPage = "requests.page";

    public const string NewRequest = "newRequest";
    public const string MyRequests = "myRequests";
    public const string Help = "help";

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
