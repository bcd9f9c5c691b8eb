using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LegalBot.Cards;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.Hostile;

/// <summary>
/// Structural mutation: a valid activity of each kind the bot receives, as Teams sends it, with one to three
/// fields anywhere in its JSON tree replaced by a value of another type, removed, nested deeply, retyped,
/// repeated under another spelling, or given non-ASCII and invisible characters, or a serviceUrl where no
/// channel answers; plus valid activities cut short and bodies of random bytes.
/// The mutations do not follow the shapes the code expects: any node of the tree may be hit.
/// </summary>
public sealed class StructuralMutations(Random random, string victimId)
{
    /// <summary>Characters that must never reach a URL, a header or a log line as they are.</summary>
    private static readonly string[] Tricky =
    [
        "\u202E", "\u200B", "\u200D", "\uFEFF", "\u0000", "\u0007", "\u001B[31m", "\r\n", "\u2028", "é", "Ж", "\uD83D\uDE00", "\uD800", " ", "%0d%0a", "\u00A0",
    ];

    /// <summary>The path a redirected serviceUrl gains; the fake channel answers nothing under it.</summary>
    public const string Elsewhere = "elsewhere";

    private static readonly string[] Kinds =
    [
        "message", "mention", "submit", "card-action", "compose-query", "compose-fetch", "compose-submit", "task-fetch", "signin", "file-consent", "members-added",
        "team-members-added", "members-removed", "installation-update", "read-receipt", "reaction",
    ];

