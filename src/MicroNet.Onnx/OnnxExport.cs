using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using MicroNet.Data;
using MicroNet.IO;
using MicroNet.Models;
using MicroNet.Nn;
using Onnx;

namespace MicroNet.Onnx;

/// <summary>
/// Writes a <see cref="Model"/> as an ONNX model that computes what <see cref="Model.Predict(IReadOnlyList{double})"/>
/// computes on encoded features: standardisation, every layer with its activation, the target scaling of a regression
/// model, and optionally the probabilities. The graph takes <c>input</c> of shape <c>[N, features]</c> and gives
/// <c>output</c> of shape <c>[N, outputs]</c>; docs/onnx.md describes it node by node.
/// </summary>
/// <example>
/// <code>OnnxExport.Save(ModelFile.Load("iris.json"), "iris.onnx", new OnnxExportOptions { IncludeProbabilities = true });</code>
/// </example>
public static class OnnxExport
{
    /// <summary>The ONNX operator set the graph uses (the default domain, <c>ai.onnx</c>): 13.</summary>
    public const int OpsetVersion = 13;

    /// <summary>The ONNX IR version written: 7, the first that opset 13 needs, so that older readers load the file too.</summary>
    public const long IrVersion = 7;

    /// <summary>The name of the graph's input, <c>[N, features]</c>: encoded features (one-hot columns), not yet standardised.</summary>
    public const string InputName = "input";

    /// <summary>The name of the graph's output, <c>[N, outputs]</c>; <see cref="OnnxMetadataKeys.Output"/> says what it holds.</summary>
    public const string OutputName = "output";

    private static readonly JsonWriterOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Exports <paramref name="model"/> to <paramref name="path"/> atomically: the whole file appears, or none (an old file stays).</summary>
    /// <param name="model">The model to export.</param>
    /// <param name="path">The ONNX file to write; its folder must exist.</param>
    /// <param name="options">Precision and probabilities; float32 logits or values if null.</param>
    /// <exception cref="OnnxExportException">
    /// Probabilities were asked of a margin or regression model, an activation has no ONNX equivalent, or a weight is not
    /// finite or does not fit in float32; nothing is written.
    /// </exception>
    /// <exception cref="IOException">The file cannot be written (see <see cref="AtomicFile.Write"/>).</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder cannot be written.</exception>
    public static void Save(Model model, string path, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes = ToBytes(model, options);
        AtomicFile.Write(path, temp => File.WriteAllBytes(temp, bytes));
    }

