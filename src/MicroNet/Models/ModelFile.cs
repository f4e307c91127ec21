using System.Globalization;
using System.Reflection;
using System.Text.Json;
using MicroNet.Data;
using MicroNet.Nn;

namespace MicroNet.Models;

/// <summary>
/// Saves and loads a <see cref="Model"/> as versioned JSON (<c>"format": "micronet-model"</c>, <c>"version": 1</c>):
/// architecture, activations, weights, preprocessing and class names. Numbers are written with round-trip precision,
/// so a loaded model predicts bit for bit what the saved one did. The format is documented in docs/model-format.md.
/// </summary>
public static class ModelFile
{
    /// <summary>The value of the file's <c>format</c> field.</summary>
    public const string FormatName = "micronet-model";

    /// <summary>The format version this build writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>
    /// Writes the input columns as the model file stores them: an array of <c>{"name", "kind"[, "categories"]}</c>.
    /// The ONNX export writes the same array into its metadata.
    /// </summary>
    internal static void WriteColumns(Utf8JsonWriter writer, IReadOnlyList<FeatureColumn> columns)
    {
        writer.WriteStartArray();
        foreach (FeatureColumn column in columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name", column.Name);
            writer.WriteString("kind", column.Kind == ColumnKind.Numeric ? "numeric" : "categorical");
            if (column.Kind == ColumnKind.Categorical)
            {
                WriteStrings(writer, "categories", column.Categories);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static readonly JsonWriterOptions s_writerOptions = new() { Indented = true };

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
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw ModelFileException.For(path, "the file does not exist.", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw ModelFileException.For(path, "access to it is denied (or it is a folder).", e);
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

            writer.WriteString("problem", ProblemName(schema.Kind));
            writer.WriteString("output", OutputName(model.Output));
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
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw ModelFileException.For(path, FormattableString.Invariant(
                $"it is not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1} (the file may be truncated or corrupt)."), e);
        }
        using (document)
        {
            return new ModelReader(path).Read(document.RootElement);
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

    internal static string ProblemName(ProblemKind kind) => kind switch
    {
        ProblemKind.BinaryClassification => "binaryClassification",
        ProblemKind.MulticlassClassification => "multiclassClassification",
        _ => "regression",
    };

    internal static string OutputName(ModelOutput output) => output switch
    {
        ModelOutput.Softmax => "softmax",
        ModelOutput.Sigmoid => "sigmoid",
        ModelOutput.Margin => "margin",
        _ => "value",
    };

    /// <summary>Reads and checks each field, naming the first one that is wrong by its JSON path.</summary>
    private sealed class ModelReader(string path)
    {
        public Model Read(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out JsonElement format))
            {
                throw Fail($"it is not a MicroNet model file (it has no \"format\": \"{FormatName}\" field).");
            }
            if (format.ValueKind != JsonValueKind.String || format.GetString() != FormatName)
            {
                throw Fail($"it is not a MicroNet model file (its format is {format.GetRawText()}, not \"{FormatName}\").");
            }
            JsonElement version = Required(root, "version", "version");
            if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out int v))
            {
                throw Fail($"its version is {version.GetRawText()}, not a whole number.");
            }
            if (v != CurrentVersion)
            {
                throw Fail(FormattableString.Invariant(
                    $"it is a version {v} model file, but this build of micronet reads version {CurrentVersion} only{(v > CurrentVersion ? " (update micronet)" : "")}."));
            }

            ProblemKind kind = Enumerated(root, "problem", "problem", new Dictionary<string, ProblemKind>
            {
                ["binaryClassification"] = ProblemKind.BinaryClassification,
                ["multiclassClassification"] = ProblemKind.MulticlassClassification,
                ["regression"] = ProblemKind.Regression,
            });
            ModelOutput output = Enumerated(root, "output", "output", new Dictionary<string, ModelOutput>
            {
                ["softmax"] = ModelOutput.Softmax,
                ["sigmoid"] = ModelOutput.Sigmoid,
                ["margin"] = ModelOutput.Margin,
                ["value"] = ModelOutput.Value,
            });
            string targetColumn = String(Required(root, "targetColumn", "targetColumn"), "targetColumn");
            string[] classNames = Strings(Required(root, "classNames", "classNames"), "classNames");
            TargetScaling? scaling = null;
            if (root.TryGetProperty("targetScaling", out JsonElement scalingElement) && scalingElement.ValueKind != JsonValueKind.Null)
            {
                scaling = new TargetScaling(
                    Number(Required(scalingElement, "mean", "targetScaling.mean"), "targetScaling.mean"),
                    Number(Required(scalingElement, "standardDeviation", "targetScaling.standardDeviation"), "targetScaling.standardDeviation"));
            }

            JsonElement preprocessing = Object(Required(root, "preprocessing", "preprocessing"), "preprocessing");
            JsonElement columnsElement = Array(Required(preprocessing, "columns", "preprocessing.columns"), "preprocessing.columns");
            var columns = new List<FeatureColumn>();
            int c = 0;
            foreach (JsonElement column in columnsElement.EnumerateArray())
            {
                string at = Invariant($"preprocessing.columns[{c++}]");
                string name = String(Required(column, "name", at + ".name"), at + ".name");
                string columnKind = String(Required(column, "kind", at + ".kind"), at + ".kind");
                columns.Add(columnKind switch
                {
                    "numeric" => FeatureColumn.Numeric(name),
                    "categorical" => Checked(() => FeatureColumn.Categorical(name, Strings(Required(column, "categories", at + ".categories"), at + ".categories")), at),
                    _ => throw Fail($"{at}.kind is \"{columnKind}\", which this build does not know (expected \"numeric\" or \"categorical\")."),
                });
            }
            Standardizer? standardizer = null;
            if (Required(preprocessing, "standardizer", "preprocessing.standardizer") is { ValueKind: not JsonValueKind.Null } s)
            {
                double[] means = Numbers(Required(s, "means", "preprocessing.standardizer.means"), "preprocessing.standardizer.means");
                double[] deviations = Numbers(Required(s, "standardDeviations", "preprocessing.standardizer.standardDeviations"), "preprocessing.standardizer.standardDeviations");
                standardizer = Checked(() => new Standardizer(means, deviations), "preprocessing.standardizer");
            }
            FeatureSchema schema = Checked(() => new FeatureSchema(columns, targetColumn, kind, classNames, standardizer), "preprocessing");
            if (preprocessing.TryGetProperty("features", out JsonElement featuresElement))
            {
                string[] features = Strings(featuresElement, "preprocessing.features");
                if (!features.SequenceEqual(schema.FeatureNames, StringComparer.Ordinal))
                {
                    throw Fail(Invariant($"preprocessing.features lists {features.Length} features that do not match the {schema.FeatureCount} its columns give."));
                }
            }

            Mlp network = ReadNetwork(Object(Required(root, "network", "network"), "network"));
            if (network.InputCount != schema.FeatureCount)
            {
                throw Fail(Invariant($"the network takes {network.InputCount} inputs, but the preprocessing gives {schema.FeatureCount} features."));
            }
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("metadata", out JsonElement metadataElement) && metadataElement.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty property in metadataElement.EnumerateObject())
                {
                    metadata[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }
            return Checked(() => new Model(network, schema, output, scaling, metadata), "the model");
        }

        private Mlp ReadNetwork(JsonElement network)
        {
            JsonElement inputCountElement = Required(network, "inputCount", "network.inputCount");
            if (!inputCountElement.TryGetInt32Safe(out int inputCount) || inputCount < 1)
            {
                throw Fail($"network.inputCount is {inputCountElement.GetRawText()}, but must be a whole number of at least 1.");
            }
            JsonElement layersElement = Array(Required(network, "layers", "network.layers"), "network.layers");
            if (layersElement.GetArrayLength() == 0)
            {
                throw Fail("network.layers is empty; a network needs at least one layer.");
            }
            var layers = new List<Layer>();
            int previous = inputCount;
            int l = 0;
            foreach (JsonElement layerElement in layersElement.EnumerateArray())
            {
                string at = Invariant($"network.layers[{l}]");
                JsonElement sizeElement = Required(layerElement, "size", at + ".size");
                if (!sizeElement.TryGetInt32Safe(out int size) || size < 1)
                {
                    throw Fail($"{at}.size is {sizeElement.GetRawText()}, but must be a whole number of at least 1.");
                }
                string activationName = String(Required(layerElement, "activation", at + ".activation"), at + ".activation");
                Activation activation = activationName switch
                {
                    "linear" => Activation.Linear,
                    "tanh" => Activation.Tanh,
                    "relu" => Activation.Relu,
                    "sigmoid" => Activation.Sigmoid,
                    _ => throw Fail(Invariant($"layer {l + 1} has activation \"{activationName}\", which this build does not know (expected linear, tanh, relu or sigmoid).")),
                };
                JsonElement weights = Array(Required(layerElement, "weights", at + ".weights"), at + ".weights");
                double[] biases = Numbers(Required(layerElement, "biases", at + ".biases"), at + ".biases");
                if (weights.GetArrayLength() != size || biases.Length != size)
                {
                    throw Fail(Invariant($"layer {l + 1} has size {size} but {weights.GetArrayLength()} weight rows and {biases.Length} biases; they must match."));
                }
                var neurons = new Neuron[size];
                int n = 0;
                foreach (JsonElement row in weights.EnumerateArray())
                {
                    double[] w = Numbers(row, Invariant($"{at}.weights[{n}]"));
                    if (w.Length != previous)
                    {
                        throw Fail(Invariant($"layer {l + 1}, neuron {n + 1} has {w.Length} weights, but the layer takes {previous} inputs."));
                    }
                    neurons[n] = new Neuron(w, biases[n], activation);
                    n++;
                }
                layers.Add(new Layer(neurons));
                previous = size;
                l++;
            }
            return new Mlp(layers);
        }

        private T Enumerated<T>(JsonElement parent, string name, string at, Dictionary<string, T> names)
        {
            string text = String(Required(parent, name, at), at);
            return names.TryGetValue(text, out T? value)
                ? value
                : throw Fail($"{at} is \"{text}\", which this build does not know (expected {string.Join(", ", names.Keys.Select(k => $"\"{k}\""))}).");
        }

        private JsonElement Required(JsonElement parent, string name, string at) =>
            parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out JsonElement value)
                ? value
                : throw Fail($"the field {at} is missing.");

        private JsonElement Object(JsonElement element, string at) =>
            element.ValueKind == JsonValueKind.Object ? element : throw Fail($"{at} must be a JSON object, but is {Describe(element)}.");

        private JsonElement Array(JsonElement element, string at) =>
            element.ValueKind == JsonValueKind.Array ? element : throw Fail($"{at} must be a JSON array, but is {Describe(element)}.");

        private string String(JsonElement element, string at) =>
            element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Fail($"{at} must be a string, but is {Describe(element)}.");

        private string[] Strings(JsonElement element, string at)
        {
            Array(element, at);
            int i = 0;
            return [.. element.EnumerateArray().Select(e => String(e, Invariant($"{at}[{i++}]")))];
        }

        private double Number(JsonElement element, string at) =>
            element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out double value) && double.IsFinite(value)
                ? value
                : throw Fail($"{at} must be a finite number, but is {Describe(element)}.");

        private double[] Numbers(JsonElement element, string at)
        {
            Array(element, at);
            int i = 0;
            return [.. element.EnumerateArray().Select(e => Number(e, Invariant($"{at}[{i++}]")))];
        }

        private T Checked<T>(Func<T> create, string at)
        {
            try
            {
                return create();
            }
            catch (ArgumentException e)
            {
                string message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
                throw Fail($"{at} does not fit together: {message}", e);
            }
        }

        private static string Describe(JsonElement element)
        {
            string raw = element.GetRawText();
            return raw.Length > 40 ? raw[..40] + "..." : raw;
        }

        private ModelFileException Fail(string problem, Exception? inner = null) => ModelFileException.For(path, problem, inner);

        private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
    }

    private static bool TryGetInt32Safe(this JsonElement element, out int value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out value);
    }
}
