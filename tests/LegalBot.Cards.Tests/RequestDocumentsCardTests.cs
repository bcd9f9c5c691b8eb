using LegalBot.Cards.Builders;
using LegalBot.Core.Documents;
using LegalBot.Core.Requests;

namespace LegalBot.Cards.Tests;

/// <summary>The documents a request card lists: newest first, a few at most, each with a Get button for a party.</summary>
public sealed class RequestDocumentsCardTests
{
    private static readonly DateTimeOffset Filed = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static RequestDocument Document(int i, string name = "Draft NDA.pdf") =>
        new($"{i:D32}", new RequestNumber(1042), name, "pdf", 1_300_000, WorkSamples.Requester, Filed.AddMinutes(i));

    private static CardJson Card(IReadOnlyList<RequestDocument> documents, bool buttons) =>
        new(RequestWorkCard.Build(WorkSamples.Model(WorkSamples.Request(Core.Requests.RequestState.InProgress), WorkSamples.Requester.AadObjectId) with
        {
            Documents = documents,
            DocumentButtons = buttons,
        }));

    [Fact]
    public void EachDocument_ShowsItsNameSizeWhoAndWhen_WithAGetButtonNamingOnlyItsId()
    {
        var card = Card([Document(1)], buttons: true);

        Assert.Contains("Documents", card.Texts);
        Assert.Contains("1. Draft NDA.pdf · 1.2 MB · Business Requester · 30 Nov 2026, 09:01 UTC", card.Texts);
        var get = card.Submit("Get");
        Assert.Equal(new Dictionary<string, string> { [CardActions.ActionKey] = CardActions.DocumentGet, [CardActions.IdKey] = Document(1).Id }, CardJson.Data(get));
    }

    [Fact]
    public void ADocumentInTheLibrary_OpensFromItsLink_OnEveryCopyOfTheCard()
    {
        const string Link = "https://contoso.sharepoint.com/sites/legal/Shared%20Documents/LR-1042/Draft%20NDA.pdf";
        var inLibrary = Document(1) with { LibraryItemId = "01ABC", WebUrl = Link };

        foreach (var buttons in new[] { true, false })
        {
            var card = Card([inLibrary, Document(2, "Kept by the bot.pdf")], buttons);

            var open = Assert.Single(card.Typed("Action.OpenUrl"));
            Assert.Equal(("Open 2", Link), ((string?)open["title"], (string?)open["url"]));
            Assert.Equal(buttons ? ["Get 1"] : [], card.Submits.Select(s => (string)s["title"]!).Where(t => t.StartsWith("Get", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void ALinkThatIsNotHttps_IsNoButton()
    {
        var card = Card([Document(1) with { WebUrl = "javascript:alert(1)" }, Document(2) with { WebUrl = "http://contoso.sharepoint.com/x.pdf" }], buttons: false);

        Assert.Empty(card.Typed("Action.OpenUrl"));
    }

    [Fact]
    public void ManyDocuments_TheNewestAreListed_AndTheRestCounted()
    {
        var card = Card([.. Enumerable.Range(0, 12).Select(i => Document(i, $"Version {i}.pdf"))], buttons: true);

        var names = card.Texts.Where(t => t.Contains(". Version ", StringComparison.Ordinal)).Select(t => t[..t.IndexOf(" · ", StringComparison.Ordinal)]).ToList();
        Assert.Equal(["1. Version 11.pdf", "2. Version 10.pdf", "3. Version 9.pdf", "4. Version 8.pdf", "5. Version 7.pdf"], names);
        Assert.Equal(["Get 1", "Get 2", "Get 3", "Get 4", "Get 5"], card.Submits.Select(s => (string)s["title"]!).Where(t => t.StartsWith("Get", StringComparison.Ordinal)));
        Assert.Equal(Document(11).Id, CardJson.Data(card.Submit("Get 1"))[CardActions.IdKey]);
        Assert.Contains("and 7 more", card.Texts);
    }

    [Fact]
    public void TheSharedCard_ListsThemWithoutButtons()
    {
        var card = Card([Document(1)], buttons: false);

        Assert.Contains(card.Texts, t => t.StartsWith("1. Draft NDA.pdf · ", StringComparison.Ordinal));
        Assert.DoesNotContain(card.Submits, s => ((string?)s["title"])!.StartsWith("Get", StringComparison.Ordinal));
    }

    [Fact]
    public void OnACardWithNoRoomLeft_TheCardStaysUnderItsCeiling()
    {
        Func<int, string> text = length => new string('"', length);
        var model = CardGallery.MaximalWork(text, Core.Requests.RequestState.InProgress) with
        {
            Documents = [.. Enumerable.Range(0, 40).Select(i => Document(i, text(255)))],
            DocumentButtons = true,
        };

        var card = RequestWorkCard.Build(model);

        // Every id and button of the workflow, every text at its longest: the documents get what room is left, if any.
        Assert.True(CardSerializer.Utf8Size(card) < 20 * 1024, CardSerializer.Utf8Size(card).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void LongNamesAndManyDocuments_OnAnOrdinaryCard_AreListedAndCounted()
    {
        var card = Card([.. Enumerable.Range(0, 40).Select(i => Document(i, new string('x', 255) + ".pdf"))], buttons: true);

        Assert.Equal(RequestWorkCard.DocumentsShown, card.Submits.Count(s => ((string)s["title"]!).StartsWith("Get", StringComparison.Ordinal)));
        Assert.Contains("and 35 more", card.Texts);
    }

    [Fact]
    public void NoDocuments_NoSection()
    {
        Assert.DoesNotContain("Documents", Card([], buttons: true).Texts);
    }

    [Theory]
    [InlineData(12, "12 bytes")]
    [InlineData(340 * 1024, "340 KB")]
    [InlineData(25L * 1024 * 1024, "25 MB")]
    public void Sizes_ReadAsPeopleSayThem(long bytes, string expected) => Assert.Equal(expected, RequestWorkCard.Size(bytes));
}
