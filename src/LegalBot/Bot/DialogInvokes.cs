using System.Globalization;
using LegalBot.Application.Requests;
using LegalBot.Application.Workflow;
using LegalBot.Cards.Builders;
using LegalBot.Core.Requests;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace LegalBot.Bot;

/// <summary>
/// Filing in a Teams dialog. The "Send to legal" message action (<c>composeExtension/fetchTask</c> opens it,
/// prefilled from the message; <c>composeExtension/submitAction</c> carries each step) and the form opened from a
/// button in a group chat or channel (<c>task/fetch</c>, <c>task/submit</c>). Reads the invoke's JSON, which
/// <see cref="ActivityValidator"/> has checked against the documented shapes, calls <see cref="DialogIntake"/>,
/// and answers in the shapes Teams documents: <c>{task:{type:"continue",value:{title,height,width,card}}}</c> for
/// the next card, <c>{task:{type:"message",value}}</c> for a line in the dialog, and, once a message action has
/// filed, <c>{composeExtension:{type:"result",…}}</c>: the short note the user may post in the thread. A request
/// card's long steps (assign with the candidates compared, complete) open here too (<see cref="WorkflowDialogs"/>).
/// </summary>
public sealed class DialogInvokes(DialogIntake intake, WorkflowDialogs work, TimeProvider time, ILogger<DialogInvokes> logger)
{
    public const string FetchTask = "composeExtension/fetchTask";
    public const string SubmitAction = "composeExtension/submitAction";
    public const string TaskFetch = "task/fetch";
    public const string TaskSubmit = "task/submit";

    /// <summary>The message action's command id (in the manifest's <c>composeExtensions</c>).</summary>
    public const string SendToLegalCommand = "sendToLegal";

    private const string CardContentType = "application/vnd.microsoft.card.adaptive";

    public static bool Handles(string? invokeName) => invokeName is FetchTask or SubmitAction or TaskFetch or TaskSubmit;

    /// <param name="resolveUser">The submitter with their email from the Teams roster, looked up only when a request is filed.</param>
    public async Task<InvokeResponse> HandleAsync(ITurnContext turnContext, Func<CancellationToken, Task<Person>> resolveUser, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var name = activity.Name;
        var value = activity.Value as JObject ?? [];
        var now = time.GetUtcNow();
        var input = ActivityMapper.ToInput(turnContext, now);
        var isMessageExtension = name is FetchTask or SubmitAction;
        var commandId = isMessageExtension ? (string?)value["commandId"] : null;
        if (isMessageExtension && commandId != SendToLegalCommand)
        {
            Log.DialogRefused(logger, name, null, "unknown command");
            return Ok(TaskMessage("LegalBot doesn't know that command. Please update the app, or ask your Teams administrator."));
        }

        if (input is null)
        {
            Log.DialogRefused(logger, name, commandId, "no signed-in sender");
            return Ok(TaskMessage("I can only take requests from people signed in to Microsoft 365 in Teams."));
        }

        if (!isMessageExtension && ActivityMapper.ReadValue(value["data"]) is { } buttonData
            && buttonData.GetValueOrDefault(LegalBot.Cards.CardActions.ActionKey) == LegalBot.Cards.CardActions.WorkDialog)
        {
            return await WorkAsync(input.User, name == TaskFetch, buttonData, cancellationToken);
        }

        if (name is FetchTask or TaskFetch)
        {
            var message = name == FetchTask && value["messagePayload"] is JObject payload ? SourceOf(payload) : null;
            return Ok(Answer(intake.Start(message?.Description()), fromMessage: false, name, commandId));
        }

        var data = ActivityMapper.ReadValue(value["data"]) ?? new Dictionary<string, string>();
        var submitter = data.GetValueOrDefault(LegalBot.Cards.CardActions.ActionKey) == LegalBot.Cards.CardActions.IntakeSubmit
            ? await resolveUser(cancellationToken)
            : input.User;
        var step = await intake.ContinueAsync(submitter, input.TenantId, data, input.Today, now, cancellationToken);
        return Ok(Answer(step, fromMessage: name == SubmitAction, name, commandId));
    }

