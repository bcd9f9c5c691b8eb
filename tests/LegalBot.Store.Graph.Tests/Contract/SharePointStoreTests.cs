using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Store.Tests;

namespace LegalBot.Store.Graph.Tests.Contract;

/// <summary>Tests of what only the SharePoint store does, with a request to file and a change to make.</summary>
public abstract class SharePointStoreTests : StoreContract<SharePointBackend>
{
    protected static readonly Person Requester = new("aad-requester", "Business Requester", "requester@contoso.example");
    protected static readonly Person Counsel = new("aad-counsel", "Legal Counsel");

    protected NewRequest New(string key) => new(
        key,
        new RequestDraft { TypeKey = "nda", Title = "NDA with O'Brien & Co", Description = "Mutual NDA.", BusinessUnit = "Sales", Priority = Priority.Normal },
        Requester,
        "tenant-1",
        Time.GetUtcNow(),
        new DateOnly(2025, 3, 14));

    protected RequestChange Triage(LegalRequest request, string changeId) => new()
    {
        ChangeId = changeId,
        Number = request.Number,
        ExpectedVersion = request.Version,
        To = RequestState.InTriage,
        Actor = Counsel,
        Action = "triage",
        At = Time.GetUtcNow(),
    };
}
