using System.Text.Json.Nodes;
using LegalBot.Core.Workflow;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.Documents;

/// <summary>
/// What the document tests of every store share: a size limit small enough to cross, the parties, the document lines of
/// a request card and the steps that get a request to its ALSP professional.
/// </summary>
public abstract class DocumentHostTest : HostTestBase
{
    protected const int MaxBytes = 100_000;

    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Documents:MaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected TeamsClient Requester => As(TeamsUser.Requester);

    protected TeamsClient Staff => As(TeamsUser.LegalStaff);

    protected TeamsClient Professional => As(TeamsUser.Alsp);

    protected TeamsClient Stranger => As(TeamsUser.OtherRequester);

    /// <summary>The document lines of a request card ("1. name · size · who · when").</summary>
    protected static List<string> DocumentLines(JsonObject card) =>
        [.. BotReplies.TextLines(card).Where(l => l.Length > 3 && char.IsAsciiDigit(l[0]) && l.Contains(". ", StringComparison.Ordinal) && l.Contains(" · ", StringComparison.Ordinal))];

    protected static async Task<JsonObject> StatusCardAsync(TeamsClient user, string id) => (await user.SayAsync("status " + id)).Card;

    protected async Task AssignAsync(string id)
    {
        var triage = await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id);
        await Staff.ExecuteAsync(triage, "Assign", Scenarios.Input(WorkflowAction.Assign, LegalBot.Cards.CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId));
    }
}
