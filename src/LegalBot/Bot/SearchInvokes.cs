using System.Globalization;
using LegalBot.Application.Requests;
using LegalBot.Cards;
using LegalBot.Cards.Builders;
using LegalBot.Core.Catalog;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace LegalBot.Bot;

/// <summary>
/// The message extension's search (<c>composeExtension/query</c>, command <see cref="SearchCommand"/>): finds the
/// sender's requests by number, title or counterparty (<see cref="RequestSearch"/>) and answers with Teams'
/// documented result, <c>{composeExtension:{type:"result",attachmentLayout:"list",attachments:[…]}}</c>. Each result's
/// <c>preview</c>, which only the searcher sees in the list, names the request; its <c>content</c>, the card inserted
/// into the conversation, is <see cref="SharedRequestCard"/>: the number only, refreshed per viewer.
/// </summary>
public sealed class SearchInvokes(RequestSearch search, RequestTypeCatalog catalog, TimeProvider time, ILogger<SearchInvokes> logger)
{
    public const string Query = "composeExtension/query";

    /// <summary>The search command's id and its one parameter (in the manifest's <c>composeExtensions</c>).</summary>
    public const string SearchCommand = "searchRequests";

    public const string QueryParameter = "query";

    private const string CardContentType = "application/vnd.microsoft.card.adaptive";

    public async Task<InvokeResponse> HandleAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var value = turnContext.Activity.Value as JObject ?? [];
        if ((string?)value["commandId"] != SearchCommand)
        {
            Log.DialogRefused(logger, Query, null, "unknown command");
            return Ok(Message("LegalBot doesn't know that search. Please update the app, or ask your Teams administrator."));
        }

        var input = ActivityMapper.ToInput(turnContext, time.GetUtcNow());
        if (input is null)
        {
            Log.DialogRefused(logger, Query, SearchCommand, "no signed-in sender");
            return Ok(Message("I can only search for people signed in to Microsoft 365 in Teams."));
        }

        var parameters = (value["parameters"] as JArray ?? []).OfType<JObject>().ToList();
        var text = parameters.FirstOrDefault(p => (string?)p["name"] == QueryParameter)?["value"] is { Type: JTokenType.String } typed ? (string?)typed : null;
        var options = value["queryOptions"] as JObject;
        var skip = options?["skip"] is { Type: JTokenType.Integer } s ? (int)Math.Clamp((long)s, 0, int.MaxValue) : 0;
        var count = options?["count"] is { Type: JTokenType.Integer } c ? (int)Math.Clamp((long)c, 0, int.MaxValue) : RequestSearch.MaxCount;
        var found = await search.FindAsync(input.User.AadObjectId, text, skip, count, cancellationToken);

        var attachments = new JArray();
        foreach (var request in found)
        {
            var type = catalog.Find(request.Details.TypeKey)?.Name ?? request.Details.TypeKey;
            attachments.Add(new JObject
            {
                ["contentType"] = CardContentType,
                ["content"] = JToken.Parse(LegalBot.Cards.CardSerializer.Serialize(SharedRequestCard.Build(request.Number, search.Viewers(request)))),
                ["preview"] = new JObject
                {
                    ["contentType"] = "application/vnd.microsoft.card.thumbnail",
                    ["content"] = new JObject
                    {
                        ["title"] = $"{request.Number}: {request.Details.Title}",
                        ["text"] = string.Format(CultureInfo.InvariantCulture, "{0} · {1}", type, request.State.Describe()),
                    },
                },
            });
        }

        return Ok(new JObject
        {
            ["composeExtension"] = new JObject
            {
                ["type"] = "result",
                ["attachmentLayout"] = "list",
                ["attachments"] = attachments,
            },
        });
    }

    private static JObject Message(string text) =>
        new() { ["composeExtension"] = new JObject { ["type"] = "message", ["text"] = text } };

    private static InvokeResponse Ok(JObject body) => new() { Status = 200, Body = body };
}