    /// <summary>The serialized ONNX model (<c>ModelProto</c>) that <see cref="Save"/> writes, for example to hand to an <c>InferenceSession</c>.</summary>
    /// <exception cref="OnnxExportException">As <see cref="Save"/>.</exception>
    public static byte[] ToBytes(Model model, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new OnnxExportOptions();
        if (!Enum.IsDefined(options.Precision))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Precision, "Unknown precision.");
        }
        return OnnxGraphBuilder.Serialize(Build(model, options));
    }

    private static ModelProto Build(Model model, OnnxExportOptions options)
    {
        (string outputMeaning, string outputDoc) = DescribeOutput(model, options.IncludeProbabilities);
        string[] activations = [.. model.Network.Layers.Select((layer, i) => ActivationOp(layer.Activation, i + 1))];
        var graph = new OnnxGraphBuilder(options.Precision);
        FeatureSchema schema = model.Schema;
        string x = InputName;

        if (schema.Standardizer is { } standardizer)
        {
            long[] shape = [standardizer.FeatureCount];
            string means = graph.Constant("standardizer_mean", shape, standardizer.Means, "the standardizer's means");
            // A feature that was constant in training has deviation 0 and is only centred, as Standardizer.Transform does;
            // dividing it by 1 leaves it exactly as it is.
            double[] divisors = [.. standardizer.StandardDeviations.Select(s => s == 0 ? 1 : s)];
            if (options.Precision == OnnxPrecision.Float32 && divisors.Any(s => (float)s == 0))
            {
                throw new OnnxExportException("Cannot export the model in float32: a standard deviation of the standardizer is below float32's range; export it in float64.");
            }
            string deviations = graph.Constant("standardizer_std", shape, divisors, "the standardizer's standard deviations");
            x = graph.Node("Sub", "centred", [x, means]);
            x = graph.Node("Div", "standardized", [x, deviations]);
        }

        for (int i = 0; i < model.Network.Layers.Count; i++)
        {
            Layer layer = model.Network.Layers[i];
            string name = FormattableString.Invariant($"layer{i + 1}");
            string what = FormattableString.Invariant($"layer {i + 1}'s weights and biases");
            double[] weights = [.. layer.Neurons.SelectMany(n => n.Weights.Select(w => w.Data))];
            string w = graph.Constant(name + "_weight", [layer.OutputCount, layer.InputCount], weights, what);
            string b = graph.Constant(name + "_bias", [layer.OutputCount], [.. layer.Neurons.Select(n => n.Bias.Data)], what);
            // Gemm: Y = X * W^T + B, with W stored one row per neuron as the model file keeps it.
            x = graph.Node("Gemm", name + "_sum", [x, w, b], OnnxGraphBuilder.Int("transB", 1));
            if (activations[i].Length > 0)
            {
                x = graph.Node(activations[i], name + "_" + layer.Activation.ToName(), [x]);
            }
        }

        if (model.TargetScaling is { } scaling && scaling != TargetScaling.Identity)
        {
            // Model.Predict computes Mean + StandardDeviation * y: the same two roundings, in the same order.
            string sd = graph.Constant("target_std", [1], [scaling.StandardDeviation], "the target scaling");
            string mean = graph.Constant("target_mean", [1], [scaling.Mean], "the target scaling");
            x = graph.Node("Mul", "target_scaled", [x, sd]);
            x = graph.Node("Add", "target_value", [x, mean]);
        }
        if (options.IncludeProbabilities)
        {
            x = model.Output == ModelOutput.Softmax
                ? graph.Node("Softmax", "probabilities", [x], OnnxGraphBuilder.Int("axis", 1))
                : graph.Node("Sigmoid", "probability", [x]);
        }

        string inputDoc = FormattableString.Invariant(
            $"{schema.FeatureCount} encoded features per row, in the order of the metadata '{OnnxMetadataKeys.Features}' (categorical columns one-hot), not standardised.");
        string doc = FormattableString.Invariant(
            $"MicroNet {model.Network} predicting '{schema.TargetColumn}': '{InputName}' [N, {schema.FeatureCount}] holds encoded features, '{OutputName}' [N, {model.Network.OutputCount}] {outputDoc}");
        GraphProto graphProto = graph.Finish(InputName, schema.FeatureCount, inputDoc, x, OutputName, model.Network.OutputCount, outputDoc, doc);

        string version = MicronetVersion();
        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "MicroNet",
            ProducerVersion = version,
            DocString = doc,
            Graph = graphProto,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        AddMetadata(proto, OnnxMetadataKeys.Features, JsonArray(schema.FeatureNames));
        AddMetadata(proto, OnnxMetadataKeys.Columns, ColumnsJson(schema.Columns));
        AddMetadata(proto, OnnxMetadataKeys.Classes, JsonArray(schema.ClassNames));
        AddMetadata(proto, OnnxMetadataKeys.Target, schema.TargetColumn);
        AddMetadata(proto, OnnxMetadataKeys.Problem, ProblemKindExtensions.Names.NameOf(schema.Kind));
        AddMetadata(proto, OnnxMetadataKeys.ModelOutput, ModelOutputExtensions.Names.NameOf(model.Output));
        AddMetadata(proto, OnnxMetadataKeys.Output, outputMeaning);
        AddMetadata(proto, OnnxMetadataKeys.MicronetVersion, version);
        return proto;
    }

    private static string ActivationOp(Activation activation, int layer) => activation switch
    {
        Activation.Linear => "",
        Activation.Tanh => "Tanh",
        Activation.Relu => "Relu",
        Activation.Sigmoid => "Sigmoid",
        _ => throw new OnnxExportException(FormattableString.Invariant(
            $"Cannot export the model: layer {layer} uses activation {(int)activation}, which has no ONNX form here (linear, tanh, relu and sigmoid do).")),
    };

    // What 'output' holds: its name in the metadata, and a sentence for its doc_string.
    private static (string Meaning, string Doc) DescribeOutput(Model model, bool probabilities) => (model.Output, probabilities) switch
    {
        (ModelOutput.Softmax, false) => ("logits", "holds one logit per class, in the order of the metadata 'classes'; the predicted class is the largest."),
        (ModelOutput.Softmax, true) => ("probabilities", "holds the softmax probability of each class, in the order of the metadata 'classes'."),
        (ModelOutput.Sigmoid, false) => ("logit", $"holds the logit of class '{model.ClassNames[1]}'; it is predicted where the logit is above 0."),
        (ModelOutput.Sigmoid, true) => ("probability", $"holds the probability of class '{model.ClassNames[1]}'; it is predicted where the probability is above 0.5."),
        (ModelOutput.Margin, false) => ("score", $"holds the margin score of class '{model.ClassNames[1]}'; it is predicted where the score is above 0."),
        (ModelOutput.Margin, true) => throw new OnnxExportException(
            "Cannot export probabilities: a margin (hinge) model gives a score, not a probability; export it without probabilities (the class is 1 where the score is above 0)."),
        (ModelOutput.Value, false) => ("value", $"holds the predicted '{model.Schema.TargetColumn}', in its own units."),
        (ModelOutput.Value, true) => throw new OnnxExportException(
            "Cannot export probabilities: a regression model predicts a value, not a probability; export it without probabilities."),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model.Output, "Unknown model output."),
    };

    private static void AddMetadata(ModelProto proto, string key, string value) =>
        proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });

    private static string JsonArray(IReadOnlyList<string> values) => Json(writer =>
    {
        writer.WriteStartArray();
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    });

    private static string ColumnsJson(IReadOnlyList<FeatureColumn> columns) =>
        Json(writer => ModelFile.WriteColumns(writer, columns));

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, s_json))
        {
            write(writer);
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string MicronetVersion() =>
        typeof(Model).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";
}
