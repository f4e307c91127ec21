using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using MicroNet.Data;
using MicroNet.IO;
using MicroNet.Nn;
using MicroNet.Training;

namespace MicroNet.Models;

/// <summary>
/// Saves and loads a <see cref="Model"/> as versioned JSON (<c>"format": "micronet-model"</c>, <c>"version": 2</c>):
/// architecture, activations, weights, preprocessing and class names. Numbers are written with round-trip precision,
/// so a loaded model predicts bit for bit what the saved one did. Version 1 files (before date columns, rare
/// categories, fill values and decimal commas) still load. The format is documented in docs/model-format.md.
/// </summary>
public static class ModelFile
{
    /// <summary>The value of the file's <c>format</c> field.</summary>
    public const string FormatName = "micronet-model";

    /// <summary>The format version this build writes; it reads this one and every earlier one.</summary>
    public const int CurrentVersion = 2;

    /// <summary>
    /// Writes the input columns as the model file stores them: an array of
    /// <c>{"name", "kind"[, "categories", "otherCategories"][, "hasTime"][, "fill"]}</c>. The ONNX export writes the same
    /// array into its metadata, so that both describe the columns alike.
    /// </summary>
    public static void WriteColumns(Utf8JsonWriter writer, IReadOnlyList<FeatureColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(columns);
        writer.WriteStartArray();
        foreach (FeatureColumn column in columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name", column.Name);
            writer.WriteString("kind", ColumnKindExtensions.Names.NameOf(column.Kind));
            if (column.Kind == ColumnKind.Categorical)
            {
                WriteStrings(writer, "categories", column.Categories);
                if (column.HasOther)
                {
                    WriteStrings(writer, "otherCategories", column.OtherCategories);
                }
            }
            if (column.Kind == ColumnKind.Date)
            {
                writer.WriteBoolean("hasTime", column.HasTime);
            }
            if (column.FillCategory is { } category)
            {
                writer.WriteString("fill", category);
            }
            else if (column.FillNumber is { } number)
            {
                WriteNumber(writer, "fill", number);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    // Names and paths written as they are ("File 'x.csv'"), not as \u0027 escapes: the file is UTF-8 JSON read by
    // people as well as programs, never embedded in HTML.
    private static readonly JsonWriterOptions s_writerOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Writes <paramref name="model"/> to <paramref name="path"/> atomically (a temporary file beside it, then a rename),
    /// so a crash leaves the old file or the new one, never half of one.
    /// </summary>
    /// <exception cref="ArgumentException">A weight, mean or standard deviation is NaN or infinite (JSON cannot hold it).</exception>
    /// <exception cref="IOException">The file cannot be written (see <see cref="AtomicFile.Write"/>).</exception>
    public static void Save(Model model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        byte[] json = ToUtf8Json(model, DateTimeOffset.UtcNow);
        AtomicFile.Write(path, temp => File.WriteAllBytes(temp, json));
    }

    /// <summary>The file <see cref="Save"/> writes, as bytes (UTF-8 JSON), for a caller that sends it elsewhere than a file.</summary>
    /// <exception cref="ArgumentException">A weight, mean or standard deviation is NaN or infinite (JSON cannot hold it).</exception>
    public static byte[] ToBytes(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ToUtf8Json(model, DateTimeOffset.UtcNow);
    }

    /// <summary>The longest model file <see cref="Load"/> reads: 1024 MB (so that /dev/zero is refused, not read for ever).</summary>
    public const long MaxFileBytes = 1L << 30;

    /// <summary>Reads a model written by <see cref="Save"/>, checking every field.</summary>
    /// <exception cref="ModelFileException">
    /// The file is missing, empty, not JSON (the message gives the line and byte), not a MicroNet model, of another
    /// version, or its weights, activations or preprocessing do not fit; the message is one sentence naming the problem.
    /// </exception>
    public static Model Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes;
        try
        {
            bytes = InputFile.ReadAllBytes(path, MaxFileBytes);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw ModelFileException.For(path, "the file does not exist.", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw ModelFileException.For(path, "access to it is denied (or it is a folder).", e);
        }
        catch (InvalidDataException e)
        {
            throw ModelFileException.For(path, string.Create(CultureInfo.InvariantCulture,
                $"it is longer than {MaxFileBytes >> 20} MB, more than a model of {TrainingBudget.MaxParameters:N0} parameters takes."), e);
        }
        catch (IOException e)
        {
            throw ModelFileException.For(path, $"it cannot be read ({e.Message.TrimEnd('.')}).", e);
        }
        return FromUtf8Json(bytes, path);
    }

    /// <summary>The JSON text of <paramref name="model"/>, as <see cref="Save"/> writes it.</summary>
    internal static byte[] ToUtf8Json(Model model, DateTimeOffset createdUtc)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, s_writerOptions))
        {
            FeatureSchema schema = model.Schema;
            writer.WriteStartObject();
            writer.WriteString("format", FormatName);
            writer.WriteNumber("version", CurrentVersion);
            writer.WriteStartObject("metadata");
            writer.WriteString("createdUtc", createdUtc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            writer.WriteString("micronetVersion", MicronetVersion());
            foreach ((string key, string value) in model.Metadata.Where(m => m.Key is not ("createdUtc" or "micronetVersion")).OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, value);
            }
            writer.WriteEndObject();

            writer.WriteString("problem", ProblemKindExtensions.Names.NameOf(schema.Kind));
            writer.WriteString("output", ModelOutputExtensions.Names.NameOf(model.Output));
            writer.WriteString("targetColumn", schema.TargetColumn);
            WriteStrings(writer, "classNames", schema.ClassNames);
            if (model.TargetScaling is { } scaling)
            {
                writer.WriteStartObject("targetScaling");
                WriteNumber(writer, "mean", scaling.Mean);
                WriteNumber(writer, "standardDeviation", scaling.StandardDeviation);
                writer.WriteEndObject();
            }

            writer.WriteStartObject("preprocessing");
            writer.WriteString("decimalSeparator", schema.DecimalSeparator.ToString());
            writer.WritePropertyName("columns");
            WriteColumns(writer, schema.Columns);
            WriteStrings(writer, "features", schema.FeatureNames);
            if (schema.Standardizer is { } standardizer)
            {
                writer.WriteStartObject("standardizer");
                WriteNumbers(writer, "means", standardizer.Means);
                WriteNumbers(writer, "standardDeviations", standardizer.StandardDeviations);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("standardizer");
            }
            writer.WriteEndObject();

            writer.WriteStartObject("network");
            writer.WriteNumber("inputCount", model.Network.InputCount);
            writer.WriteStartArray("layers");
            foreach (Layer layer in model.Network.Layers)
            {
                writer.WriteStartObject();
                writer.WriteNumber("size", layer.OutputCount);
                writer.WriteString("activation", layer.Activation.ToName());
                writer.WriteStartArray("weights");
                foreach (Neuron neuron in layer.Neurons)
                {
                    WriteNumbers(writer, null, [.. neuron.Weights.Select(w => w.Data)]);
                }
                writer.WriteEndArray();
                WriteNumbers(writer, "biases", [.. layer.Neurons.Select(n => n.Bias.Data)]);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>Reads a model from JSON bytes; <paramref name="path"/> names the source in error messages.</summary>
    internal static Model FromUtf8Json(byte[] bytes, string path)
    {
        if (bytes.Length == 0)
        {
            throw ModelFileException.For(path, "the file is empty.");
        }
        // An editor may have saved it with a UTF-8 byte-order mark, which JSON does not allow; skip it.
        ReadOnlyMemory<byte> json = bytes.AsMemory(bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw ModelFileException.For(path, FormattableString.Invariant(
                $"it is not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1} (the file may be truncated or corrupt)."), e);
        }
        using (document)
        {
            return new ModelFileReader(path).Read(document.RootElement);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        writer.WritePropertyName(name);
        WriteNumberValue(writer, value, name);
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    }

    private static void WriteNumbers(Utf8JsonWriter writer, string? name, IReadOnlyList<double> values)
    {
        if (name is null)
        {
            writer.WriteStartArray();
        }
        else
        {
            writer.WriteStartArray(name);
        }
        foreach (double value in values)
        {
            WriteNumberValue(writer, value, name ?? "weights");
        }
        writer.WriteEndArray();
    }

    // "R": the shortest text that parses back to the same double, so save-then-load is bit-identical.
    private static void WriteNumberValue(Utf8JsonWriter writer, double value, string what)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"Cannot save a model with a {value} in its {what}; JSON holds only finite numbers (did training diverge?).");
        }
        writer.WriteRawValue(value.ToString("R", CultureInfo.InvariantCulture));
    }

    private static string MicronetVersion() =>
        typeof(ModelFile).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    internal static bool TryGetInt32Safe(this JsonElement element, out int value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out value);
    }
}
