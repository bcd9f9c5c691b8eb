using LegalBot.Cards.Builders;
using LegalBot.Cards.Model;
using LegalBot.Core.Access;
using LegalBot.Core.Catalog;
using LegalBot.Core.Documents;
using LegalBot.Core.Metrics;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Core.Workflow;

namespace LegalBot.Cards.Tests;

/// <summary>Every card variant worth checking: each builder with empty, typical, maximal and hostile data.</summary>
internal static class CardGallery
{
    public static IEnumerable<(string Name, AdaptiveCard Card)> All()
    {
        yield return ("welcome", WelcomeCard.Build("Business Requester", isLegalStaff: false));
        yield return ("welcome-staff", WelcomeCard.Build("Legal Counsel", isLegalStaff: true));
        yield return ("welcome-empty-name", WelcomeCard.Build("", isLegalStaff: false));
        yield return ("welcome-hostile", WelcomeCard.Build(Samples.Hostile, isLegalStaff: false));

        yield return ("help", HelpCard.Build(Samples.HelpCommands));
        yield return ("help-staff", HelpCard.Build(Samples.HelpCommands, isLegalStaff: true));
        yield return ("help-alsp", HelpCard.Build([.. Samples.HelpCommands, new("my assignments", "List the requests assigned to you")], isAlspProfessional: true));
        yield return ("assignments", MyRequestsCard.Build(new MyRequestsModel(new RequestPage([Samples.Request()], "token-after-1"), _ => "NDA", Assignments: true)));
        yield return ("assignments-empty", MyRequestsCard.Build(new MyRequestsModel(new RequestPage([], null), _ => "NDA", Assignments: true)));

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

        yield return ("dialog-form-nda", IntakeFormCard.Build(Form(Samples.Nda, new Dictionary<string, string> { ["description"] = "From a Teams message." }, new Dictionary<string, string>()) with { InDialog = true }));
        yield return ("dialog-form-errors", IntakeFormCard.Build(Form(Samples.ContractReview, FilledValues(), AllErrors(Samples.ContractReview)) with { InDialog = true }));
        yield return ("dialog-form-hostile", IntakeFormCard.Build(Form(Samples.ContractReview, HostileValues(Samples.ContractReview, Samples.Hostile), AllErrors(Samples.ContractReview, Samples.Hostile)) with { InDialog = true }));
        yield return ("dialog-start", DialogStartCard.Build(new DialogStartModel(Samples.Types, "Please review.\n\nFrom a Teams message by Alex Seller.", "0123456789abcdef0123456789abcdef")));
        yield return ("dialog-start-error", DialogStartCard.Build(new DialogStartModel(Samples.Types, null, "0123456789abcdef0123456789abcdef", "Choose a request type.")));
        yield return ("dialog-start-hostile", DialogStartCard.Build(new DialogStartModel(Samples.Types, Samples.Hostile + new string('x', 9000), "0123456789abcdef0123456789abcdef", Samples.Hostile)));
        yield return ("dialog-start-no-types", DialogStartCard.Build(new DialogStartModel([], "x", "0123456789abcdef0123456789abcdef")));
        yield return ("sent-to-legal", SentToLegalCard.Build(new RequestNumber(1042)));
        yield return ("shared-request", SharedRequestCard.Build(new RequestNumber(1042), ["8:orgid:aad-requester", "8:orgid:aad-legal"]));
        yield return ("shared-request-many-viewers", SharedRequestCard.Build(new RequestNumber(1042), Enumerable.Range(1, 80).Select(i => $"8:orgid:aad-{i}")));
        yield return ("open-form", OpenFormCard.Build());
        yield return ("work-dialog-assign", WorkDialogCard.Build(new WorkDialogModel(WorkSamples.Request(RequestState.Submitted), "NDA", WorkflowAction.Assign, Needs.Assignee, WorkSamples.Suggestions(), "USD")));
        yield return ("work-dialog-reassign", WorkDialogCard.Build(new WorkDialogModel(WorkSamples.Request(RequestState.InProgress, WorkSamples.AsPerson(WorkSamples.One)), "NDA", WorkflowAction.Reassign, Needs.Assignee, WorkSamples.Suggestions(), "EUR")));
        yield return ("work-dialog-complete", WorkDialogCard.Build(new WorkDialogModel(WorkSamples.Request(RequestState.InProgress, WorkSamples.AsPerson(WorkSamples.One)), "NDA", WorkflowAction.Complete, Needs.HoursAndNote, [], "USD")));
        yield return ("work-dialog-nobody", WorkDialogCard.Build(new WorkDialogModel(WorkSamples.Request(RequestState.Submitted), "NDA", WorkflowAction.Assign, Needs.Assignee, [], "USD")));
        yield return ("work-dialog-hostile", WorkDialogCard.Build(new WorkDialogModel(HostileWork(Samples.Hostile).Request with { State = RequestState.Submitted, AssignedTo = null }, Samples.Hostile, WorkflowAction.Assign, Needs.Assignee, HostileWork(Samples.Hostile).Suggestions, "USD")));
        yield return ("shared-request-not-visible", SharedRequestCard.NotVisible(new RequestNumber(1042)));

        yield return ("confirm", ConfirmationCard.Build(Confirmation([("Title", "Supplier NDA"), ("Description", "Before the roadmap meeting."), ("Mutual NDA?", "Yes")])));
        yield return ("confirm-empty", ConfirmationCard.Build(Confirmation([])));
        yield return ("confirm-hostile", ConfirmationCard.Build(Confirmation([("Title", Samples.Hostile), ("Description", Samples.Hostile + "\n1. one\n- two")])));

        yield return ("details", RequestDetailsCard.Build(Samples.Request(), "NDA"));
        yield return ("details-filed", RequestDetailsCard.Build(Samples.Request(dueDate: new DateOnly(2026, 12, 5)), "NDA", "Request filed"));
        yield return ("details-assigned", RequestDetailsCard.Build(Samples.Request(state: RequestState.Assigned, assignedTo: new Person("aad-alsp-one", "ALSP Professional One"), counterparty: null), "NDA", "Already filed", [("Mutual NDA?", "Yes")]));
        yield return ("details-hostile", RequestDetailsCard.Build(Samples.Request(title: Samples.Hostile, description: Samples.Hostile, counterparty: Samples.Hostile, requesterName: Samples.Hostile, assignedTo: new Person("x", Samples.Hostile)), Samples.Hostile, Samples.Hostile, [(Samples.Hostile, Samples.Hostile)]));

        yield return ("requests-empty", MyRequestsCard.Build(new MyRequestsModel(Samples.Page(0, 0, 0), Samples.TypeName)));
        yield return ("requests-one-page", MyRequestsCard.Build(new MyRequestsModel(Samples.Page(3, 3, 0), Samples.TypeName)));
        yield return ("requests-due-status", MyRequestsCard.Build(RequestsWithDueStatus()));
        yield return ("requests-first-of-many", MyRequestsCard.Build(new MyRequestsModel(Samples.Page(10, 25, 0), Samples.TypeName)));
        yield return ("requests-middle", MyRequestsCard.Build(new MyRequestsModel(Samples.Page(10, 25, 10), Samples.TypeName, Position: 10)));
        yield return ("requests-last", MyRequestsCard.Build(new MyRequestsModel(Samples.Page(5, 25, 20), Samples.TypeName, Position: 20)));
        yield return ("requests-past-end", MyRequestsCard.Build(new MyRequestsModel(Samples.Page(0, 25, 30), Samples.TypeName, Position: 30)));

        yield return ("notice-question", NoticeCard.Build(new NoticeModel(new RequestNumber(1042), "ALSP Professional One has a question on LR-1042:", "Is the pilot limited to the EU?", WorkflowAction.Answer, 4)));
        yield return ("notice-info", NoticeCard.Build(new NoticeModel(new RequestNumber(1042), "The legal team needs more information on LR-1042:", "Which entity signs?", WorkflowAction.ProvideInfo, 2)));
        yield return ("notice-moved-on", NoticeCard.Build(new NoticeModel(new RequestNumber(1042), "ALSP Professional One has a question on LR-1042:", "Is the pilot limited to the EU?", null, 4)));
        yield return ("notice-hostile", NoticeCard.Build(new NoticeModel(new RequestNumber(1042), Samples.Hostile, Samples.Hostile + new string('x', 5000), WorkflowAction.Answer, 4)));
        yield return ("notice-answered", NoticeCard.Answered(new RequestNumber(1042), Samples.Hostile));

        foreach (var card in WorkCards())
        {
            yield return card;
        }

        yield return ("metrics", MetricsCard.Build(MetricsSamples.Model(MetricsSamples.Compute(MetricsSamples.Last30Days, 400))));
        yield return ("metrics-year", MetricsCard.Build(MetricsSamples.Model(MetricsSamples.Compute(MetricsSamples.ThisYear, 800, spanDays: 330), "this year")));
        yield return ("metrics-empty", MetricsCard.Build(MetricsSamples.Model(MetricsSamples.Compute(MetricsSamples.Last30Days, 0))));
        yield return ("metrics-hostile", MetricsCard.Build(MetricsSamples.Model(MetricsSamples.Compute(MetricsSamples.Last30Days, 50), Samples.Hostile, _ => Samples.Hostile)));
        var some = new DigestCount(3, [1042, 1043, 1050]);
        yield return ("digest", DigestCard.Build(new DigestModel(new DateOnly(2026, 12, 8), some, new DigestCount(7, [1, 2, 3, 4, 5, 6, 7]), some, new DigestCount(1, [1044]), some)));
        var none = new DigestCount(0, []);
        yield return ("digest-empty", DigestCard.Build(new DigestModel(new DateOnly(2026, 12, 8), none, none, none, none, none)));
        // The most a digest can hold: every count at its limit, more numbers than it lists, the longest numbers.
        var most = new DigestCount(int.MaxValue, [.. Enumerable.Repeat(long.MaxValue, 100)]);
        yield return ("digest-maximal", DigestCard.Build(new DigestModel(DateOnly.MaxValue, most, most, most, most, most)));
        yield return ("scorecard", ScorecardCard.Build(ScorecardSamples.ForProfessional(300)));
        yield return ("scorecard-firm", ScorecardCard.Build(ScorecardSamples.ForFirm(600, ScorecardSamples.Firm(4))));
        yield return ("scorecard-empty", ScorecardCard.Build(ScorecardSamples.ForProfessional(0)));
        yield return ("scorecard-former", ScorecardCard.Build(ScorecardSamples.ForProfessional(300) with { Subject = new ProfessionalSubject("gone", "Former One", null, false, true, null, null) }));
        yield return ("scorecard-hostile", ScorecardCard.Build(ScorecardSamples.ForFirm(300, ScorecardSamples.Firm(3, _ => Samples.Hostile, Samples.Hostile), Samples.Hostile)));
        yield return ("scorecard-choices", ScorecardChoicesCard.Build(ScorecardSamples.Choices(4)));
        yield return ("scorecard-choices-none", ScorecardChoicesCard.Build(new ScorecardChoicesModel("Whose scorecard?", [], "")));
        yield return ("scorecard-choices-hostile", ScorecardChoicesCard.Build(ScorecardSamples.Choices(6, _ => Samples.Hostile, Samples.Hostile)));
        yield return ("history", HistoryCard.Build(new HistoryModel(Rated(), WorkSamples.History(Rated(), 7))));
        yield return ("history-hostile", HistoryCard.Build(new HistoryModel(HostileWork(Samples.Hostile).Request, HostileWork(Samples.Hostile).RecentHistory!)));

        foreach (var card in Maximal(Samples.Worst))
        {
            yield return card;
        }
    }

