using LegalBot.Cards.Builders;
using LegalBot.Cards.Model;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Access;
using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Conversations.Intents;

/// <summary><c>status LR-1042</c>: the request's card, to its requester and to legal staff only.</summary>
public sealed class StatusIntent(IRequestStore store, AccessPolicy access, RequestTypeCatalog catalog) : IIntentHandler
{
    public async Task HandleAsync(DialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        if (intent.Number is not { } number)
        {
            dc.Say("Which request? Type **status** followed by its id, for example **status LR-1042**, or **my requests** to see yours.");
            return;
        }

        var request = await store.GetAsync(number, cancellationToken);
        if (request is null || !access.CanView(request, dc.Input.User.AadObjectId))
        {
            // The same answer for "unknown" and "not yours", so ids cannot be probed.
            dc.Say($"I couldn't find **{number}** among the requests you can see. Type **my requests** to list yours.");
            return;
        }

        dc.Show(Details(request, catalog));
    }

    public static AdaptiveCard Details(LegalRequest request, RequestTypeCatalog catalog, string? banner = null)
    {
        var type = catalog.Find(request.Details.TypeKey);
        var extra = type is null
            ? []
            : type.Fields
                .Where(f => request.Details.Fields.ContainsKey(f.Name))
                .Select(f => (f.Label, Display(f, request.Details.Fields[f.Name])))
                .ToList();
        return RequestDetailsCard.Build(request, type?.Name ?? request.Details.TypeKey, banner, extra);
    }

    public static string Display(FieldDefinition field, string value) => field.Kind switch
    {
        FieldKind.YesNo => value == "true" ? "Yes" : "No",
        _ => value,
    };
}
