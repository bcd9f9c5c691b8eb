using LegalBot.Application.Profiles;
using LegalBot.Cards;
using LegalBot.Cards.Builders;
using LegalBot.Cards.Model;
using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Application.Requests;

/// <summary>What a filing dialog does next.</summary>
public abstract record DialogStep
{
    /// <summary>Show this card in the dialog (the first step, the form, or the form again with what needs fixing).</summary>
    public sealed record Show(AdaptiveCard Card) : DialogStep;

    /// <summary>The request is filed (or was already, for this draft): close the dialog and confirm.</summary>
    public sealed record Filed(CreateResult Result) : DialogStep;

    /// <summary>Nothing can go on from this submission (altered, expired or out of place): say so in the dialog.</summary>
    public sealed record Refused(string Message) : DialogStep;
}

/// <summary>
/// Filing in a Teams dialog (a message extension's action, or a button in a group chat or channel): first the type
/// and the description (prefilled from a message), then that type's form, which files on submit with the bot chat's
/// rules (<see cref="IntakeForm"/>) and its filing (<see cref="RequestFiling"/>). A dialog keeps no state between
/// steps, so each card carries the draft id and the type; the idempotency key is made from the draft id and the
/// submitter's own id, so a forged or repeated id can only ever return the submitter's own request.
/// </summary>
public sealed class DialogIntake(RequestTypeCatalog catalog, RequestFiling filing, RequesterProfiles profiles)
{
    public const string Title = "Send to legal";

    public const string ExpiredMessage = "This form has expired or was changed. Please close it and start again.";

    /// <summary>The first step: the type to choose, the description prefilled.</summary>
    public DialogStep Start(string? description) =>
        new DialogStep.Show(DialogStartCard.Build(new DialogStartModel(catalog.Types, description, Guid.NewGuid().ToString("N"))));

    /// <summary>A submission from the dialog: <paramref name="data"/> is the button's data merged with the card's inputs.</summary>
    public async Task<DialogStep> ContinueAsync(Person submitter, string? tenantId, IReadOnlyDictionary<string, string> data, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submitter);
        ArgumentNullException.ThrowIfNull(data);
        var draftId = data.GetValueOrDefault(CardActions.DraftIdKey);
        if (!IsDraftId(draftId))
        {
            return new DialogStep.Refused(ExpiredMessage);
        }

        var type = catalog.Find(data.GetValueOrDefault(CardActions.TypeKey));
        var description = data.GetValueOrDefault(CommonFields.Description);
        switch (data.GetValueOrDefault(CardActions.ActionKey))
        {
            case CardActions.IntakeType when type is null:
                return new DialogStep.Show(DialogStartCard.Build(new DialogStartModel(catalog.Types, description, draftId!, "Choose a request type.")));
            case CardActions.IntakeType:
                var values = new Dictionary<string, string> { [CommonFields.Priority] = type.DefaultPriority.ToString() };
                if (!string.IsNullOrWhiteSpace(description))
                {
                    values[CommonFields.Description] = description.Length > RequestTypeCatalog.DescriptionMaxLength ? description[..RequestTypeCatalog.DescriptionMaxLength] : description;
                }

                // The business unit the submitter's department maps to, prefilled (read within the profile timeout).
                if (await profiles.BusinessUnitAsync(submitter.AadObjectId, cancellationToken) is { } unit)
                {
                    values[CommonFields.BusinessUnit] = unit;
                }

                return new DialogStep.Show(Form(type, values, new Dictionary<string, string>(), draftId!, today));
            case CardActions.IntakeSubmit when type is null:
                return new DialogStep.Refused(ExpiredMessage);
            case CardActions.IntakeSubmit:
                var fields = CommonFields.For(type, catalog.BusinessUnits);
                var form = IntakeForm.Check(fields, data, today);
                if (!form.IsValid)
                {
                    return new DialogStep.Show(Form(type, form.Shown, form.Errors, draftId!, today));
                }

                var result = await filing.FileAsync(
                    new FileRequestCommand(SubmissionKey(submitter, draftId!), type, IntakeForm.Draft(type, form.Values), submitter, tenantId, now, OutsideChat: true),
                    cancellationToken);
                return new DialogStep.Filed(result);
            default:
                return new DialogStep.Refused("That button doesn't apply here. Please close this dialog and start again.");
        }
    }

    /// <summary>The draft's idempotency key, the submitter's own: another person's draft id gives another key.</summary>
    public static string SubmissionKey(Person submitter, string draftId) => $"dialog:{submitter.AadObjectId}:{draftId}";

    private AdaptiveCard Form(RequestType type, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> errors, string draftId, DateOnly today) =>
        IntakeFormCard.Build(new IntakeFormModel(type, CommonFields.For(type, catalog.BusinessUnits), values, errors, draftId, today, InDialog: true));

    /// <summary>The draft ids <see cref="Start"/> makes: 32 lowercase hex digits.</summary>
    private static bool IsDraftId(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);
}
