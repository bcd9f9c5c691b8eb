using System.Text.Json;
using System.Text.Json.Nodes;

namespace LegalBot.Tests.Infrastructure;

public static class JsonNodeExtensions
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON as a person reads it (apostrophes and the like not escaped), for assertions on card text.</summary>
    public static string Json(this JsonNode node) => node.ToJsonString(Readable);
}
