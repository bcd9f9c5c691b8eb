using LegalBot.Cards.Builders;
using LegalBot.Core.Catalog;

namespace LegalBot.Cards.Tests;

public sealed class IntakeFormCardTests
{
    private static readonly Dictionary<string, string> None = [];

    private static CardJson Build(IReadOnlyDictionary<string, string>? values = null, IReadOnlyDictionary<string, string>? errors = null, RequestType? type = null) =>
        new(IntakeFormCard.Build(CardGallery.Form(type ?? Samples.ContractReview, values ?? None, errors ?? None)));

    [Fact]
    public void Build_ShowsTypeNameAndTurnaround()
    {
        var card = Build();

        Assert.Equal("Contract review", card.Texts[0]);
        Assert.Contains("Target turnaround: 5 business days", card.Rendered);
        Assert.Contains("Target turnaround: 1 business day", new CardJson(IntakeFormCard.Build(CardGallery.Form(Samples.Advice, None, None))).Rendered);
    }

    [Fact]
    public void Build_HasOneInputPerField_InOrder_IdentifiedByFieldName()
    {
        var fields = CommonFields.For(Samples.ContractReview, Samples.BusinessUnits);

        var card = Build();

        Assert.Equal(fields.Select(f => f.Name), card.Inputs.Select(i => (string)i["id"]!));
        Assert.All(card.Inputs, i => Assert.False(string.IsNullOrWhiteSpace((string?)i["label"])));
        Assert.All(card.Inputs, i => Assert.False(string.IsNullOrWhiteSpace((string?)i["errorMessage"])));
    }

    [Theory]
    [InlineData("title", "Input.Text", true)]
    [InlineData("description", "Input.Text", true)]
    [InlineData("businessUnit", "Input.ChoiceSet", true)]
    [InlineData("counterparty", "Input.Text", true)]
    [InlineData("priority", "Input.ChoiceSet", true)]
    [InlineData("dueDate", "Input.Date", false)]
    [InlineData("contractValue", "Input.Number", true)]
    [InlineData("fee", "Input.Number", false)]
    [InlineData("jurisdiction", "Input.ChoiceSet", true)]
    [InlineData("region", "Input.ChoiceSet", false)]
    [InlineData("signBy", "Input.Date", true)]
    [InlineData("notes", "Input.Text", false)]
    [InlineData("reference", "Input.Text", false)]
    public void Build_MapsEachFieldKindToItsInput(string id, string type, bool required)
    {
        var input = Build().Input(id);

        Assert.Equal(type, (string?)input["type"]);
        Assert.Equal(required, (bool?)input["isRequired"] ?? false);
    }

    [Fact]
    public void TextFields_CarryLimitsPlaceholdersAndRequiredMessages()
    {
        var card = Build();

        var title = card.Input("title");
        Assert.Equal("Title", (string?)title["label"]);
        Assert.Equal(RequestTypeCatalog.TitleMaxLength, (int?)title["maxLength"]);
        Assert.Equal("A short name for the request", (string?)title["placeholder"]);
        Assert.Equal("Title is required (at least 3 characters)", (string?)title["errorMessage"]);
        Assert.Equal("^[\\s\\S]{3,}$", (string?)title["regex"]);
        Assert.Null(title["isMultiline"]);

        var description = card.Input("description");
        Assert.True((bool?)description["isMultiline"]);
        Assert.Equal(RequestTypeCatalog.DescriptionMaxLength, (int?)description["maxLength"]);

        Assert.Equal("Counterparty is required (at least 2 characters)", (string?)card.Input("counterparty")["errorMessage"]);
        Assert.Equal(2000, (int?)card.Input("notes")["maxLength"]);
    }

    [Fact]
    public void ChoiceFields_AreCompactLists_WhoseValuesAreTheChoices()
    {
        var input = Build().Input("jurisdiction");

        Assert.Equal("compact", (string?)input["style"]);
        Assert.Equal("Governing law", (string?)input["label"]);
        Assert.Equal("Governing law is required", (string?)input["errorMessage"]);
        var choices = input["choices"]!.AsArray().Select(c => ((string)c!["title"]!, (string)c!["value"]!));
        Assert.Equal([("England and Wales", "England and Wales"), ("New York", "New York"), ("Germany", "Germany")], choices);
    }

    [Fact]
    public void DateFields_StartToday()
    {
        var input = Build().Input("dueDate");

        Assert.Equal("2026-11-26", (string?)input["min"]);
        Assert.Equal("2031-11-26", (string?)input["max"]);
        Assert.Equal("Requested due date must be between today and 26 Nov 2031", (string?)input["errorMessage"]);
    }

    [Fact]
    public void NumberFields_CarryTheirRange()
    {
        var input = Build().Input("contractValue");

        Assert.Equal(0m, (decimal?)input["min"]);
        Assert.Equal(100_000_000m, (decimal?)input["max"]);
        Assert.Equal("25000", (string?)input["placeholder"]);
        Assert.Equal("Contract value (EUR) is required: enter a number between 0 and 100000000", (string?)input["errorMessage"]);
    }