    /// <summary>The request work card as each party sees it in each state, and the special cases.</summary>
    public static IEnumerable<(string Name, AdaptiveCard Card)> WorkCards()
    {
        var viewers = new (string Role, string Id)[]
        {
            ("staff", WorkSamples.Counsel.AadObjectId),
            ("alsp", WorkSamples.One.AadObjectId),
            ("requester", WorkSamples.Requester.AadObjectId),
        };
        foreach (var state in Enum.GetValues<RequestState>())
        {
            var assignee = state is RequestState.Assigned or RequestState.InProgress or RequestState.WaitingOnRequester or RequestState.Completed
                ? WorkSamples.AsPerson(WorkSamples.One)
                : null;
            var request = WorkSamples.Request(state, assignee);
            foreach (var (role, id) in viewers)
            {
                var model = WorkSamples.Model(request, id, history: WorkSamples.History(request));
                yield return ($"work-{role}-{state.ToString().ToLowerInvariant()}", RequestWorkCard.Build(model));
            }
        }

        var submitted = WorkSamples.Request(RequestState.Submitted);
        var counsel = WorkSamples.Counsel.AadObjectId;
        yield return ("work-staff-new-request", RequestWorkCard.Build(WorkSamples.Model(submitted, counsel, banner: "New request")));
        yield return ("work-staff-overdue", RequestWorkCard.Build(WorkSamples.Model(submitted, counsel) with { ServiceLevel = new ServiceLevel.Overdue(new DateOnly(2026, 11, 24), 3) }));
        yield return ("work-staff-on-hold", RequestWorkCard.Build(WorkSamples.Model(submitted, counsel) with { ServiceLevel = new ServiceLevel.Paused(new DateOnly(2026, 11, 26)) }));
        yield return ("work-staff-no-suggestions", RequestWorkCard.Build(WorkSamples.Model(submitted, counsel, suggestions: [])));
        yield return ("work-staff-filed-it", RequestWorkCard.Build(WorkSamples.Model(WorkSamples.Request(RequestState.Submitted, requester: WorkSamples.Counsel), counsel)));
        yield return ("work-alsp-assigned-to-you", RequestWorkCard.Build(WorkSamples.Model(
            WorkSamples.Request(RequestState.Assigned, WorkSamples.AsPerson(WorkSamples.One)), WorkSamples.One.AadObjectId, banner: "Assigned to you", history: WorkSamples.History(submitted, 4))));
        yield return ("work-stale-click", RequestWorkCard.Build(WorkSamples.Model(
            WorkSamples.Request(RequestState.InProgress, WorkSamples.AsPerson(WorkSamples.One)), WorkSamples.One.AadObjectId,
            notice: "LR-1042 is in progress now, so it can't be declined.", history: WorkSamples.History(submitted, 7))));
        yield return ("work-notify-failed", RequestWorkCard.Build(WorkSamples.Model(
            WorkSamples.Request(RequestState.Assigned, WorkSamples.AsPerson(WorkSamples.Two)), counsel,
            banner: "Assigned to ALSP Professional Two", notice: "Couldn't notify ALSP Professional Two: the app is not installed for them.")));
        yield return ("work-read-only", RequestWorkCard.Build(WorkSamples.ReadOnly(submitted, WorkSamples.History(submitted))));
        yield return ("work-read-only-rated", RequestWorkCard.Build(WorkSamples.ReadOnly(Rated())));
        yield return ("work-every-action", RequestWorkCard.Build(EveryAction(EarlierDateRequested(WorkSamples.Request(RequestState.InProgress, WorkSamples.AsPerson(WorkSamples.One))))));
        yield return ("work-hostile", RequestWorkCard.Build(HostileWork(Samples.Hostile)));
    }

