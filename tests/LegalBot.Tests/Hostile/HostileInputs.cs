using System.Text;
using System.Text.Json.Nodes;
using LegalBot.Cards;
using LegalBot.Core.Workflow;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.Hostile;

/// <summary>One hostile input: a raw body (possibly not JSON, not even text), its content type, and who sends it.</summary>
public sealed record HostileCase(string Kind, byte[] Body, string ContentType, TeamsUser Sender)
{
    public HostileCase(string kind, string body, string contentType, TeamsUser sender)
        : this(kind, Encoding.UTF8.GetBytes(body), contentType, sender)
    {
    }

    /// <summary>What was done to a valid activity to make this case, for replaying a failure.</summary>
    public string? Detail { get; init; }

    /// <summary>The invoke's name when the body is an invoke activity (what an invoke response is owed to), else null.</summary>
    public string? InvokeName
    {
        get
        {
            try
            {
                return JsonNode.Parse(Body) is JsonObject o && o["type"] is JsonValue t && t.TryGetValue<string>(out var type) && type == "invoke"
                    ? (o["name"] is JsonValue n && n.TryGetValue<string>(out var name) ? name : "")
                    : null;
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }
    }
}

/// <summary>
/// Generates malformed and hostile activities from a seeded random source, so a failure can be replayed:
/// broken JSON, wrong types, missing ids, giant and deeply nested values, unknown types and invokes,
/// forged card submits and Universal Actions, replays, out-of-order answers, Unicode tricks, Markdown and
/// HTML, OData and SQL metacharacters; and, for half the cases, <see cref="StructuralMutations"/> of valid
/// activities of every kind the bot receives.
/// </summary>
public sealed class HostileInputs(Random random, Func<TeamsUser, TeamsClient> clients, string victimId)
{
    private readonly StructuralMutations structural = new(random, victimId);

    /// <summary>People with no right to change the victim request (it is assigned to nobody).</summary>
    private static readonly TeamsUser[] Attackers = [TeamsUser.OtherRequester, TeamsUser.SecondAlsp, TeamsUser.Alsp];

    private static readonly string[] Nasty =
    [
        "\u202Estatus LR-1001", "status LR-\u200D1001", "status LR-1001\u0000", "help\u0000\u0001\u0002", "\uFEFF\u200B\u200C",
        "<script>alert(1)</script>", "[click](https://evil.example)", "![img](https://evil.example/x.png)", "**bold** _it_ `code`",
        "<at>LegalBot</at> <a href=\"https://evil.example\">x</a>", "status LR-1001' OR '1'='1", "'; DROP TABLE requests; --",
        "$filter=startswith(Title,'a') or 1 eq 1", "status LR-99999999999999999999", "status LR--1", "answer LR-1001 " + new string('a', 5000),
        "history LR-1001", "my assignments", "start over", "cancel", "\uD83D\uDE00\uD83D\uDC69\u200D\u2696\uFE0F", "I need an NDA\r\n\r\nwith \t tabs",
        "new request", "{\"type\":\"message\"}", "%00%0a%0d", "../../etc/passwd", "\\\\server\\share", "LR-1001", "answer LR-1001 yes",
    ];

    private static readonly string[] Fields =
    [
        "type", "id", "from", "conversation", "recipient", "text", "value", "channelData", "serviceUrl", "timestamp",
        "localTimestamp", "attachments", "entities", "locale", "channelId", "replyToId", "name", "membersAdded", "textFormat",
    ];

    public HostileCase Next()
    {
        var sender = Attackers[random.Next(Attackers.Length)];
        var client = clients(sender);
        if (random.Next(2) == 0)
        {
            return structural.Next(client);
        }

        return random.Next(12) switch
        {
            0 => Raw("broken-json", BrokenJson(client), sender),
            1 => Json("wrong-type", WrongType(client.Message("help", null)), sender),
            2 => Json("missing-field", Missing(client.Message("status " + victimId, null)), sender),
            3 => Json("giant", Giant(client), sender),
            4 => Json("deep", Deep(client), sender),
            5 => Json("unknown-type", UnknownType(client), sender),
            6 => Json("forged-submit", ForgedSubmit(client, sender), sender),
            7 => Json("forged-invoke", ForgedInvoke(client, sender), sender),
            8 => Json("nasty-text", client.Message(Nasty[random.Next(Nasty.Length)], null), sender),
            9 => Json("out-of-order", OutOfOrder(client), sender),
            10 => new HostileCase("wrong-content-type", client.Message("help", null).ToJsonString(), random.Next(2) == 0 ? "text/plain" : "application/x-www-form-urlencoded", sender),
            _ => Json("unicode-ids", UnicodeIds(client), sender),
        };
    }

    private static HostileCase Json(string kind, JsonNode activity, TeamsUser sender) => new(kind, activity.ToJsonString(), "application/json", sender);

    private static HostileCase Raw(string kind, string body, TeamsUser sender) => new(kind, body, "application/json", sender);

    private string BrokenJson(TeamsClient client)
    {
        var valid = client.Message("help", null).ToJsonString();
        return random.Next(6) switch
        {
            0 => valid[..random.Next(1, valid.Length - 1)],
            1 => "null",
            2 => "[]",
            3 => "\"just a string\"",
            4 => new string('[', 5000) + new string(']', 5000),
            _ => Encoding.Latin1.GetString([.. Enumerable.Range(0, 200).Select(_ => (byte)random.Next(256))]),
        };
    }

