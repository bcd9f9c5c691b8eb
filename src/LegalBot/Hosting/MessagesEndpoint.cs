using System.IdentityModel.Tokens.Jwt;
using System.Net.Mime;
using System.Security.Authentication;
using LegalBot.Bot;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Newtonsoft.Json;

namespace LegalBot.Hosting;

/// <summary>
/// <c>POST /api/messages</c>: checks the HTTP envelope (content type, size, JSON) before the adapter
/// authenticates and runs the turn, and maps every failure to a clear 4xx/503 instead of a 500.
/// </summary>
public static class MessagesEndpoint
{
    private static readonly JsonSerializerSettings ActivitySettings = new()
    {
        MaxDepth = 64,
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.DateTimeOffset,
    };

    public static async Task<IResult> HandleAsync(
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

        Activity? activity;
        try
        {
            // Buffered asynchronously first: Kestrel forbids synchronous reads, and Newtonsoft reads synchronously.
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            buffer.Position = 0;
            using var reader = new StreamReader(buffer);
            using var json = new JsonTextReader(reader) { MaxDepth = 64 };
            activity = JsonSerializer.Create(ActivitySettings).Deserialize<Activity>(json);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refuse(logger, StatusCodes.Status413PayloadTooLarge, $"The body is larger than {limit} bytes.");
        }
        catch (JsonException)
        {
            return Refuse(logger, StatusCodes.Status400BadRequest, "The body is not a valid activity (malformed JSON or wrong field types).");
        }

        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            return Refuse(logger, StatusCodes.Status400BadRequest, "The activity has no type.");
        }

        if (string.IsNullOrWhiteSpace(activity.ServiceUrl) || !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || serviceUrl.Scheme is not ("https" or "http"))
        {
            return Refuse(logger, StatusCodes.Status400BadRequest, "The activity has no valid serviceUrl.");
        }

        if (BadIdentifier(activity) is { } field)
        {
            return Refuse(logger, StatusCodes.Status400BadRequest, $"The activity's {field} is not a valid identifier.");
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
            response = await adapter.ProcessAsync(authHeader, activity, bot.OnTurnAsync, http.RequestAborted);
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

    private const int MaxIdentifierLength = 1024;

    /// <summary>
    /// Ids travel back to the channel in URLs and headers: control characters or absurd lengths there are
    /// refused up front rather than failing when the bot replies.
    /// </summary>
    private static string? BadIdentifier(Activity activity)
    {
        (string Name, string? Value)[] ids =
        [
            ("id", activity.Id),
            ("replyToId", activity.ReplyToId),
            ("conversation.id", activity.Conversation?.Id),
            ("from.id", activity.From?.Id),
            ("recipient.id", activity.Recipient?.Id),
            ("channelId", activity.ChannelId),
        ];
        string[] required = ["conversation.id", "from.id", "channelId"];
        return ids.FirstOrDefault(i => i.Value is { } v
            ? v.Length > MaxIdentifierLength || v.Any(char.IsControl) || (required.Contains(i.Name) && string.IsNullOrWhiteSpace(v))
            : required.Contains(i.Name)).Name;
    }

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