    /// <summary>A completed request with hours, a rating and a comment.</summary>
    public static LegalRequest Rated() => WorkSamples.Request(RequestState.Completed, WorkSamples.AsPerson(WorkSamples.One)) with
    {
        CompletedAt = new DateTimeOffset(2026, 11, 23, 16, 0, 0, TimeSpan.Zero),
        HoursSpent = 3.5m,
        Rating = 4,
        RatingComment = "Quick and clear.",
    };

    /// <summary>Four rows: due in two business days, overdue by one, on hold, and one without a due status (closed).</summary>
    public static MyRequestsModel RequestsWithDueStatus()
    {
        var page = Samples.Page(4, 4, 0);
        var levels = new ServiceLevel[]
        {
            new ServiceLevel.DueIn(new DateOnly(2026, 12, 4), 2),
            new ServiceLevel.Overdue(new DateOnly(2026, 11, 30), 1),
            new ServiceLevel.Paused(new DateOnly(2026, 12, 3)),
        };
        return new MyRequestsModel(page, Samples.TypeName)
        {
            ServiceLevels = page.Items.Take(levels.Length).Select((r, i) => (r.Number, Level: levels[i])).ToDictionary(p => p.Number, p => p.Level),
        };
    }

    /// <summary>The request with a requested due date two days before its target date, which legal staff may accept.</summary>
    public static LegalRequest EarlierDateRequested(LegalRequest request) =>
        request with { Details = request.Details with { RequestedDueDate = request.TargetDate.AddDays(-2) } };

