using System.Globalization;
using System.Text;
using LegalBot.Application.Profiles;
using LegalBot.Cards;
using LegalBot.Cards.Builders;
using LegalBot.Cards.Model;
using LegalBot.Core.Access;
using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;
using LegalBot.Core.Sending;
using LegalBot.Core.Stores;
using LegalBot.Core.Workflow;

namespace LegalBot.Application.Workflow;

/// <summary>A request's card for one viewer, and a hash of what it shows apart from a one-off banner or notice.</summary>
/// <param name="ContentHash">
/// Equal for two renderings that show the same request the same way; a card the chat already shows with this
/// hash is not updated again. A line answering a press (banner, refusal) is left out: a later update that
/// would only take it away is not worth one of the chat's messages.
/// </param>
public sealed record RequestCardView(AdaptiveCard Card, string ContentHash);

/// <summary>
/// Renders a request's card for one viewer: the buttons their relation to the request allows, assignment
/// suggestions for legal staff, the documents kept with it (with a Get button for a party), and for the legal team any
/// notification that could not be delivered.
/// </summary>
public sealed class RequestCards(
    IRequestStore requests,
    INotificationStore store,
    RequestWorkflow rules,
    AccessPolicy access,
    RequestTypeCatalog catalog,
    ViewerTimeZones zones,
    ServiceLevelClock serviceLevels,
    RequesterProfiles profiles,
    IDocumentStore? documents = null)
{
    private const int HistoryLines = 5;

    /// <param name="viewer">
    /// The person the card is for; null for a shared (channel) card, which shows no buttons itself and refreshes for
    /// legal staff. Dates and times are in the viewer's time zone (the default one for a shared card).
    /// </param>
    public async Task<AdaptiveCard> RenderAsync(LegalRequest request, string? viewer, string? notice = null, string? banner = null, CancellationToken cancellationToken = default) =>
        (await ViewAsync(request, viewer, notice, banner, cancellationToken)).Card;

    /// <summary>The card, as <see cref="RenderAsync"/>, with the hash of what it shows (<see cref="RequestCardView.ContentHash"/>).</summary>
    public async Task<RequestCardView> ViewAsync(LegalRequest request, string? viewer, string? notice = null, string? banner = null, CancellationToken cancellationToken = default)
    {
        // History first, then the request if the history is newer: the card never shows buttons for a
        // state older than the lines it lists (a change may land while a card is being rendered).
        var history = await requests.GetHistoryAsync(request.Number, cancellationToken);
        if (history.Count > 0 && history[^1].At > request.UpdatedAt)
        {
            request = await requests.GetAsync(request.Number, cancellationToken) ?? request;
        }

        // The requester's date is offered only while it can become the due date (earlier, not passed).
        var available = viewer is null
            ? []
            : rules.Available(request, viewer)
                .Where(t => t.Needs != Needs.EarlierRequestedDate || RequestedDueDates.Check(request, serviceLevels.Today) == RequestedDateCheck.Acceptable)
                .ToList();
        var type = catalog.Find(request.Details.TypeKey);
        var suggestions = available.Any(t => t.Needs == Needs.Assignee) ? await SuggestionsAsync(request, cancellationToken) : [];

        // The notice legal staff get about failed notifications is part of what the card shows; a notice given
        // by the caller (why a press was refused) answers one press and takes its place.
        string? standing = null;
        var isLegalTeamView = viewer is null || access.RoleOf(viewer) == Role.LegalStaff;

        // Who is asking, for legal staff's own view only (not a shared card others in the chat may see); from the
        // profile cache, read now within the profile timeout when it is not there.
        var requesterFacts = viewer is not null && access.RoleOf(viewer) == Role.LegalStaff
            ? RequesterFacts(await profiles.GetAsync(request.Requester.AadObjectId, cancellationToken))
            : [];
        if (isLegalTeamView)
        {
            // An activity-feed notification repeats a chat message; its failure leaves the message, so it is not shown.
            var failed = (await store.FailedAsync(request.Number, cancellationToken)).Where(f => f.Notification.Kind != NotificationKinds.ActivityFeed).ToList();
            var unshared = failed.LastOrDefault(f => f.Notification.Kind == NotificationKinds.ShareDocuments);
            failed.RemoveAll(f => f.Notification.Kind == NotificationKinds.ShareDocuments);
            if (failed.Count > 0)
            {
                standing = Unreached(failed, request);
            }
            else if (unshared is not null)
            {
                standing = $"The documents on this request could not be shared with everyone on it ({unshared.LastError ?? "refused"}): someone may not be able to open them.";
            }
        }

        // Teams names users in refresh.userIds by MRI; for a Microsoft Entra user that is 8:orgid:<object id>.
        IReadOnlyList<string> refresh = viewer is null
            ? [.. access.LegalStaff.Take(RequestRules.MaxRefreshUsers).Select(UserMri)]
            : [UserMri(viewer)];
        var extra = type is null
            ? []
            : type.Fields
                .Where(f => request.Details.Fields.ContainsKey(f.Name))
                .Select(f => (f.Label, Display(f, request.Details.Fields[f.Name])))
                .ToList();
        var shows = new RequestWorkModel(
            request,
            type?.Name ?? request.Details.TypeKey,
            extra,
            available,
            suggestions,
            refresh,
            null,
            standing,
            [.. history.TakeLast(HistoryLines)],
            await zones.ForAsync(viewer, cancellationToken),
            serviceLevels.Of(request, history),
            requesterFacts,
            // The documents are listed to the request's parties (and on the shared card, which refreshes for legal staff).
            documents is null || viewer is not null && !access.CanView(request, viewer) ? null : await documents.ListAsync(request.Number, cancellationToken),
            DocumentButtons: viewer is not null);
        var plain = RequestWorkCard.Build(shows);
        var hash = Hash(plain);
        return banner is null && notice is null
            ? new RequestCardView(plain, hash)
            : new RequestCardView(RequestWorkCard.Build(shows with { Banner = banner, Notice = notice ?? standing }), hash);
    }

    /// <summary>The active roster ranked for the request (<see cref="AssignmentAdvisor.Rank"/>), without its current assignee.</summary>
    public async Task<IReadOnlyList<AssignmentSuggestion>> SuggestionsAsync(LegalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stats = await requests.ProfessionalStatsAsync(cancellationToken);
        return [.. AssignmentAdvisor.Rank(request.Details.TypeKey, access.Roster, stats)
            .Where(s => !AccessPolicy.IsAssignee(request, s.Professional.AadObjectId))];
    }

    /// <summary>The profile's job title, department and manager as facts; what the profile does not say is left out.</summary>
    private static List<(string Label, string Value)> RequesterFacts(UserProfile? profile)
    {
        var facts = new List<(string Label, string Value)>();
        if (profile?.JobTitle is { } title)
        {
            facts.Add(("Requester's job title", title));
        }

        if (profile?.Department is { } department)
        {
            facts.Add(("Requester's department", department));
        }

        if (profile?.Manager is { } manager && (manager.DisplayName ?? manager.Mail) is { } name)
        {
            facts.Add(("Requester's manager", manager.DisplayName is not null && manager.Mail is not null ? $"{manager.DisplayName} ({manager.Mail})" : name));
        }

        return facts;
    }

    private static string Hash(AdaptiveCard card) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(LegalBot.Cards.CardSerializer.Serialize(card))));

    /// <summary>
    /// Who could not be reached about the request, and why where the reason is one legal staff can act on (the app
    /// blocked by policy, someone not in the directory); otherwise the usual cause, the app not installed for them.
    /// </summary>
    private string Unreached(IReadOnlyList<OutboxItem> failed, LegalRequest request)
    {
        var people = failed
            .GroupBy(f => f.Notification.Recipient, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Name: NameOf(g.Key, request), Why: DeliveryFailures.Describe(g.MaxBy(f => f.Id)!.LastError)))
            .ToList();
        var text = new StringBuilder($"Couldn't reach {string.Join(", ", people.Select(p => p.Name).Distinct())} about this request; they may not know.");
        foreach (var (name, why) in people.Where(p => p.Why is not null).DistinctBy(p => p.Name))
        {
            text.Append(CultureInfo.InvariantCulture, $" {name}: {why}.");
        }

        if (people.Any(p => p.Why is null))
        {
            text.Append(" Check that they have the LegalBot app installed in Teams.");
        }

        return text.ToString();
    }

    /// <summary>A notification recipient as legal staff know them.</summary>
    private string NameOf(string recipient, LegalRequest request) =>
        recipient == Notification.TriageChannel ? "the triage channel"
        : access.Professional(recipient)?.Name
        ?? (AccessPolicy.IsRequester(request, recipient) ? request.Requester.Name : null)
        ?? (access.RoleOf(recipient) == Role.LegalStaff ? "a legal staff member" : "someone");

    public static string UserMri(string aadObjectId) => "8:orgid:" + aadObjectId;

    /// <summary>A stored field value as people read it.</summary>
    public static string Display(FieldDefinition field, string value) => field.Kind switch
    {
        FieldKind.YesNo => value == "true" ? "Yes" : "No",
        FieldKind.Date => TimeText.DateValue(value),
        _ => value,
    };
}
