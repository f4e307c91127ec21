using System.Text.Json;
using MicroNet.Data;
using MicroNet.Nn;

namespace MicroNet.Models;

/// <summary>Reads and checks each field, naming the first one that is wrong by its JSON path.</summary>
internal sealed class ModelFileReader(string path)
{
    public Model Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out JsonElement format))
        {
            throw Fail($"it is not a MicroNet model file (it has no \"format\": \"{ModelFile.FormatName}\" field).");
        }
        if (format.ValueKind != JsonValueKind.String || format.GetString() != ModelFile.FormatName)
        {
            throw Fail($"it is not a MicroNet model file (its format is {format.GetRawText()}, not \"{ModelFile.FormatName}\").");
        }
        JsonElement version = Required(root, "version", "version");
        // 2.0 is the whole number 2, as JSON does not tell integers from other numbers.
        if (version.ValueKind != JsonValueKind.Number || !version.TryGetDouble(out double number) || number != Math.Floor(number) || number is < 1 or > int.MaxValue)
        {
            throw Fail($"its version is {Describe(version)}, not a whole number of at least 1.");
        }
        int v = (int)number;
        if (v > ModelFile.CurrentVersion)
        {
            throw Fail(FormattableString.Invariant(
                $"it is a version {v} model file, but this build of micronet reads version {ModelFile.CurrentVersion} and older (update micronet)."));
        }

        ProblemKind kind = Enumerated(root, "problem", "problem", ProblemKindExtensions.Names);
        ModelOutput output = Enumerated(root, "output", "output", ModelOutputExtensions.Names);
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
            if (!ColumnKindExtensions.Names.TryParse(columnKind, out ColumnKind parsedKind) || ColumnKindExtensions.Names.NameOf(parsedKind) != columnKind
                || (v == 1 && parsedKind == ColumnKind.Date))
            {
                string known = v == 1 ? "\"numeric\" or \"categorical\"" : string.Join(", ", ColumnKindExtensions.Names.Names.Select(k => $"\"{k}\""));
                throw Fail($"{at}.kind is \"{UserText.Quote(columnKind)}\", which this build does not know in a version {v} file (expected {known}).");
            }
            columns.Add(Checked(() => ReadColumn(column, name, parsedKind, at), at));
        }
        Standardizer? standardizer = null;
        if (Required(preprocessing, "standardizer", "preprocessing.standardizer") is { ValueKind: not JsonValueKind.Null } s)
        {
            double[] means = Numbers(Required(s, "means", "preprocessing.standardizer.means"), "preprocessing.standardizer.means");
            double[] deviations = Numbers(Required(s, "standardDeviations", "preprocessing.standardizer.standardDeviations"), "preprocessing.standardizer.standardDeviations");
            standardizer = Checked(() => new Standardizer(means, deviations), "preprocessing.standardizer");
        }
        char decimalSeparator = '.';
        if (preprocessing.TryGetProperty("decimalSeparator", out JsonElement decimalElement))
        {
            string text = String(decimalElement, "preprocessing.decimalSeparator");
            decimalSeparator = text is "." or "," ? text[0] : throw Fail($"preprocessing.decimalSeparator is \"{UserText.Quote(text)}\", but must be \".\" or \",\".");
        }
        FeatureSchema schema = Checked(() => new FeatureSchema(columns, targetColumn, kind, classNames, standardizer, decimalSeparator), "preprocessing");
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

    private FeatureColumn ReadColumn(JsonElement column, string name, ColumnKind kind, string at)
    {
        JsonElement? fill = column.TryGetProperty("fill", out JsonElement f) && f.ValueKind != JsonValueKind.Null ? f : null;
        switch (kind)
        {
            case ColumnKind.Numeric:
                return FeatureColumn.Numeric(name, fill is { } n ? Number(n, at + ".fill") : null);
            case ColumnKind.Date:
                bool hasTime = column.TryGetProperty("hasTime", out JsonElement time) && (time.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? time.GetBoolean()
                    : throw Fail($"{at}.hasTime must be true or false, but is {Describe(time)}."));
                return FeatureColumn.Date(name, hasTime, fill is { } d ? Number(d, at + ".fill") : null);
            default:
                string[] categories = Strings(Required(column, "categories", at + ".categories"), at + ".categories");
                string[] other = column.TryGetProperty("otherCategories", out JsonElement o) ? Strings(o, at + ".otherCategories") : [];
                return FeatureColumn.Categorical(name, categories, other, fill is { } c ? String(c, at + ".fill") : null);
        }
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
            if (!ActivationExtensions.Names.TryParse(activationName, out Activation activation) || activation.ToName() != activationName)
            {
                throw Fail(Invariant($"layer {l + 1} has activation \"{UserText.Quote(activationName)}\", which this build does not know (expected {ActivationExtensions.Names.Choices})."));
            }
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

    private T Enumerated<T>(JsonElement parent, string name, string at, NameTable<T> names)
        where T : struct, Enum
    {
        string text = String(Required(parent, name, at), at);
        return names.TryParse(text, out T value) && names.NameOf(value) == text
            ? value
            : throw Fail($"{at} is \"{UserText.Quote(text)}\", which this build does not know (expected {string.Join(", ", names.Names.Select(k => $"\"{k}\""))}).");
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