    private JsonNode RandomValue() => random.Next(7) switch
    {
        0 => 42,
        1 => true,
        2 => new JsonArray(1, "two", null),
        3 => new JsonObject { ["unexpected"] = new JsonObject { ["deeper"] = 1 } },
        4 => new string('x', random.Next(1, 20_000)),
        5 => -1.5e300,
        _ => "",
    };

    private JsonObject WrongType(JsonObject activity)
    {
        activity[Fields[random.Next(Fields.Length)]] = RandomValue();
        return activity;
    }

    private JsonObject Missing(JsonObject activity)
    {
        activity.Remove(Fields[random.Next(Fields.Length)]);
        if (random.Next(2) == 0)
        {
            activity["from"]?.AsObject().Remove(random.Next(2) == 0 ? "aadObjectId" : "id");
        }

        return activity;
    }

    private JsonObject Giant(TeamsClient client) => random.Next(3) switch
    {
        0 => client.Message(new string('a', random.Next(9_000, 120_000)), null),
        1 => client.Message(null, Obj(Enumerable.Range(0, 1000).Select(i => ($"k{i}", (JsonNode?)new string('v', 100))))),
        _ => client.Message(null, new JsonObject { ["action"] = CardActions.IntakeSubmit, ["title"] = new string('t', 60_000), ["draftId"] = new string('d', 5000) }),
    };

    private JsonObject Deep(TeamsClient client)
    {
        JsonNode node = "bottom";
        for (var i = 0; i < random.Next(20, 120); i++)
        {
            node = new JsonObject { ["n"] = node };
        }

        return client.Message(null, new JsonObject { ["action"] = CardActions.Status, ["id"] = victimId, ["nested"] = node });
    }

    private JsonObject UnknownType(TeamsClient client)
    {
        var activity = client.Message(null, null);
        activity["type"] = random.Next(3) switch { 0 => "invoke", 1 => "event", _ => "x-" + random.Next() };
        activity["name"] = random.Next(4) switch
        {
            0 => "adaptiveCard/action",
            1 => "composeExtension/query",
            2 => "signin/verifyState",
            _ => "unknown/" + random.Next(),
        };
        activity["value"] = random.Next(2) == 0 ? RandomValue() : new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = RandomValue() } };
        return activity;
    }

    /// <summary>Card submits claiming to be someone else, for someone else's request, or another role.</summary>
    private JsonObject ForgedSubmit(TeamsClient client, TeamsUser sender)
    {
        var verbs = CardActions.WorkflowVerbs.Keys.ToArray();
        var value = random.Next(3) switch
        {
            0 => new JsonObject { ["action"] = CardActions.IntakeConfirm, ["draftId"] = Guid.NewGuid().ToString("N") },
            1 => new JsonObject { ["action"] = CardActions.Status, ["id"] = victimId, ["aadObjectId"] = TeamsUser.LegalStaff.AadObjectId, ["role"] = "LegalStaff" },
            _ => new JsonObject { ["action"] = CardActions.Workflow, ["verb"] = verbs[random.Next(verbs.Length)], ["number"] = victimId, ["version"] = "1" },
        };
        foreach (var action in Enum.GetValues<WorkflowAction>())
        {
            value[CardActions.InputId(action, CardActions.AssigneeField)] = sender.AadObjectId;
            value[CardActions.InputId(action, CardActions.NoteField)] = "[forged](https://evil.example)";
        }

        return client.Message(null, value);
    }

    private JsonObject ForgedInvoke(TeamsClient client, TeamsUser sender)
    {
        var verbs = CardActions.WorkflowVerbs.Keys.Append(CardActions.RefreshVerb).ToArray();
        var data = new JsonObject { ["number"] = random.Next(4) == 0 ? "LR-" + random.Next() : victimId, ["version"] = random.Next(3).ToString(System.Globalization.CultureInfo.InvariantCulture), ["from"] = TeamsUser.LegalStaff.AadObjectId };
        data[CardActions.InputId(WorkflowAction.Assign, CardActions.AssigneeField)] = sender.AadObjectId;
        data[CardActions.InputId(WorkflowAction.Rate, CardActions.RatingField)] = "5";
        var activity = client.Message(null, null);
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verbs[random.Next(verbs.Length)], ["data"] = data }, ["trigger"] = "manual" };
        return activity;
    }

    private JsonObject OutOfOrder(TeamsClient client) => random.Next(4) switch
    {
        0 => client.Message(null, new JsonObject { ["action"] = CardActions.IntakeSubmit, ["draftId"] = "not-a-draft", ["title"] = "Sneaky" }),
        1 => client.Message("yes", null),
        2 => client.Message($"answer {victimId} I was never asked", null),
        _ => client.Message(null, new JsonObject { ["action"] = CardActions.RequestsPage, ["page"] = "s1.-5", ["from"] = "-5" }),
    };

    private JsonObject UnicodeIds(TeamsClient client)
    {
        var activity = client.Message("help", null);
        activity["conversation"]!["id"] = random.Next(2) == 0 ? "a:\u202E\u0000" + new string('c', 3000) : "a:../../" + random.Next();
        activity["id"] = "\uD800\u200D" + random.Next();
        return activity;
    }

    private static JsonObject Obj(IEnumerable<(string Key, JsonNode? Value)> pairs)
    {
        var o = new JsonObject();
        foreach (var (k, v) in pairs)
        {
            o[k] = v;
        }

        return o;
    }
}