    /// <summary>A request card's step in a dialog: the form on <c>task/fetch</c>, the step taken on <c>task/submit</c>.</summary>
    private async Task<InvokeResponse> WorkAsync(Person sender, bool open, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        switch (open ? await work.OpenAsync(sender, data, cancellationToken) : await work.SubmitAsync(sender, data, cancellationToken))
        {
            case WorkDialogStep.Form form:
                var verb = data.GetValueOrDefault(LegalBot.Cards.CardActions.VerbKey);
                var number = data.GetValueOrDefault(LegalBot.Cards.CardActions.NumberKey);
                Log.WorkDialogOpened(logger, verb, number);
                return Ok(new JObject
                {
                    ["task"] = new JObject
                    {
                        ["type"] = "continue",
                        ["value"] = new JObject { ["title"] = form.Title, ["height"] = "large", ["width"] = "medium", ["card"] = Card(form.Card) },
                    },
                });
            case WorkDialogStep.Said said:
                return Ok(TaskMessage(said.Message));
            case var other:
                throw new InvalidOperationException("Unknown dialog step " + other.GetType().Name + ".");
        }
    }

    private JObject Answer(DialogStep step, bool fromMessage, string invoke, string? commandId)
    {
        switch (step)
        {
            case DialogStep.Show show:
                return new JObject
                {
                    ["task"] = new JObject
                    {
                        ["type"] = "continue",
                        ["value"] = new JObject
                        {
                            ["title"] = DialogIntake.Title,
                            ["height"] = "large",
                            ["width"] = "medium",
                            ["card"] = Card(show.Card),
                        },
                    },
                };
            case DialogStep.Filed { Result: var result }:
                var number = result.Request.Number;
                Log.FiledFromDialog(logger, number, invoke, commandId, result.Created);
                if (!fromMessage)
                {
                    return TaskMessage(result.Created
                        ? $"Filed as {number}. The legal team will triage it; its card is in your chat with LegalBot."
                        : $"This request was already filed as {number}.");
                }

                // A card response: Teams puts the note in the compose box of the thread the message is in, and the
                // user decides whether to post it. The bot needs no place in that chat, and posts nothing itself.
                var note = SentToLegalCard.Build(number);
                return new JObject
                {
                    ["composeExtension"] = new JObject
                    {
                        ["type"] = "result",
                        ["attachmentLayout"] = "list",
                        ["attachments"] = new JArray(new JObject
                        {
                            ["contentType"] = CardContentType,
                            ["content"] = CardContent(note),
                            ["preview"] = new JObject
                            {
                                ["contentType"] = "application/vnd.microsoft.card.thumbnail",
                                ["content"] = new JObject { ["title"] = $"Sent to the legal team as {number}" },
                            },
                        }),
                    },
                };
            case DialogStep.Refused refused:
                Log.DialogRefused(logger, invoke, commandId, "expired or out-of-place submission");
                return TaskMessage(refused.Message);
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step.GetType().Name, "Unknown dialog step.");
        }
    }

    /// <summary>The message the action was run on, read from Teams' <c>messagePayload</c>; fields of the wrong type are ignored.</summary>
    public static SourceMessage SourceOf(JObject payload)
    {
        var body = payload["body"] as JObject;
        var from = payload["from"] as JObject;
        var sender = (from?["user"] as JObject)?["displayName"] ?? (from?["application"] as JObject)?["displayName"];
        var attachments = new List<MessageAttachment>();
        foreach (var attachment in (payload["attachments"] as JArray ?? []).OfType<JObject>().Take(SourceMessage.MaxAttachments * 5))
        {
            if (Text(attachment["contentUrl"]) is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                attachments.Add(new MessageAttachment(Text(attachment["name"]) ?? "", uri));
            }
        }

        return new SourceMessage(
            Text(body?["content"]),
            !string.Equals(Text(body?["contentType"]), "text", StringComparison.OrdinalIgnoreCase),
            Text(sender),
            DateTimeOffset.TryParse(Text(payload["createdDateTime"]), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var sent) ? sent : null,
            attachments,
            Text(payload["linkToMessage"]) is { } link && Uri.TryCreate(link, UriKind.Absolute, out var linkUri) ? linkUri : null);
    }

    private static string? Text(JToken? token) => token is { Type: JTokenType.String } ? (string?)token : null;

    private static JObject TaskMessage(string text) =>
        new() { ["task"] = new JObject { ["type"] = "message", ["value"] = text } };

    private static JObject Card(LegalBot.Cards.Model.AdaptiveCard card) =>
        new() { ["contentType"] = CardContentType, ["content"] = CardContent(card) };

    private static JToken CardContent(LegalBot.Cards.Model.AdaptiveCard card) => JToken.Parse(LegalBot.Cards.CardSerializer.Serialize(card));

    private static InvokeResponse Ok(JObject body) => new() { Status = 200, Body = body };
}
