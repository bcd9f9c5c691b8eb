using System.IdentityModel.Tokens.Jwt;
using System.Net.Mime;
using System.Security.Authentication;
using LegalBot.Application;
using LegalBot.Bot;
using LegalBot.Telemetry;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace LegalBot.Hosting;

/// <summary>
/// <c>POST /api/messages</c>: checks the HTTP envelope (content type, size, JSON) before the adapter
/// authenticates and runs the turn, and maps every failure to a clear 4xx/503 instead of a 500.
/// </summary>
public static class MessagesEndpoint
{
    private const int MaxDepth = 64;

    private static readonly JsonSerializer ActivitySerializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        MaxDepth = MaxDepth,
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.None,
    });

    private const string TypeItem = "legalbot.activity.type";
    private const string IdItem = "legalbot.activity.id";

    /// <summary>Answers one activity inside a "turn" span, and counts and times it by activity type and status.</summary>
    public static async Task<IResult> HandleAsync(
        HttpContext http,
        LegalBotAdapter adapter,
        IBot bot,
        IOptions<BotHostOptions> options,
        ILoggerFactory loggerFactory,
        BotTelemetry telemetry)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var span = BotTelemetry.Source.StartActivity("turn", System.Diagnostics.ActivityKind.Server);
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            var result = await AnswerAsync(http, adapter, bot, options, loggerFactory);
            status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
            return result;
        }
        finally
        {
            var type = http.Items[TypeItem] as string ?? "unread";
            span?.SetTag("activity.type", type);
            span?.SetTag("activity.id", http.Items[IdItem] as string);
            span?.SetTag("http.response.status_code", status);
            if (status >= 500)
            {
                span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error);
            }

            telemetry.Turn(type, status, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>The activity types a metric names; any other is counted as "other", so a sender cannot mint labels.</summary>
    private static string TypeLabel(string? type) => type switch
    {
        ActivityTypes.Message or ActivityTypes.Invoke or ActivityTypes.ConversationUpdate or ActivityTypes.InstallationUpdate
            or ActivityTypes.MessageReaction or ActivityTypes.Event or ActivityTypes.Typing or ActivityTypes.MessageUpdate
            or ActivityTypes.MessageDelete => type,
        _ => "other",
    };

    private static async Task<IResult> AnswerAsync(
        HttpContext http,
        LegalBotAdapter adapter,
        IBot bot,
        IOptions<BotHostOptions> options,
        ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger(typeof(MessagesEndpoint).FullName!);
        var limit = options.Value.MaxRequestBodyBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (!IsJson(http.Request.ContentType))
        {
            return Refuse(logger, StatusCodes.Status415UnsupportedMediaType, "Content-Type must be application/json.");
        }

        if (http.Request.ContentLength > limit)
        {
            return Refuse(logger, StatusCodes.Status413PayloadTooLarge, $"The body is larger than {limit} bytes.");
        }

        JToken json;
        try
        {
            // Buffered asynchronously first: Kestrel forbids synchronous reads, and Newtonsoft reads synchronously.
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            buffer.Position = 0;
            using var reader = new StreamReader(buffer);
            using var text = new JsonTextReader(reader) { MaxDepth = MaxDepth, DateParseHandling = DateParseHandling.None };
            json = JToken.ReadFrom(text);
            if (text.Read())
            {
                return Refuse(logger, StatusCodes.Status400BadRequest, "The body holds more than one JSON value.");
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refuse(logger, StatusCodes.Status413PayloadTooLarge, $"The body is larger than {limit} bytes.");
        }
        catch (JsonException)
        {
            return Refuse(logger, StatusCodes.Status400BadRequest, "The body is not valid JSON.");
        }

        // The activity's shape is checked before anything reads it; what passes converts to an Activity without surprises.
        http.Items[TypeItem] = TypeLabel(Text(json, "type"));
        var verdict = ActivityValidator.Check(json);
        if (verdict.Disposition == ActivityDisposition.Refuse)
        {
            Log.ActivityRefused(logger, LogSafe.Id(Text(json, "id")), LogSafe.Id(Text(json, "type")), LogSafe.Id(Text((json as JObject)?["conversation"] as JObject, "id")), verdict.Reason!);
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: verdict.Reason);
        }

        // Checked by the validator (visible ASCII, bounded): safe to name on the turn's span.
        http.Items[IdItem] = Text(json, "id");
        Activity activity;
        try
        {
            activity = json.ToObject<Activity>(ActivitySerializer)!;
        }
        catch (JsonException)
        {
            return Refuse(logger, StatusCodes.Status400BadRequest, "The body is not a valid activity (wrong field types).");
        }

        var authHeader = http.Request.Headers.Authorization.FirstOrDefault() ?? "";
        if (!string.IsNullOrWhiteSpace(authHeader) && !IsBearerJwt(authHeader))
        {
            Log.AuthenticationFailed(logger, activity.Id, "MalformedAuthorizationHeader");
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The request is not authorized.");
        }

        InvokeResponse? response;
        try
        {
            BotCallbackHandler turn = verdict.Disposition switch
            {
                ActivityDisposition.Run => bot.OnTurnAsync,
                ActivityDisposition.RefuseInvoke => (context, _) => RefuseInvokeAsync(context, logger, verdict.Reason!),
                _ => (_, _) => Task.CompletedTask,
            };
            response = await adapter.ProcessAsync(authHeader, activity, turn, http.RequestAborted);
        }
        catch (TenantNotAllowedException)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This tenant may not use the bot.");
        }
        catch (Exception ex) when (IsAuthenticationFailure(ex))
        {
            Log.AuthenticationFailed(logger, activity.Id, ex.GetType().Name);
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The request is not authorized.");
        }
        catch (Exception ex) when (IsMetadataUnavailable(ex))
        {
            Log.IdentityMetadataUnavailable(logger, ex, activity.Id);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The bot cannot verify requests right now. Please retry.");
        }

        if (response is null)
        {
            return Results.Ok();
        }

        var body = response.Body is null ? null : JsonConvert.SerializeObject(response.Body, HttpHelper.BotMessageSerializerSettings);
        return body is null
            ? Results.StatusCode(response.Status)
            : Results.Text(body, MediaTypeNames.Application.Json, statusCode: response.Status);
    }

    /// <summary>
    /// A card action whose value is not the documented shape, from an authenticated sender: Teams expects an invoke
    /// response (HTTP 200) and shows the error it carries on the card.
    /// </summary>
    private static Task RefuseInvokeAsync(ITurnContext turnContext, ILogger logger, string reason)
    {
        var activity = turnContext.Activity;
        Log.ActivityRefused(logger, LogSafe.Id(activity.Id), activity.Type, LogSafe.Id(activity.Conversation?.Id), reason);
        return turnContext.SendActivityAsync(new Activity
        {
            Type = ActivityTypesEx.InvokeResponse,
            Value = new InvokeResponse
            {
                Status = StatusCodes.Status200OK,
                Body = new AdaptiveCardInvokeResponse
                {
                    StatusCode = StatusCodes.Status400BadRequest,
                    Type = "application/vnd.microsoft.error",
                    Value = new Error { Code = "BadRequest", Message = "LegalBot could not read this card action. " + reason + " Refresh the card or type help." },
                },
            },
        });
    }

    private static string? Text(JObject? obj, string name) => obj?[name] is { Type: JTokenType.String } token ? (string?)token : null;

    private static string? Text(JToken json, string name) => Text(json as JObject, name);

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <c>Bearer</c> and a token that parses as a JWT. The SDK parses the token with this same parser before it
    /// validates anything and lets the parser's ArgumentExceptions escape, which would otherwise be a 500.
    /// </summary>
    private static bool IsBearerJwt(string header)
    {
        var parts = header.Split(' ');
        if (parts.Length != 2 || !parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase) || parts[1].Length == 0)
        {
            return false;
        }

        try
        {
            _ = new JwtSecurityToken(parts[1]);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static IResult Refuse(ILogger logger, int status, string reason)
    {
        Log.RequestRefused(logger, reason);
        return Results.Problem(statusCode: status, title: reason);
    }

    private static IEnumerable<Exception> Chain(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private static bool IsAuthenticationFailure(Exception ex) =>
        Chain(ex).Any(e => e is UnauthorizedAccessException or SecurityTokenException or AuthenticationException or ArgumentException { ParamName: "token" })
        && !IsMetadataUnavailable(ex);

    /// <summary>The OpenID metadata or signing keys could not be fetched: a dependency outage, not the caller's fault.</summary>
    private static bool IsMetadataUnavailable(Exception ex) =>
        Chain(ex).Any(e => e is HttpRequestException or IOException or TimeoutException
            || e is InvalidOperationException && e.Message.StartsWith("IDX20803", StringComparison.Ordinal)
            || e is TaskCanceledException);
}
