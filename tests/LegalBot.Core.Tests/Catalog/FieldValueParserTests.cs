using LegalBot.Core.Catalog;
using static LegalBot.Core.Tests.Catalog.Fields;

namespace LegalBot.Core.Tests.Catalog;

/// <summary>Rules every kind shares: empty answers and unknown kinds.</summary>
public sealed class FieldValueParserTests
{
    public static TheoryData<FieldKind> AllKinds() => [.. Enum.GetValues<FieldKind>()];

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void EmptyAnswer_ToARequiredField_IsRefusedNamingTheField(FieldKind kind)
    {
        var field = Of(kind, "Counterparty", required: true);

        foreach (var empty in new[] { null, "", "   ", "\t\n", "\u200B\u200D", "\0" })
        {
            Assert.Equal("Counterparty is required.", Refused(field, empty));
        }
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void EmptyAnswer_ToAnOptionalField_IsAcceptedAsNoValue(FieldKind kind)
    {
        var field = Of(kind, required: false);

        foreach (var empty in new[] { null, "", "   ", "\u200B" })
        {
            var result = Parse(field, empty);
            Assert.True(result.Ok);
            Assert.Null(result.Value);
            Assert.Null(result.Error);
        }
    }

    [Fact]
    public void UnknownKind_IsRefused()
    {
        var field = Of((FieldKind)99, "Mystery");

        Assert.Equal("Mystery has an unknown kind.", Refused(field, "anything"));
    }
}