    /// <summary>Every transition of the table on one card: more buttons than one set shows, and every kind of form.</summary>
    public static RequestWorkModel EveryAction(LegalRequest request) =>
        new(request, "NDA", [], WorkflowTable.Transitions, WorkSamples.Suggestions(), WorkSamples.RefreshIds(3), RecentHistory: WorkSamples.History(request));

    public static RequestWorkModel HostileWork(string text)
    {
        var request = Samples.Request(title: text, description: text, counterparty: text, requesterName: text, assignedTo: new Person("aad-x", text)) with
        {
            Version = WorkSamples.Version,
            HoursSpent = 1.25m,
            Rating = 2,
            RatingComment = text,
        };
        var hostileProfessional = WorkSamples.Professional(9, ["nda"]);
        hostileProfessional.Name = text;
        hostileProfessional.Firm = text;
        var suggestions = AssignmentAdvisor.Rank("nda", [hostileProfessional, WorkSamples.One], new Dictionary<string, ProfessionalStats>());
        var history = WorkSamples.History(request, 3, note: text)
            .Select(h => h with { Actor = new Person(h.Actor.AadObjectId, text), Action = text, Note = text })
            .ToList();
        return new(request, text, [(text, text)], WorkflowTable.Transitions, suggestions, [text, "29:ok"], text, text, history);
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
        yield return ("metrics-maximal", MetricsCard.Build(MetricsSamples.Model(MetricsSamples.Compute(MetricsSamples.ThisYear, 3000, professionals: 40, types: 30, spanDays: 330), text(200), _ => text(200))));
        yield return ("scorecard-firm-maximal", ScorecardCard.Build(ScorecardSamples.ForFirm(3000, ScorecardSamples.Firm(120, _ => text(256), text(256)), text(200))));
        yield return ("scorecard-maximal", ScorecardCard.Build(ScorecardSamples.ForProfessional(3000, ScorecardSamples.Professional(0, text(256), text(256)), text(200))));
        yield return ("scorecard-choices-maximal", ScorecardChoicesCard.Build(ScorecardSamples.Choices(200, _ => text(256), text(500))));
        foreach (var state in Enum.GetValues<RequestState>())
        {
            yield return ($"work-maximal-{state.ToString().ToLowerInvariant()}", RequestWorkCard.Build(MaximalWork(text, state)));
        }

        yield return ("work-maximal-documents", RequestWorkCard.Build(MaximalWork(text, RequestState.InProgress) with
        {
            Documents = [.. Enumerable.Range(0, 40).Select(i => new RequestDocument(
                $"{i:D32}", new RequestNumber(999_999_999_999_999), text(255), "docx", long.MaxValue, new Person("aad-x", text(256)), DateTimeOffset.MaxValue))],
            DocumentButtons = true,
        }));

        yield return ("work-maximal-library-documents", RequestWorkCard.Build(MaximalWork(text, RequestState.InProgress) with
        {
            Documents = [.. Enumerable.Range(0, 40).Select(i => new RequestDocument(
                $"{i:D32}", new RequestNumber(999_999_999_999_999), text(255), "docx", long.MaxValue, new Person("aad-x", text(256)), DateTimeOffset.MaxValue,
                "01" + new string('A', 32), "https://contoso.sharepoint.com/sites/legal/Shared%20Documents/LR-999999999999999/" + new string('x', 300) + ".docx"))],
            DocumentButtons = true,
        }));

        var work = MaximalWork(text);
        yield return ("work-dialog-maximal", WorkDialogCard.Build(new WorkDialogModel(work.Request with { State = RequestState.Submitted, AssignedTo = null }, text(200), WorkflowAction.Assign, Needs.Assignee, MaximalCandidates(text, 80), "USD")));
        yield return ("work-dialog-complete-maximal", WorkDialogCard.Build(new WorkDialogModel(work.Request with { State = RequestState.InProgress }, text(200), WorkflowAction.Complete, Needs.HoursAndNote, [], "USD")));
        var lines = Enumerable.Range(0, 80).Select(i => new HistoryEntry(
            work.Request.Number, work.Request.CreatedAt.AddMinutes(i), new Person("aad-x", text(256)), text(64), RequestState.InProgress, RequestState.Completed, text(RequestWorkCard.NoteMaxLength))
        {
            Assignee = new Person("aad-y", text(256)),
            HoursSpent = 999.75m,
            Rating = 5,
        });
        yield return ("history-maximal", HistoryCard.Build(new HistoryModel(work.Request, [.. lines])));
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

    /// <summary>
    /// The largest work card in a state: every action anyone may take in it (what one person who is legal
    /// staff, the assigned professional and the requester at once would see), more refresh ids than the card
    /// keeps at the longest an id may be, more candidates than the list offers, full history, and every
    /// piece of text at its longest.
    /// </summary>
    /// <summary>A roster of <paramref name="count"/> with the longest names, firms and specialties, the highest rates and loads.</summary>
    public static IReadOnlyList<AssignmentSuggestion> MaximalCandidates(Func<int, string> text, int count) =>
        AssignmentAdvisor.Rank("nda", Enumerable.Range(1, count).Select(i =>
        {
            var p = WorkSamples.Professional(i, [.. Enumerable.Range(0, 20).Select(_ => text(64))]);
            p.AadObjectId = Guid.Empty.ToString().Replace("00000000-", $"{i:D8}-", StringComparison.Ordinal);
            p.Name = text(256);
            p.Firm = text(256);
            p.HourlyRate = AlspProfessional.MaxHourlyRate;
            p.WeeklyCapacity = AlspProfessional.MaxWeeklyCapacity;
            return p;
        }), new Dictionary<string, ProfessionalStats>());

    public static RequestWorkModel MaximalWork(Func<int, string> text, RequestState state) =>
        MaximalWork(text) with
        {
            Request = MaximalWork(text).Request with { State = state },
            Available = [.. WorkflowTable.Transitions.Where(t => t.Allows(state))],
        };

    /// <summary>
    /// Like <see cref="MaximalWork(Func{int, string}, RequestState)"/>, but with every transition of the
    /// table, which no one can hold at once (assign and reassign, each with its own list).
    /// </summary>
    public static RequestWorkModel MaximalWork(Func<int, string> text)
    {
        var request = Samples.Request(
            number: 999_999_999_999_999,
            title: text(RequestTypeCatalog.TitleMaxLength),
            description: text(RequestTypeCatalog.DescriptionMaxLength),
            counterparty: text(RequestTypeCatalog.CounterpartyMaxLength),
            requesterName: text(256),
            assignedTo: new Person("aad-x", text(256)),
            dueDate: new DateOnly(2031, 11, 26)) with
        {
            Version = int.MaxValue,
            CompletedAt = new DateTimeOffset(2031, 11, 26, 23, 59, 59, TimeSpan.Zero),
            HoursSpent = 999.75m,
            Rating = 5,
            RatingComment = text(RequestWorkCard.NoteMaxLength),
        };
        var roster = Enumerable.Range(1, 45).Select(i =>
        {
            var p = WorkSamples.Professional(i, ["nda"]);
            p.AadObjectId = Guid.Empty.ToString().Replace("00000000-", $"{i:D8}-", StringComparison.Ordinal);
            p.Name = text(256);
            p.Firm = text(256);
            return p;
        }).ToList();
        var suggestions = AssignmentAdvisor.Rank("nda", roster, new Dictionary<string, ProfessionalStats>());
        var history = Enumerable.Range(0, 20)
            .Select(i => new HistoryEntry(request.Number, request.CreatedAt.AddMinutes(i), new Person("aad-x", text(256)), CardActions.AskRequesterVerb, RequestState.InProgress, RequestState.WaitingOnRequester, text(RequestWorkCard.NoteMaxLength)))
            .ToList();
        return new(
            request,
            text(200),
            [.. Enumerable.Range(1, 10).Select(i => ($"Extra field {i}", text(RequestTypeCatalog.DescriptionMaxLength)))],
            WorkflowTable.Transitions,
            suggestions,
            WorkSamples.RefreshIds(80, RequestWorkCard.MaxIdLength),
            text(2000),
            text(2000),
            history);
    }

    public static AdaptiveCard MaximalRequests(Func<int, string> text)
    {
        var items = Enumerable.Range(0, 50)
            .Select(i => Samples.Request(number: 999_999_999_999_000 + i, title: text(RequestTypeCatalog.TitleMaxLength), typeKey: "contract-review", state: RequestState.WaitingOnRequester))
            .ToList();
        return MyRequestsCard.Build(new MyRequestsModel(new RequestPage(items, text(CardActions.MaxPageTokenLength)), _ => text(200), Position: MyRequestsCard.MaxPosition));
    }
}
