using System.Text.Json.Nodes;

namespace LegalBot.Testing.Graph;

/// <summary>One answer of the fake: status, headers and an optional JSON body (a batch part has the same shape).</summary>
public sealed record GraphResult(int Status, JsonNode? Body = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static GraphResult Json(int status, JsonNode body) => new(status, body);

    public static GraphResult NoContent() => new(204);

    /// <summary>
    /// Graph's error body (<c>{"error":{"code","message","innerError":{…}}}</c>), with the request-id and date
    /// every real error carries, and a more specific inner code where Graph documents one.
    /// </summary>
    public static GraphResult Error(int status, string code, string message, string? innerCode = null, IReadOnlyDictionary<string, string>? headers = null, DateTimeOffset? at = null) =>
        Error(status, code, message, innerCode, headers, at, null);

    /// <summary>Graph's throttling answer as its throttling guidance shows it: code TooManyRequests, the status repeated inside.</summary>
    public static GraphResult Throttled(IReadOnlyDictionary<string, string>? headers, DateTimeOffset at) =>
        Error(429, "TooManyRequests", "Please retry again later.", "429", headers, at, new Dictionary<string, string> { ["message"] = "Please retry after", ["status"] = "429" });

    private static GraphResult Error(int status, string code, string message, string? innerCode, IReadOnlyDictionary<string, string>? headers, DateTimeOffset? at, Dictionary<string, string>? innerExtras)
    {
        var inner = new JsonObject();
        if (innerCode is not null)
        {
            inner["code"] = innerCode;
        }

        foreach (var (name, value) in innerExtras ?? [])
        {
            inner[name] = value;
        }

        inner["date"] = (at ?? DateTimeOffset.UnixEpoch).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        inner["request-id"] = Guid.NewGuid().ToString();
        inner["client-request-id"] = Guid.NewGuid().ToString();
        return new GraphResult(status, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["innerError"] = inner,
            },
        }, headers);
    }
}

/// <summary>Raised inside a handler to answer with a Graph error.</summary>
public sealed class GraphErrorException : Exception
{
    public GraphErrorException(int status, string code, string message, string? innerCode = null)
        : base(message)
    {
        Status = status;
        Code = code;
        InnerCode = innerCode;
    }

    public GraphErrorException()
        : this(500, "generalException", "An unspecified error has occurred.")
    {
    }

    public GraphErrorException(string message)
        : this(400, "invalidRequest", message)
    {
    }

    public GraphErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 400;
        Code = "invalidRequest";
    }

    public int Status { get; }

    public string Code { get; }

    public string? InnerCode { get; }
}

/// <summary>Raised for anything the fake does not implement: answered 501 and recorded, so the test fails loudly.</summary>
public sealed class NotImplementedByFakeException : Exception
{
    public NotImplementedByFakeException()
    {
    }

    public NotImplementedByFakeException(string message)
        : base(message)
    {
    }

    public NotImplementedByFakeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Raised inside a handler to answer with Graph's throttling error, without Retry-After.</summary>
public sealed class ThrottledException : Exception
{
    public ThrottledException()
        : base("Please retry again later.")
    {
    }

    public ThrottledException(string message)
        : base(message)
    {
    }

    public ThrottledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
