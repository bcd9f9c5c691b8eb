using LegalBot.Core.Access;
using LegalBot.Core.Metrics;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Core.Tests.Metrics;

public sealed class ScorecardDirectoryTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);

    private static readonly AlspProfessional[] Roster =
    [
        new() { AadObjectId = "a1", Name = "Jane Smith", Email = "jane@contoso.example", Firm = "Contoso Legal", HourlyRate = 100, WeeklyCapacity = 4 },
        new() { AadObjectId = "a2", Name = "John Smithers", Firm = "contoso legal ", HourlyRate = 120, WeeklyCapacity = 3, Active = false },
        new() { AadObjectId = "a3", Name = "Ada Lovelace", Firm = "Fabrikam Counsel", HourlyRate = 150, WeeklyCapacity = 5 },
        new() { AadObjectId = "a4", Name = "Solo", Firm = "" },
    ];

    private static readonly RequestFacts[] Facts =
    [
        new(new RequestNumber(1), "nda", RequestState.Completed, Monday, new DateOnly(2026, 11, 20), null, null, null, null, Monday.AddDays(1), "gone-1", 3m, null, [])
        {
            Assignments = [new Assignment("gone-1", "Grace Hopper (old name)", Monday.AddHours(-1)), new Assignment("gone-1", "Grace Hopper", Monday), new Assignment("A1", "Jane Smith", Monday)],
        },
    ];

    private static readonly ScorecardDirectory Directory = ScorecardDirectory.Of(Roster, Facts);

    [Fact]
    public void TheDirectory_HasTheRostersFirms_ItsProfessionals_AndFormerOnesFromTheAssignments()
    {
        var firm = Assert.Single(Directory.Firms, f => f.Name == "Contoso Legal");
        Assert.Equal(["Jane Smith", "John Smithers"], firm.Members.Select(m => m.Name));
        Assert.Equal(4, firm.WeeklyCapacity);
        Assert.Equal(["Contoso Legal", "Fabrikam Counsel"], Directory.Firms.Select(f => f.Name));
        var former = Assert.Single(Directory.Professionals, p => p.Former);
        Assert.Equal(("gone-1", "Grace Hopper", null, null), (former.AadObjectId, former.Name, former.Firm, former.HourlyRate));
        Assert.Equal(5, Directory.Professionals.Count);
    }

    [Theory]
    [InlineData("jane smith", "Jane Smith")]
    [InlineData("JANE", "Jane Smith")]
    [InlineData("ja smi", "Jane Smith")]
    [InlineData("jane@contoso.example", "Jane Smith")]
    [InlineData("fabrikam", "Fabrikam Counsel")]
    [InlineData("  contoso   legal ", "Contoso Legal")]
    [InlineData("grace", "Grace Hopper")]
    [InlineData("lovelace", "Ada Lovelace")]
    public void AName_WholeOrInPart_FindsOne(string query, string expected) =>
        Assert.Equal(expected, Assert.Single(Directory.Match(query)).Name);

    [Fact]
    public void APartMatchingSeveral_GivesThemAll_FirmsFirst()
    {
        Assert.Equal(["Jane Smith", "John Smithers"], Directory.Match("smith").Select(s => s.Name));
        Assert.Equal(["Contoso Legal", "Fabrikam Counsel", "Ada Lovelace", "Jane Smith", "Grace Hopper"], Directory.Match("a").Select(s => s.Name));
        Assert.IsType<FirmSubject>(Directory.Match("a")[0]);
    }

    [Fact]
    public void AWholeName_WinsOverLongerNamesContainingIt() =>
        Assert.IsType<ProfessionalSubject>(Assert.Single(Directory.Match("solo")));

    [Theory]
    [InlineData("nobody")]
    [InlineData("")]
    [InlineData("</script>\" [x](http://evil) **b**")]
    public void NothingMatching_GivesNone(string query) => Assert.Empty(Directory.Match(query));

    [Fact]
    public void AChoicesKey_FindsItsSubjectAgain()
    {
        foreach (var subject in Directory.All)
        {
            Assert.Same(subject, Directory.ByKey(subject.Key));
        }

        Assert.Null(Directory.ByKey("professional:unknown"));
    }
}