    [Fact]
    public void YesNoFields_AreTogglesThatAlwaysAnswer()
    {
        var input = Build().Input("renewal");

        Assert.Equal("Input.Toggle", (string?)input["type"]);
        Assert.Equal("Is this a renewal?", (string?)input["label"]);
        Assert.Equal("true", (string?)input["valueOn"]);
        Assert.Equal("false", (string?)input["valueOff"]);
        Assert.Null(input["isRequired"]);

        // Required in the catalog, still not "required" to the client, which would then insist on "on".
        var mutual = new CardJson(IntakeFormCard.Build(CardGallery.Form(Samples.Nda, None, None))).Input("mutual");
        Assert.Null(mutual["isRequired"]);
    }

    [Fact]
    public void Values_PrefillEveryKind()
    {
        var card = Build(CardGallery.FilledValues());

        Assert.Equal("Supplier agreement with Fabrikam", (string?)card.Input("title")["value"]);
        Assert.Equal("Three-year supply agreement.\nThey sent their paper.", (string?)card.Input("description")["value"]);
        Assert.Equal("R&D", (string?)card.Input("businessUnit")["value"]);
        Assert.Equal("Normal", (string?)card.Input("priority")["value"]);
        Assert.Equal("2026-12-05", (string?)card.Input("dueDate")["value"]);
        Assert.Equal(250000.50m, (decimal?)card.Input("contractValue")["value"]);
        Assert.Equal("true", (string?)card.Input("renewal")["value"]);
        Assert.Equal("New York", (string?)card.Input("jurisdiction")["value"]);
    }

    [Fact]
    public void Values_ThatDoNotFitTheInput_AreLeftOut()
    {
        var values = new Dictionary<string, string>
        {
            ["businessUnit"] = "Marketing",
            ["dueDate"] = "next Friday",
            ["contractValue"] = "lots",
            ["renewal"] = "perhaps",
        };

        var card = Build(values);

        Assert.All(["businessUnit", "dueDate", "contractValue", "renewal"], id => Assert.Null(card.Input(id)["value"]));
    }

    [Fact]
    public void Errors_AreShownInRedRightUnderTheirInput()
    {
        var errors = new Dictionary<string, string> { ["counterparty"] = "Counterparty needs at least 2 characters.", ["signBy"] = "Signature deadline can't be in the past." };

        var card = Build(errors: errors);

        var body = card.Root["body"]!.AsArray();
        foreach (var (id, message) in errors)
        {
            var index = body.IndexOf(body.Single(e => (string?)e!["id"] == id));
            var next = body[index + 1]!;
            Assert.Equal("RichTextBlock", (string?)next["type"]);
            Assert.Equal("attention", CardJson.ColorOf(next));
            Assert.Equal(message, CardJson.TextOf(next));
        }

        Assert.Contains("Please fix the 2 fields marked below.", card.Rendered);
        Assert.Equal(3, card.Typed("RichTextBlock").Count(t => CardJson.ColorOf(t) == "attention"));
    }

    [Fact]
    public void Errors_ForNoField_AreShownAboveTheForm()
    {
        var card = Build(errors: new Dictionary<string, string> { [""] = "This form is out of date." });

        Assert.Contains("This form is out of date.", card.Rendered);
        Assert.DoesNotContain(card.Rendered, t => t.StartsWith("Please fix", StringComparison.Ordinal));
    }

    [Fact]
    public void HostileValuesAndErrors_StayLiteral()
    {
        var card = Build(new Dictionary<string, string> { ["title"] = Samples.Hostile }, new Dictionary<string, string> { ["title"] = Samples.Hostile });

        Assert.Equal(Samples.Hostile, (string?)card.Input("title")["value"]);
        Assert.Contains(Samples.Hostile, card.Rendered);
    }

    [Fact]
    public void Actions_ReviewWithInputs_CancelWithout()
    {
        var card = Build();

        var review = card.Submit("Review request");
        Assert.Equal("positive", (string?)review["style"]);
        Assert.Equal("auto", (string?)review["associatedInputs"]);
        Assert.Equal(new Dictionary<string, string> { ["action"] = "intake.submit", ["draftId"] = "draft-7" }, CardJson.Data(review));

        var cancel = card.Submit("Cancel");
        Assert.Equal("none", (string?)cancel["associatedInputs"]);
        Assert.Equal(new Dictionary<string, string> { ["action"] = "intake.cancel", ["draftId"] = "draft-7" }, CardJson.Data(cancel));
    }

    [Fact]
    public void ChoiceField_WithoutChoices_FallsBackToText()
    {
        var type = new RequestType { Key = "x", Name = "X", Fields = [new() { Name = "pick", Label = "Pick", Kind = FieldKind.Choice }] };

        var input = Build(type: type).Input("pick");

        Assert.Equal("Input.Text", (string?)input["type"]);
    }
}
