using LegalBot.Cards;
using LegalBot.Core.Catalog;

namespace LegalBot.Core.Tests.Catalog;

/// <summary>Field definitions and a fixed "today" for parser tests.</summary>
internal static class Fields
{
    /// <summary>A Thursday.</summary>
    public static readonly DateOnly Today = new(2026, 11, 26);

    public static FieldDefinition Of(FieldKind kind, string label = "Answer", bool required = false) =>
        new() { Name = "answer", Label = label, Kind = kind, Required = required };

    public static FieldParseResult Parse(FieldDefinition field, string? raw) =>
        FieldValueParser.Parse(field, raw, Today);

    public static string Accepted(FieldDefinition field, string? raw, DateOnly? today = null)
    {
        var result = FieldValueParser.Parse(field, raw, today ?? Today);
        Assert.True(result.Ok, $"'{raw}' was refused: {result.Error}");
        Assert.Null(result.Error);
        return Assert.IsType<string>(result.Value);
    }

    public static string Refused(FieldDefinition field, string? raw, DateOnly? today = null)
    {
        var result = FieldValueParser.Parse(field, raw, today ?? Today);
        Assert.False(result.Ok, $"'{raw}' was accepted as '{result.Value}'");
        Assert.Null(result.Value);
        return FieldErrorText.For(Assert.IsType<FieldError>(result.Error));
    }
}
