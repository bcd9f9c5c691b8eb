using LegalBot.Cards.Builders;
using LegalBot.Cards.Model;
using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Cards.Tests;

/// <summary>Every card variant worth checking: each builder with empty, typical, maximal and hostile data.</summary>
internal static class CardGallery
{
    public static IEnumerable<(string Name, AdaptiveCard Card)> All()
    {
        yield return ("welcome", WelcomeCard.Build("Adele Vance", isLegalStaff: false));
        yield return ("welcome-staff", WelcomeCard.Build("Megan Bowen", isLegalStaff: true));
        yield return ("welcome-empty-name", WelcomeCard.Build("", isLegalStaff: false));
        yield return ("welcome-hostile", WelcomeCard.Build(Samples.Hostile, isLegalStaff: false));

        yield return ("help", HelpCard.Build(isLegalStaff: false));
        yield return ("help-staff", HelpCard.Build(isLegalStaff: true));

        yield return ("types", TypePickerCard.Build(Samples.Types));
        yield return ("types-none", TypePickerCard.Build([]));
        yield return ("types-one", TypePickerCard.Build([Samples.Advice]));
        yield return ("types-many", TypePickerCard.Build([.. Enumerable.Range(1, 12).Select(i => new RequestType { Key = $"t{i}", Name = $"Type {i}", Description = $"Description {i}" })]));

        yield return ("form-nda-empty", IntakeFormCard.Build(Form(Samples.Nda, new Dictionary<string, string>(), new Dictionary<string, string>())));
        yield return ("form-every-kind-empty", IntakeFormCard.Build(Form(Samples.ContractReview, new Dictionary<string, string>(), new Dictionary<string, string>())));
        yield return ("form-every-kind-filled", IntakeFormCard.Build(Form(Samples.ContractReview, FilledValues(), new Dictionary<string, string>())));
        yield return ("form-every-kind-errors", IntakeFormCard.Build(Form(Samples.ContractReview, FilledValues(), AllErrors(Samples.ContractReview))));
        yield return ("form-hostile", IntakeFormCard.Build(Form(Samples.ContractReview, HostileValues(Samples.ContractReview, Samples.Hostile), AllErrors(Samples.ContractReview, Samples.Hostile))));
        yield return ("form-no-fields", IntakeFormCard.Build(new IntakeFormModel(Samples.Advice, [], new Dictionary<string, string>(), new Dictionary<string, string> { ["form"] = "This form has expired." }, "d-1", Samples.Today)));

        yield return ("confirm", ConfirmationCard.Build(Confirmation([("Title", "Supplier NDA"), ("Description", "Before the roadmap meeting."), ("Mutual NDA?", "Yes")])));
        yield return ("confirm-empty", ConfirmationCard.Build(Confirmation([])));
        yield return ("confirm-hostile", ConfirmationCard.Build(Confirmation([("Title", Samples.Hostile), ("Description", Samples.Hostile + "\n1. one\n- two")])));

        yield return ("details", RequestDetailsCard.Build(Samples.Request(), "NDA"));
        yield return ("details-filed", RequestDetailsCard.Build(Samples.Request(dueDate: new DateOnly(2026, 12, 5)), "NDA", "Request filed"));
        yield return ("details-assigned", RequestDetailsCard.Build(Samples.Request(state: RequestState.Assigned, assignedTo: new Person("aad-alex", "Alex Wilber"), counterparty: null), "NDA", "Already filed", [("Mutual NDA?", "Yes")]));
        yield return ("details-hostile", RequestDetailsCard.Build(Samples.Request(title: Samples.Hostile, description: Samples.Hostile, counterparty: Samples.Hostile, requesterName: Samples.Hostile, assignedTo: new Person("x", Samples.Hostile)), Samples.Hostile, Samples.Hostile, [(Samples.Hostile, Samples.Hostile)]));

        yield return ("requests-empty", MyRequestsCard.Build(new MyRequestsModel(Samples.Page(0, 0, 0), Samples.TypeName)));
        yield return ("requests-one-page", MyRequestsCard.Build(new MyRequestsModel(Samples.Page(3, 3, 0), Samples.TypeName)));
        yield return ("requests-first-of-many", MyRequestsCard.Build(new MyRequestsModel(Samples.Page(10, 25, 0), Samples.TypeName)));
        yield return ("requests-middle", MyRequestsCard.Build(new MyRequestsModel(Samples.Page(10, 25, 10), Samples.TypeName)));
        yield return ("requests-last", MyRequestsCard.Build(new MyRequestsModel(Samples.Page(5, 25, 20), Samples.TypeName)));
        yield return ("requests-past-end", MyRequestsCard.Build(new MyRequestsModel(Samples.Page(0, 25, 30), Samples.TypeName)));

        foreach (var card in Maximal(Samples.Worst))
        {
            yield return card;
        }
    }

