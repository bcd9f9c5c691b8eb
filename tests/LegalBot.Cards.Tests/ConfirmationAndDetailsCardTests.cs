using LegalBot.Cards.Builders;
using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;

namespace LegalBot.Cards.Tests;

public sealed class ConfirmationAndDetailsCardTests
{
    [Fact]
    public void Confirmation_ShowsAnswersAndTargetDate()
    {
        var card = new CardJson(ConfirmationCard.Build(CardGallery.Confirmation([("Title", "Supplier NDA"), ("Mutual NDA?", "Yes")])));

        Assert.Equal("Please check your request", card.Texts[0]);
        Assert.Equal([("Type", "NDA"), ("Title", "Supplier NDA"), ("Mutual NDA?", "Yes"), ("Target date", "30 Nov 2026 (2 business days)")], card.Facts);
        Assert.Contains("You can also type yes, edit or cancel.", card.Rendered);
    }

    [Fact]
    public void Confirmation_OffersSubmitEditCancel_WithoutInputs()
    {
        var card = new CardJson(ConfirmationCard.Build(CardGallery.Confirmation([])));

        Assert.Equal(["Submit", "Edit", "Cancel"], card.Submits.Select(a => (string)a["title"]!));
        Assert.Equal([CardActions.IntakeConfirm, CardActions.IntakeEdit, CardActions.IntakeCancel], card.Submits.Select(a => CardJson.Data(a)[CardActions.ActionKey]));
        Assert.All(card.Submits, a => Assert.Equal("draft-7", CardJson.Data(a)[CardActions.DraftIdKey]));
        Assert.All(card.Submits, a => Assert.Equal("none", (string?)a["associatedInputs"]));
        Assert.Equal("positive", (string?)card.Submit("Submit")["style"]);
        Assert.Equal("destructive", (string?)card.Submit("Cancel")["style"]);
    }

    [Fact]
    public void Confirmation_ShowsHostileAnswersLiterally()
    {
        var description = Samples.Hostile + "\n1. one\n- two";
        var card = new CardJson(ConfirmationCard.Build(CardGallery.Confirmation([("Title", Samples.Hostile), ("Description", description)])));

        Assert.Equal(Samples.Hostile, card.Fact("Title"));
        Assert.Equal(description, card.Fact("Description"));
        // In rich text, so no Markdown escape (a backslash, written \\ in JSON) is needed.
        Assert.DoesNotContain("\\\\", card.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Confirmation_ShowsAFullDescription()
    {
        var description = string.Concat(Enumerable.Repeat("Ordinary words of a long description. ", 200))[..RequestTypeCatalog.DescriptionMaxLength];

        var card = new CardJson(ConfirmationCard.Build(CardGallery.Confirmation([("Description", description)])));

        Assert.Equal(description, card.Fact("Description"));
    }

    [Fact]
    public void Details_ShowsTheRequest()
    {
        var request = Samples.Request(dueDate: new DateOnly(2026, 12, 5));

        var card = new CardJson(RequestDetailsCard.Build(request, "NDA"));

        Assert.Equal("LR-1042 · Supplier NDA for Contoso", card.Rendered[0]);
        Assert.Equal(
            [
                ("Type", "NDA"), ("State", "Submitted"), ("Priority", "High"), ("Business unit", "Sales"), ("Counterparty", "Contoso Ltd"),
                ("Filed", "20 Nov 2026"), ("Requested due date", "5 Dec 2026 · later than the turnaround date, which stands"), ("Target date", "24 Nov 2026"),
                ("Requester", "Business Requester"), ("With", "Legal team (triage)"),
            ],
            card.Facts);
        Assert.Equal("We need an NDA before sharing the roadmap with Contoso.", card.Texts[^1]);
        Assert.Equal(new Dictionary<string, string> { ["action"] = "myRequests" }, CardJson.Data(card.Submit("My requests")));
    }

    [Fact]
    public void Details_WithBannerAssigneeAndExtraFacts()
    {
        var request = Samples.Request(state: RequestState.WaitingOnRequester, assignedTo: new Person("aad-alsp-one", "ALSP Professional One"), counterparty: null);

        var card = new CardJson(RequestDetailsCard.Build(request, "NDA", "Request filed", [("Mutual NDA?", "Yes")]));

        Assert.Equal("Request filed", card.Rendered[0]);
        Assert.Equal("Waiting on requester", card.Fact("State"));
        Assert.Equal("ALSP Professional One", card.Fact("With"));
        Assert.Equal("Yes", card.Fact("Mutual NDA?"));
        Assert.Null(card.Fact("Counterparty"));
        Assert.Null(card.Fact("Requested due date"));
    }

    [Fact]
    public void Details_ShowsHostileTextLiterally()
    {
        var request = Samples.Request(title: Samples.Hostile, description: Samples.Hostile, counterparty: Samples.Hostile, requesterName: Samples.Hostile);

        var card = new CardJson(RequestDetailsCard.Build(request, "NDA", extraFacts: [(Samples.Hostile, Samples.Hostile)]));

        Assert.Equal($"LR-1042 · {Samples.Hostile}", card.Rendered[0]);
        Assert.Equal(Samples.Hostile, card.Fact("Counterparty"));
        Assert.Equal(Samples.Hostile, card.Fact("Requester"));
        Assert.Equal(Samples.Hostile, card.Fact(Samples.Hostile));
        Assert.Equal(Samples.Hostile, card.Rendered[^1]);
    }

    [Fact]
    public void Details_CutsAVeryLongDescription()
    {
        var request = Samples.Request(description: new string('x', RequestTypeCatalog.DescriptionMaxLength));

        var text = new CardJson(RequestDetailsCard.Build(request, "NDA")).Rendered[^1];

        Assert.Equal(RequestDetailsCard.DescriptionShown, text.Length);
        Assert.EndsWith("x…", text, StringComparison.Ordinal);
    }
}