    public HostileCase Next(TeamsClient client)
    {
        var kind = Kinds[random.Next(Kinds.Length)];
        var activity = Valid(kind, client);
        switch (random.Next(10))
        {
            case 0:
                var bytes = Encoding.UTF8.GetBytes(activity.ToJsonString());
                return new HostileCase("truncated " + kind, bytes[..random.Next(0, bytes.Length - 1)], "application/json", client.User);
            case 1:
                var prefix = random.Next(2) == 0 ? Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\"") : [];
                var noise = new byte[random.Next(1, 600)];
                random.NextBytes(noise);
                return new HostileCase("binary", [.. prefix, .. noise], "application/json", client.User);
            default:
                var mutations = random.Next(1, 4);
                var applied = new List<string>();
                for (var i = 0; i < mutations; i++)
                {
                    applied.Add(Mutate(activity));
                }

                return new HostileCase("mutated " + kind, Encoding.UTF8.GetBytes(activity.ToJsonString()), "application/json", client.User) { Detail = string.Join(", ", applied) };
        }
    }

    /// <summary>A valid activity of the kind, shaped as Teams documents it.</summary>
    private JsonObject Valid(string kind, TeamsClient client)
    {
        var user = client.User;
        switch (kind)
        {
            case "message":
                return client.Message(random.Next(2) == 0 ? "help" : "status " + victimId, null);
            case "mention":
                var mention = client.Message("<at>LegalBot</at> status " + victimId, null);
                mention["conversation"]!["conversationType"] = "groupChat";
                mention["conversation"]!["isGroup"] = true;
                mention["conversation"]!["id"] = "19:group-" + user.AadObjectId + "@thread.v2";
                mention["entities"] = new JsonArray(
                    new JsonObject { ["type"] = "mention", ["text"] = "<at>LegalBot</at>", ["mentioned"] = new JsonObject { ["id"] = "28:legalbot", ["name"] = "LegalBot" } },
                    new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-US", ["country"] = "US", ["platform"] = "Web", ["timezone"] = "Europe/Berlin" });
                return mention;
            case "submit":
                return client.Message(null, new JsonObject { [CardActions.ActionKey] = CardActions.Status, [CardActions.IdKey] = victimId });
            case "card-action":
                return Invoke(client, "adaptiveCard/action", new JsonObject
                {
                    ["action"] = new JsonObject
                    {
                        ["type"] = "Action.Execute",
                        ["id"] = "refresh",
                        ["verb"] = CardActions.RefreshVerb,
                        ["data"] = new JsonObject { [CardActions.NumberKey] = victimId, [CardActions.VersionKey] = "1" },
                    },
                    ["trigger"] = random.Next(2) == 0 ? "automatic" : "manual",
                });
            case "compose-query":
                return Invoke(client, "composeExtension/query", new JsonObject
                {
                    ["commandId"] = "searchRequests",
                    ["parameters"] = new JsonArray(new JsonObject { ["name"] = "query", ["value"] = "NDA" }),
                    ["queryOptions"] = new JsonObject { ["skip"] = 0, ["count"] = 25 },
                });
            case "compose-fetch":
                return ChannelInvoke(client, "composeExtension/fetchTask", new JsonObject
                {
                    ["commandId"] = "sendToLegal",
                    ["commandContext"] = "message",
                    ["context"] = new JsonObject { ["theme"] = "default" },
                    ["messagePayload"] = TeamsActivities.MessagePayload(
                        "<p>Status of <at id=\"0\">LegalBot</at> " + victimId + "?</p><ul><li>one</li></ul>",
                        "Alex Seller",
                        [new JsonObject { ["id"] = "1", ["contentType"] = "reference", ["contentUrl"] = "https://contoso.sharepoint.com/sites/x/a b.docx", ["name"] = "a b.docx" }],
                        [new JsonObject { ["id"] = 0, ["mentionText"] = "LegalBot", ["mentioned"] = new JsonObject { ["application"] = new JsonObject { ["id"] = "28:legalbot", ["displayName"] = "LegalBot" } } }]),
                });
            case "compose-submit":
                return ChannelInvoke(client, "composeExtension/submitAction", new JsonObject
                {
                    ["commandId"] = "sendToLegal",
                    ["commandContext"] = "message",
                    ["context"] = new JsonObject { ["theme"] = "default" },
                    ["data"] = new JsonObject { [CardActions.ActionKey] = CardActions.IntakeType, [CardActions.DraftIdKey] = Guid.NewGuid().ToString("N"), [CardActions.TypeKey] = "nda", ["description"] = "About " + victimId },
                });
            case "task-fetch":
                return Invoke(client, "task/fetch", new JsonObject { ["type"] = "task/fetch", ["data"] = new JsonObject { ["msteams"] = new JsonObject { ["type"] = "task/fetch" } } });
            case "signin":
                return Invoke(client, "signin/verifyState", new JsonObject { ["state"] = "123456" });
            case "file-consent":
                return Invoke(client, "fileConsent/invoke", new JsonObject
                {
                    ["type"] = "fileUpload",
                    ["action"] = "accept",
                    ["context"] = new JsonObject { ["filename"] = "nda.docx" },
                    ["uploadInfo"] = new JsonObject { ["name"] = "nda.docx", ["uploadUrl"] = "https://upload.example/x", ["contentUrl"] = "https://files.example/x", ["uniqueId"] = "1", ["fileType"] = "docx" },
                });
            case "members-added":
                return client.Installed();
            case "team-members-added":
                var team = client.Installed();
                team["conversation"] = new JsonObject { ["conversationType"] = "channel", ["tenantId"] = user.TenantId, ["id"] = "19:general-" + user.AadObjectId + "@thread.tacv2", ["isGroup"] = true };
                team["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:legalbot" }, new JsonObject { ["id"] = user.ChannelUserId, ["aadObjectId"] = user.AadObjectId });
                team["channelData"] = new JsonObject
                {
                    ["eventType"] = "teamMemberAdded",
                    ["team"] = new JsonObject { ["id"] = "19:general-" + user.AadObjectId + "@thread.tacv2", ["name"] = "Legal", ["aadGroupId"] = Guid.Empty.ToString() },
                    ["channel"] = new JsonObject { ["id"] = "19:general-" + user.AadObjectId + "@thread.tacv2", ["name"] = "General" },
                    ["tenant"] = new JsonObject { ["id"] = user.TenantId },
                    ["settings"] = new JsonObject { ["selectedChannel"] = new JsonObject { ["id"] = "19:general-" + user.AadObjectId + "@thread.tacv2" } },
                };
                return team;
            case "members-removed":
                var removed = client.Installed();
                removed.Remove("membersAdded");
                removed["membersRemoved"] = new JsonArray(new JsonObject { ["id"] = user.ChannelUserId });
                return removed;
            case "installation-update":
                var installation = client.Installed();
                installation["type"] = "installationUpdate";
                installation["action"] = random.Next(2) == 0 ? "add" : "remove";
                installation.Remove("membersAdded");
                installation["channelData"]!["source"] = new JsonObject { ["name"] = "message" };
                return installation;
            case "read-receipt":
                var receipt = client.Message(null, null);
                receipt["type"] = "event";
                receipt["name"] = "application/vnd.microsoft.readReceipt";
                receipt["value"] = new JsonObject { ["lastReadMessageId"] = "1732612345678" };
                return receipt;
            default:
                var reaction = client.Message(null, null);
                reaction["type"] = "messageReaction";
                reaction["replyToId"] = "1732612345678";
                reaction["reactionsAdded"] = new JsonArray(new JsonObject { ["type"] = "like" });
                return reaction;
        }
    }

    /// <summary>An invoke from a team channel (a message action there), with the client's id and service URL.</summary>
    private static JsonObject ChannelInvoke(TeamsClient client, string name, JsonObject value)
    {
        var like = client.Message(null, null);
        return TeamsActivities.ChannelInvoke(client.User, new Uri((string)like["serviceUrl"]!), (string)like["id"]!, name, value);
    }

    private static JsonObject Invoke(TeamsClient client, string name, JsonObject value)
    {
        var activity = client.Message(null, null);
        activity["type"] = "invoke";
        activity["name"] = name;
        activity["value"] = value;
        return activity;
    }

    /// <summary>Applies one mutation to a node picked uniformly among all nodes below the root; returns what it did.</summary>
    private string Mutate(JsonObject root)
    {
        var slots = new List<(JsonNode Parent, string? Key, int Index, string Path)>();
        Collect(root, "", slots);
        if (slots.Count == 0)
        {
            root["type"] = "message";
            return "type restored";
        }

        // Ids and addresses go into URLs and headers: hit them more often than their share of the tree.
        var (parent, key, index, path) = random.Next(4) == 0 && slots.Where(s => IsIdLike(s.Key)).ToList() is { Count: > 0 } ids
            ? ids[random.Next(ids.Count)]
            : slots[random.Next(slots.Count)];
        var current = key is not null ? parent[key] : parent[index];
        if (key == "serviceUrl" && random.Next(4) == 0 && current is JsonValue value && value.TryGetValue<string>(out var serviceUrl))
        {
            // A well-formed URL where no channel answers: the bot's replies are refused (404).
            parent[key] = serviceUrl + Elsewhere + "/";
            return "redirected " + path;
        }

        switch (random.Next(7))
        {
            case 5 when key is not null:
                // The same field again under another spelling (deserializers may match names ignoring case).
                var respelled = random.Next(2) == 0 ? key.ToUpperInvariant() : char.ToUpperInvariant(key[0]) + key[1..];
                if (respelled != key)
                {
                    parent[respelled] = random.Next(2) == 0 ? WithTricky(current) : OtherType(current);
                }

                return "respelled " + path;
            case 0:
                Set(parent, key, index, OtherType(current));
                return "replaced " + path;
            case 1:
                if (key is not null)
                {
                    parent.AsObject().Remove(key);
                }
                else
                {
                    parent.AsArray().RemoveAt(index);
                }

                return "removed " + path;
            case 2:
                Set(parent, key, index, Deepen(current?.DeepClone(), random.Next(2, 100)));
                return "deepened " + path;
            case 3:
                Set(parent, key, index, Retype(current));
                return "retyped " + path;
            default:
                Set(parent, key, index, WithTricky(current));
                return "unicode " + path;
        }
    }

    private static bool IsIdLike(string? key) => key is "id" or "serviceUrl" or "replyToId" or "aadObjectId" or "tenantId" or "channelId" or "aadGroupId";

    private static void Collect(JsonNode node, string path, List<(JsonNode, string?, int, string)> slots)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, child) in obj.ToList())
            {
                var at = path.Length == 0 ? key : path + "." + key;
                slots.Add((node, key, -1, at));
                if (child is not null)
                {
                    Collect(child, at, slots);
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                var at = $"{path}[{i}]";
                slots.Add((node, null, i, at));
                if (array[i] is { } child)
                {
                    Collect(child, at, slots);
                }
            }
        }
    }

    private static void Set(JsonNode parent, string? key, int index, JsonNode? value)
    {
        if (key is not null)
        {
            parent[key] = value;
        }
        else
        {
            parent[index] = value;
        }
    }

    private JsonNode? OtherType(JsonNode? current)
    {
        var kind = current?.GetValueKind();
        while (true)
        {
            JsonNode? candidate = random.Next(9) switch
            {
                0 => null,
                1 => random.Next(2) == 0,
                2 => random.Next(-5, 100_000),
                3 => -1.5e300,
                4 => Tricky[random.Next(Tricky.Length)] + random.Next(),
                5 => random.Next(2) == 0 ? "" : new string('x', random.Next(1, 5000)),
                6 => new JsonArray(1, "two", null, new JsonObject()),
                7 => new JsonObject { ["unexpected"] = new JsonObject { ["deeper"] = 1 } },
                _ => new JsonObject(),
            };
            if (candidate?.GetValueKind() != kind || kind is null && candidate is not null)
            {
                return candidate;
            }
        }
    }

    private static JsonNode? Deepen(JsonNode? node, int depth)
    {
        for (var i = 0; i < depth; i++)
        {
            node = i % 2 == 0 ? new JsonArray(node) : new JsonObject { ["n"] = node };
        }

        return node;
    }

    /// <summary>The same content as another JSON type: string↔number↔bool↔null, object↔array.</summary>
    private JsonNode? Retype(JsonNode? current) => current switch
    {
        null => random.Next(2) == 0 ? new JsonObject() : "null",
        JsonObject o => new JsonArray([.. o.Select(kv => kv.Value?.DeepClone())]),
        JsonArray a => Indexed(a),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => double.TryParse((string?)v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            ? n
            : random.Next(3) switch { 0 => (JsonNode)((string?)v)!.Length, 1 => true, _ => new JsonArray((string?)v) },
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => random.Next(2) == 0 ? v.ToJsonString() : new JsonObject { ["value"] = v.DeepClone() },
        _ => current.ToJsonString(),
    };

    private static JsonObject Indexed(JsonArray array)
    {
        var obj = new JsonObject();
        for (var i = 0; i < array.Count; i++)
        {
            obj[i.ToString(CultureInfo.InvariantCulture)] = array[i]?.DeepClone();
        }

        return obj;
    }

    /// <summary>A string with an invisible, control or non-ASCII character slipped in; other values become such a string.</summary>
    private JsonNode WithTricky(JsonNode? current)
    {
        var tricky = Tricky[random.Next(Tricky.Length)];
        if (current is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && (string?)v is { } text)
        {
            var at = random.Next(text.Length + 1);
            return text[..at] + tricky + text[at..];
        }

        return tricky;
    }
}
