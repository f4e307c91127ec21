using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MicroNet.Playground.Http;

/// <summary>
/// A request's JSON body, read with a size limit (Kestrel's) and a depth limit, whose fields are checked one by one so
/// that a bad request is answered with a sentence naming the field. Requiring <c>application/json</c> also keeps other
/// sites' pages from posting plain forms to the playground.
/// </summary>
internal sealed class JsonRequest
{
    private static readonly JsonDocumentOptions s_options = new() { MaxDepth = 8 };

    private readonly JsonElement _root;

    private JsonRequest(JsonElement root) => _root = root;

    /// <exception cref="RequestException">The body is not JSON, or not an object.</exception>
    public static async Task<JsonRequest> ReadAsync(HttpRequest request)
    {
        if (!request.HasJsonContentType())
        {
            throw new RequestException("Send the request body as JSON, with the header 'Content-Type: application/json'.", StatusCodes.Status415UnsupportedMediaType);
        }
        JsonElement root;
        try
        {
            using JsonDocument document = await JsonDocument.ParseAsync(request.Body, s_options, request.HttpContext.RequestAborted).ConfigureAwait(false);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new RequestException(string.Create(CultureInfo.InvariantCulture,
                $"The request body is not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1})."), e);
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RequestException($"The request body must be a JSON object, not {Describe(root.ValueKind)}.");
        }
        return new JsonRequest(root);
    }

    /// <summary>A string field of at most <paramref name="maxLength"/> characters.</summary>
    /// <exception cref="RequestException">It is missing, not a string, or too long.</exception>
    public string String(string name, int maxLength)
    {
        if (!_root.TryGetProperty(name, out JsonElement value))
        {
            throw new RequestException($"The request has no field '{name}'.");
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new RequestException($"The field '{name}' must be a string, not {Describe(value.ValueKind)}.");
        }
        string text = value.GetString()!;
        return text.Length <= maxLength
            ? text
            : throw new RequestException(string.Create(CultureInfo.InvariantCulture, $"The field '{name}' has {text.Length} characters; it takes at most {maxLength}."));
    }

    /// <summary>A true or false field; <paramref name="fallback"/> when missing.</summary>
    /// <exception cref="RequestException">It is neither true nor false.</exception>
    public bool Boolean(string name, bool fallback)
    {
        if (!_root.TryGetProperty(name, out JsonElement value))
        {
            return fallback;
        }
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new RequestException($"The field '{name}' must be true or false, not {Describe(value.ValueKind)}."),
        };
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        _ => "null",
    };
}