    /// <summary>Each builder with every piece of user text at its longest (and beyond), made of <paramref name="text"/>.</summary>
    public static IEnumerable<(string Name, AdaptiveCard Card)> Maximal(Func<int, string> text)
    {
        yield return ("welcome-maximal", WelcomeCard.Build(text(4000), isLegalStaff: true));
        yield return ("types-maximal", TypePickerCard.Build([.. Enumerable.Range(1, 20).Select(i => new RequestType { Key = $"t{i}", Name = $"Type {i}", Description = $"What type {i} is for, in a sentence or two." })]));
        yield return ("form-maximal", IntakeFormCard.Build(MaximalForm(text)));
        yield return ("confirm-maximal", ConfirmationCard.Build(MaximalConfirmation(text)));
        yield return ("details-maximal", MaximalDetails(text));
        yield return ("requests-maximal", MaximalRequests(text));
    }

    public static IntakeFormModel Form(RequestType type, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> errors) =>
        new(type, CommonFields.For(type, Samples.BusinessUnits), values, errors, "draft-7", Samples.Today);

    public static Dictionary<string, string> FilledValues() => new()
    {
        [CommonFields.Title] = "Supplier agreement with Fabrikam",
        [CommonFields.Description] = "Three-year supply agreement.\nThey sent their paper.",
        [CommonFields.BusinessUnit] = "r&d",
        [CommonFields.Counterparty] = "Fabrikam Inc.",
        [CommonFields.Priority] = "Normal",
        [CommonFields.DueDate] = "2026-12-05",
        ["contractValue"] = "250000.50",
        ["fee"] = "12",
        ["renewal"] = "true",
        ["jurisdiction"] = "New York",
        ["region"] = "EMEA",
        ["signBy"] = "2027-01-15",
        ["notes"] = "Watch the liability cap.",
        ["reference"] = "PO-778",
    };

    public static Dictionary<string, string> HostileValues(RequestType type, string text) =>
        CommonFields.For(type, Samples.BusinessUnits).ToDictionary(f => f.Name, _ => text);

    public static Dictionary<string, string> AllErrors(RequestType type, string? text = null) =>
        CommonFields.For(type, Samples.BusinessUnits).ToDictionary(f => f.Name, f => text ?? $"{f.Label} is not right.");

    public static IntakeFormModel MaximalForm(Func<int, string> text)
    {
        var fields = CommonFields.For(Samples.ContractReview, Samples.BusinessUnits);
        var values = fields.ToDictionary(f => f.Name, f => text(f.MaxLength ?? RequestTypeCatalog.DescriptionMaxLength));
        var errors = fields.ToDictionary(f => f.Name, _ => "I couldn't read \"" + text(40) + "…\" as a date for Signature deadline. Try 2026-12-05, \"next Friday\" or \"in 10 days\".");
        return new IntakeFormModel(Samples.ContractReview, fields, values, errors, "draft-" + new string('9', 36), Samples.Today);
    }

    public static ConfirmationModel Confirmation(IReadOnlyList<(string, string)> answers) =>
        new(Samples.Nda, answers, new DateOnly(2026, 11, 30), "draft-7");

    public static ConfirmationModel MaximalConfirmation(Func<int, string> text) =>
        Confirmation(
        [
            ("Title", text(RequestTypeCatalog.TitleMaxLength)),
            ("Description", text(RequestTypeCatalog.DescriptionMaxLength)),
            ("Business unit", "People & Culture"),
            ("Counterparty", text(RequestTypeCatalog.CounterpartyMaxLength)),
            ("Priority", "Urgent"),
            ("Requested due date", "5 Dec 2026"),
            .. Enumerable.Range(1, 10).Select(i => ($"Extra field {i}", text(RequestTypeCatalog.DescriptionMaxLength))),
        ]);

    public static AdaptiveCard MaximalDetails(Func<int, string> text) =>
        RequestDetailsCard.Build(
            Samples.Request(
                number: 999_999_999_999_999,
                title: text(RequestTypeCatalog.TitleMaxLength),
                description: text(RequestTypeCatalog.DescriptionMaxLength),
                counterparty: text(RequestTypeCatalog.CounterpartyMaxLength),
                requesterName: text(256),
                assignedTo: new Person("aad-x", text(256)),
                dueDate: new DateOnly(2031, 11, 26)),
            "Contract review",
            "Already filed",
            [.. Enumerable.Range(1, 10).Select(i => ($"Extra field {i}", text(RequestTypeCatalog.DescriptionMaxLength)))]);

    public static AdaptiveCard MaximalRequests(Func<int, string> text)
    {
        var items = Enumerable.Range(0, 50)
            .Select(i => Samples.Request(number: 999_999_999_999_000 + i, title: text(RequestTypeCatalog.TitleMaxLength), typeKey: "contract-review", state: RequestState.WaitingOnRequester))
            .ToList();
        return MyRequestsCard.Build(new MyRequestsModel(new RequestPage(items, 500, 100, 50), _ => text(200)));
    }
}
