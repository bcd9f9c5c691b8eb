using System.Text.Json.Nodes;
using LegalBot.Conversations.Engine;
using LegalBot.Conversations.Intents;
using LegalBot.Core.Access;
using LegalBot.Core.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace LegalBot.Conversations.Tests;

/// <summary>Help lists what the registered intents declare, in registration order, for the sender's role.</summary>
public sealed class HelpTests
{
    private static readonly Person Alsp = new("aad-alsp", "ALSP Professional");

    /// <summary>"office hours", listed in help for everyone.</summary>
    private sealed class OfficeHoursIntent : IIntentHandler
    {
        public IntentHelp Help => new("office hours", "When the legal team answers");

        public Intent? RecognizeCommand(IntentInput input) => input.Text == "office hours" ? new Intent(this) : null;

        public Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
        {
            dc.Say("The legal team answers 9 to 5.");
            return Task.CompletedTask;
        }
    }

    /// <summary>"triage queue", listed in help for legal staff only.</summary>
    private sealed class TriageQueueIntent : IIntentHandler
    {
        public IntentHelp Help => new("triage queue", "Requests waiting for triage", Role.LegalStaff);

        public Intent? RecognizeCommand(IntentInput input) => input.Text == "triage queue" ? new Intent(this) : null;

        public Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
        {
            dc.Say("Nothing waits.");
            return Task.CompletedTask;
        }
    }

    private static void WithAlspRoster(IServiceCollection services) =>
        services.AddSingleton(new AccessPolicy(new RoleOptions
        {
            LegalStaff = [Conversation.Staff.AadObjectId],
            Alsp = [new AlspProfessional { AadObjectId = Alsp.AadObjectId, Name = Alsp.Name, Firm = "alsp-firm" }],
        }));

    /// <summary>The help card's lines, each shown as "command: what it does" with the command in bold.</summary>
    private static async Task<List<(string Command, string Description)>> HelpAsync(Conversation c)
    {
        var card = JsonNode.Parse((await c.SayAsync("help")).CardJson())!;
        return [.. Nodes(card)
            .Where(n => (string?)n["type"] == "RichTextBlock" && n["inlines"] is JsonArray { Count: 2 } runs && (string?)runs[0]!["weight"] == "bolder")
            .Select(n => n["inlines"]!.AsArray())
            .Select(runs => (((string)runs[0]!["text"]!).TrimEnd(':', ' '), (string)runs[1]!["text"]!))];
    }

    private static IEnumerable<JsonObject> Nodes(JsonNode? node) => node switch
    {
        JsonObject o => [o, .. o.SelectMany(p => Nodes(p.Value))],
        JsonArray a => a.SelectMany(Nodes),
        _ => [],
    };

    private static readonly string[] EveryonesCommands =
        ["status LR-1042", "my requests", "history LR-1042", "attach LR-1042", "answer LR-1042 …", "cancel", "start over", "help", "new request"];

    [Fact]
    public async Task ForARequester_ListsEveryonesCommands()
    {
        var help = await HelpAsync(new Conversation());

        Assert.Equal(EveryonesCommands, help.Select(h => h.Command));
        Assert.Equal("Start a new legal request, or just say what you need, e.g. \"I need an NDA\"", help.Single(h => h.Command == "new request").Description);
        Assert.Equal("See where a request stands", help.Single(h => h.Command == "status LR-1042").Description);
    }

    private static readonly string[] LegalStaffCommands =
        ["status LR-1042", "my requests", "history LR-1042", "metrics this quarter", "scorecard Contoso Legal this year", "export this quarter", "attach LR-1042", "answer LR-1042 …", "cancel", "start over", "help", "new request"];

    [Fact]
    public async Task ForLegalStaff_AddsMetricsScorecardsAndExport_AfterHistory()
    {
        var help = await HelpAsync(new Conversation(user: Conversation.Staff));

        Assert.Equal(LegalStaffCommands, help.Select(h => h.Command));
        Assert.Equal("Turnaround, SLA compliance, backlog and cost saved", help.Single(h => h.Command == "metrics this quarter").Description);
        Assert.Equal("An ALSP professional's or firm's record: on time, turnaround, ratings, cost", help.Single(h => h.Command == "scorecard Contoso Legal this year").Description);
        Assert.Equal("The requests and their figures as a CSV file for Excel", help.Single(h => h.Command == "export this quarter").Description);
    }

    [Fact]
    public async Task ForAnAlspProfessional_AddsMyAssignments_AfterMyRequests()
    {
        var help = await HelpAsync(new Conversation(user: Alsp, configure: WithAlspRoster));

        Assert.Equal(
            ["status LR-1042", "my requests", "my assignments", "history LR-1042", "attach LR-1042", "answer LR-1042 …", "cancel", "start over", "help", "new request"],
            help.Select(h => h.Command));
        Assert.Equal("List the requests assigned to you", help.Single(h => h.Command == "my assignments").Description);
    }

    [Fact]
    public async Task ANewlyRegisteredIntent_AppearsInHelp_ForTheRolesItNames()
    {
        static void Register(IServiceCollection s)
        {
            s.AddIntent<OfficeHoursIntent>();
            s.AddIntent<TriageQueueIntent>();
        }

        var forRequester = await HelpAsync(new Conversation(configure: Register));
        var forStaff = await HelpAsync(new Conversation(user: Conversation.Staff, configure: Register));

        Assert.Equal([.. EveryonesCommands, "office hours"], forRequester.Select(h => h.Command));
        Assert.Equal(("office hours", "When the legal team answers"), forRequester[^1]);
        Assert.Equal([.. LegalStaffCommands, "office hours", "triage queue"], forStaff.Select(h => h.Command));
    }
}
