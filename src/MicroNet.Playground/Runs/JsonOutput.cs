using System.Text.Encodings.Web;
using System.Text.Json;

namespace MicroNet.Playground.Runs;

/// <summary>Numbers in JSON: invariant by construction (Utf8JsonWriter), and null where the number is NaN or infinite, which JSON cannot hold.</summary>
internal static class JsonOutput
{
    public static void Number(Utf8JsonWriter writer, string name, double? value)
    {
        writer.WritePropertyName(name);
        NumberValue(writer, value);
    }

    public static void NumberValue(Utf8JsonWriter writer, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    // Served as application/json, never inside HTML, so characters such as < & ' need no escaping (an SVG stays readable).
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes one JSON document with <paramref name="write"/> and returns its UTF-8 bytes.</summary>
    public static byte[] ToBytes(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, s_options))
        {
            write(writer);
        }
        return stream.ToArray();
    }
}
