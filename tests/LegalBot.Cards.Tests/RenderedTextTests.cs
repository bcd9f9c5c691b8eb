using System.Text.Json.Nodes;
using LegalBot.Cards.Builders;
using LegalBot.Cards.Model;
using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;

namespace LegalBot.Cards.Tests;

/// <summary>
/// Renders cards with the official Adaptive Cards SDK in Chromium, with a Markdown processor attached as
/// Teams attaches one (<c>tests/js/render-cards.mjs</c>), and checks what a reader sees: text exactly as
/// typed, no Markdown escape, and nothing Markdown made out of what users typed.
/// </summary>
public sealed class RenderedTextTests
{
    private const string Bold = "**x**";
    private const string Link = "[click](https://evil.example)";
    private const string Mention = "<at>Legal Counsel</at>";
    private const string Heading = "# title";
    private const string Item = "- item";
    private const string Numbered = "1. one";

    private static readonly string Line = $"{Bold} {Link} {Mention} _it_ `code`";
    private static readonly string Lines = $"{Heading}\n{Item}\n{Numbered}\n{Line}";
    private static readonly string[] Typed = [Bold, Link, Mention, Heading, Item, Numbered, Line];

    [Fact]
    public async Task OrdinaryText_IsShownAsWritten_WithoutAnEscape()
    {
        var request = WorkSamples.Request(RequestState.InProgress, WorkSamples.AsPerson(WorkSamples.One)) with
        {
            Details = WorkSamples.Request(RequestState.InProgress).Details with
            {
                Title = "Supplier NDA (v2.1) - Contoso Ltd.",
                Counterparty = "Contoso Ltd.",
                RequestedDueDate = new DateOnly(2026, 12, 14),
            },
        };
        const string notice = "LR-1042 changed since this card was shown (Legal Counsel acted first): it is now In progress.";
        var cards = new Dictionary<string, AdaptiveCard>
        {
            ["work"] = RequestWorkCard.Build(WorkSamples.Model(request, WorkSamples.One.AadObjectId, banner: "LR-1042 is now In progress.", notice: notice)),
            ["details"] = RequestDetailsCard.Build(request, "NDA", "Request filed"),
        };

        var rendered = await RenderAsync(cards);

        foreach (var (name, (text, tags)) in rendered)
        {
            Assert.False(text.Contains('\\', StringComparison.Ordinal), $"{name} shows a backslash:\n{text}");
        }

        // Clients that show Markdown escapes literally (Teams mobile among them) would show any backslash in the
        // card's own text; there is none (JSON writes one as \\).
        Assert.All(cards, c => Assert.DoesNotContain("\\\\", CardSerializer.Serialize(c.Value), StringComparison.Ordinal));

        Assert.Contains(notice, rendered["work"].Text, StringComparison.Ordinal);
        Assert.Contains("LR-1042 is now In progress.", rendered["work"].Text, StringComparison.Ordinal);
        Assert.Contains("LR-1042 · Supplier NDA (v2.1) - Contoso Ltd.", rendered["details"].Text, StringComparison.Ordinal);
        Assert.Contains("14 Dec 2026", rendered["details"].Text, StringComparison.Ordinal);
        Assert.Contains("Contoso Ltd.", rendered["details"].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostileMarkdown_IsShownAsTyped_AndCreatesNoLinkOrFormatting()
    {
        var request = Samples.Request(title: Line, description: Lines, counterparty: Line, requesterName: Line, assignedTo: new Person("aad-x", Line)) with
        {
            RatingComment = Lines,
        };
        var history = WorkSamples.History(request, 3).Select(h => h with { Actor = new Person(h.Actor.AadObjectId, Line), Note = Lines }).ToList();
        var cards = new Dictionary<string, AdaptiveCard>
        {
            ["work"] = RequestWorkCard.Build(new RequestWorkModel(request, Line, [(Line, Lines)], [], [], [], Line, Line, history)),
            ["details"] = RequestDetailsCard.Build(request, Line, Line, [(Line, Lines)]),
            ["confirm"] = ConfirmationCard.Build(CardGallery.Confirmation([("Title", Line), ("Description", Lines)])),
            ["requests"] = MyRequestsCard.Build(new MyRequestsModel(new([request], null), _ => Line)),
            ["welcome"] = WelcomeCard.Build(Line, isLegalStaff: false),
            ["history"] = HistoryCard.Build(new HistoryModel(request, history)),
            ["notice"] = NoticeCard.Build(new NoticeModel(request.Number, Line, Lines, WorkflowAction.Answer, 3)),
            ["answered"] = NoticeCard.Answered(request.Number, Lines),
        };

        var rendered = await RenderAsync(cards);

        foreach (var (name, (text, tags)) in rendered)
        {
            Assert.True(tags.All(t => t.Value == 0), $"{name} has elements made by Markdown: {string.Join(", ", tags.Where(t => t.Value > 0).Select(t => $"{t.Key}={t.Value}"))}");
            Assert.False(text.Contains('\\', StringComparison.Ordinal), $"{name} shows a backslash:\n{text}");
            Assert.Contains(Line, text, StringComparison.Ordinal);
        }

        foreach (var name in new[] { "work", "details", "confirm", "history", "notice", "answered" })
        {
            foreach (var typed in Typed)
            {
                Assert.Contains(typed, rendered[name].Text, StringComparison.Ordinal);
            }

            Assert.Contains(Lines, rendered[name].Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        }
    }

    private static async Task<Dictionary<string, (string Text, Dictionary<string, int> Tags)>> RenderAsync(Dictionary<string, AdaptiveCard> cards)
    {
        var js = Path.Combine(NodeScript.RepositoryRoot(), "tests", "js");
        var script = Path.Combine(js, "render-cards.mjs");
        Assert.True(Directory.Exists(Path.Combine(js, "node_modules", "markdown-it")), "The renderer's packages are not installed: run npm ci in tests/js.");
        var dir = Directory.CreateTempSubdirectory("legalbot-render-");
        try
        {
            foreach (var (name, card) in cards)
            {
                await File.WriteAllTextAsync(Path.Combine(dir.FullName, name + ".json"), CardSerializer.Serialize(card));
            }

            var (exitCode, output) = await NodeScript.RunAsync(script, dir.FullName);
            Assert.True(exitCode == 0, $"render-cards.mjs exited with {exitCode}:\n{output}");
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(l => l.StartsWith("RENDERED ", StringComparison.Ordinal))
                .Select(l => JsonNode.Parse(l["RENDERED ".Length..])!.AsObject())
                .ToDictionary(
                    o => Path.GetFileNameWithoutExtension((string)o["file"]!),
                    o => ((string)o["text"]!, o["tags"]!.AsObject().ToDictionary(t => t.Key, t => (int)t.Value!)));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
