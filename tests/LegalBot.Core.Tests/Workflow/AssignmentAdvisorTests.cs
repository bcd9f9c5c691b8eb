using LegalBot.Core.Access;
using LegalBot.Core.Workflow;

namespace LegalBot.Core.Tests.Workflow;

public sealed class AssignmentAdvisorTests
{
    private const string Nda = "nda";

    private static AlspProfessional Pro(string id, int capacity = 5, bool active = true, params string[] specialties) =>
        new() { AadObjectId = id, Name = id, Firm = "alsp-firm", WeeklyCapacity = capacity, Active = active, Specialties = [.. specialties] };

    private static ProfessionalStats Stats(string id, int open, int completed = 0, int onTime = 0) => new(id, open, completed, onTime);

    private static Dictionary<string, ProfessionalStats> StatsOf(params ProfessionalStats[] stats) => stats.ToDictionary(s => s.AadObjectId);

    private static string[] RankedIds(IEnumerable<AlspProfessional> roster, Dictionary<string, ProfessionalStats> stats) =>
        [.. AssignmentAdvisor.Rank(Nda, roster, stats).Select(s => s.Professional.AadObjectId)];

    [Fact]
    public void InactiveProfessionals_AreNotSuggested()
    {
        AlspProfessional[] roster = [Pro("alsp-1", active: false, specialties: Nda), Pro("alsp-2")];

        Assert.Equal(["alsp-2"], RankedIds(roster, StatsOf()));
    }

    [Fact]
    public void NoActiveProfessionals_NoSuggestions() =>
        Assert.Empty(AssignmentAdvisor.Rank(Nda, [Pro("alsp-1", active: false)], StatsOf()));

    [Fact]
    public void Specialists_ComeFirst_EvenWhenBusierAndLessPunctual()
    {
        AlspProfessional[] roster = [Pro("alsp-1"), Pro("alsp-2", specialties: ["msa", Nda])];
        var stats = StatsOf(Stats("alsp-1", open: 0, completed: 10, onTime: 10), Stats("alsp-2", open: 5, completed: 10, onTime: 2));

        var ranked = AssignmentAdvisor.Rank(Nda, roster, stats);

        Assert.Equal(["alsp-2", "alsp-1"], ranked.Select(s => s.Professional.AadObjectId));
        Assert.True(ranked[0].Specialist);
        Assert.False(ranked[1].Specialist);
    }

    [Fact]
    public void Specialty_MatchesTheTypeKeyIgnoringCase()
    {
        var ranked = AssignmentAdvisor.Rank(Nda, [Pro("alsp-1", specialties: "NDA")], StatsOf());

        Assert.True(Assert.Single(ranked).Specialist);
    }

    [Fact]
    public void AmongEquals_SpareCapacityComesFirst_EvenWithAWorseRecord()
    {
        AlspProfessional[] roster = [Pro("alsp-1", capacity: 3), Pro("alsp-2", capacity: 5)];
        var stats = StatsOf(Stats("alsp-1", open: 3, completed: 10, onTime: 10), Stats("alsp-2", open: 4, completed: 10, onTime: 1));

        Assert.Equal(["alsp-2", "alsp-1"], RankedIds(roster, stats));
    }

    [Fact]
    public void AmongThoseWithSpareCapacity_TheLighterLoadRatioComesFirst()
    {
        // 2 of 10 open (20%) beats 1 of 2 open (50%), though it is more assignments and a worse record.
        AlspProfessional[] roster = [Pro("alsp-1", capacity: 2), Pro("alsp-2", capacity: 10)];
        var stats = StatsOf(Stats("alsp-1", open: 1, completed: 10, onTime: 10), Stats("alsp-2", open: 2, completed: 10, onTime: 5));

        Assert.Equal(["alsp-2", "alsp-1"], RankedIds(roster, stats));
    }

    [Fact]
    public void AmongEqualLoads_TheBetterOnTimeRateComesFirst_AndNoHistoryCountsAsHalf()
    {
        AlspProfessional[] roster = [Pro("alsp-40"), Pro("alsp-new"), Pro("alsp-60"), Pro("alsp-90")];
        var stats = StatsOf(
            Stats("alsp-40", open: 1, completed: 5, onTime: 2),
            Stats("alsp-new", open: 1),
            Stats("alsp-60", open: 1, completed: 5, onTime: 3),
            Stats("alsp-90", open: 1, completed: 10, onTime: 9));

        Assert.Equal(["alsp-90", "alsp-60", "alsp-new", "alsp-40"], RankedIds(roster, stats));
    }

    [Fact]
    public void AllElseEqual_OrderedByNameIgnoringCase()
    {
        AlspProfessional[] roster =
        [
            new() { AadObjectId = "alsp-1", Name = "ALSP-C" },
            new() { AadObjectId = "alsp-2", Name = "alsp-b" },
            new() { AadObjectId = "alsp-3", Name = "ALSP-A" },
        ];

        Assert.Equal(["alsp-3", "alsp-2", "alsp-1"], RankedIds(roster, StatsOf()));
    }

    [Fact]
    public void ProfessionalWithNoStats_CountsAsIdleAndNew()
    {
        var suggestion = Assert.Single(AssignmentAdvisor.Rank(Nda, [Pro("alsp-1")], StatsOf()));

        Assert.Equal(new ProfessionalStats("alsp-1", 0, 0, 0), suggestion.Stats);
        Assert.Null(suggestion.Stats.OnTimeRate);
        Assert.Equal("0/5 open · new", suggestion.Summary);
    }

    [Fact]
    public void ZeroCapacity_RanksAfterEveryoneWithCapacity()
    {
        AlspProfessional[] roster = [Pro("alsp-1", capacity: 0), Pro("alsp-2", capacity: 5)];
        var stats = StatsOf(Stats("alsp-1", open: 0, completed: 10, onTime: 10), Stats("alsp-2", open: 4));

        var ranked = AssignmentAdvisor.Rank(Nda, roster, stats);

        Assert.Equal(["alsp-2", "alsp-1"], ranked.Select(s => s.Professional.AadObjectId));
        Assert.Equal("0/0 open · 100% on time", ranked[1].Summary);
    }

    [Fact]
    public void Summary_ForASpecialistWithHistory()
    {
        var stats = StatsOf(Stats("alsp-1", open: 2, completed: 12, onTime: 11));

        var suggestion = Assert.Single(AssignmentAdvisor.Rank(Nda, [Pro("alsp-1", specialties: Nda)], stats));

        Assert.Equal("specialist · 2/5 open · 92% on time", suggestion.Summary);
    }

    [Theory]
    [InlineData(4, 3, 0, "4/5 open · 0% on time")]
    [InlineData(3, 3, 3, "3/5 open · 100% on time")]
    [InlineData(0, 3, 2, "0/5 open · 67% on time")]
    [InlineData(7, 2, 1, "7/5 open · 50% on time")]
    [InlineData(0, 0, 0, "0/5 open · new")]
    public void Summary_ShowsLoadAgainstCapacityAndTheRoundedOnTimeRate(int open, int completed, int onTime, string expected)
    {
        var stats = StatsOf(Stats("alsp-1", open, completed, onTime));

        Assert.Equal(expected, Assert.Single(AssignmentAdvisor.Rank(Nda, [Pro("alsp-1")], stats)).Summary);
    }

    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(4, 3, 0.75)]
    [InlineData(4, 4, 1.0)]
    public void OnTimeRate_IsUnknownUntilSomethingIsCompleted(int completed, int onTime, double? expected) =>
        Assert.Equal(expected, new ProfessionalStats("alsp-1", 0, completed, onTime).OnTimeRate);
}
