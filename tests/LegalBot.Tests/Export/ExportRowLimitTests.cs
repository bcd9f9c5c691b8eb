using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.Export;

/// <summary>Past <c>Export:MaxRows</c> the file holds the most recently filed requests, and the bot says so.</summary>
public sealed class ExportRowLimitTests : HostTestBase
{
    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Export:MaxRows"] = "1" };

    [Fact]
    public async Task MoreRequestsThanTheLimit_AreCut_ToTheNewest_AndTheUserIsTold()
    {
        await Scenarios.FileNdaAsync(As(TeamsUser.Requester), "First NDA");
        var newest = await Scenarios.FileNdaAsync(As(TeamsUser.Requester), "Second NDA");
        var staff = As(TeamsUser.LegalStaff);

        var asked = await staff.SayAsync("export last 7 days");
        await staff.AcceptFileAsync(Assert.Single(asked.FileConsents));

        Assert.Equal(
            "The export for last 7 days holds the 1 request filed most recently, of 2: export a shorter period for all of them. Accept below to save it to your OneDrive.",
            Assert.Single(asked.Texts));
        var rows = Rfc4180.ParseUtf8WithBom(Assert.Single(Channel.OneDrive.Uploads).Bytes);
        Assert.Equal([newest], rows.Skip(1).Select(r => r[0]));
    }
}
