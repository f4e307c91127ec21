using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MicroNet.IO;
using MicroNet.Models;
using MicroNet.Nn;
using MicroNet.Onnx;
using MicroNet.Tests.Support;
using Onnx;

namespace MicroNet.Tests.Onnx;

public static class OnnxExportTests
{
    public static TheoryData<Activation, ModelOutput, OnnxPrecision, bool> Cases()
    {
        var cases = new TheoryData<Activation, ModelOutput, OnnxPrecision, bool>();
        foreach (Activation activation in Enum.GetValues<Activation>())
        {
            foreach (ModelOutput output in Enum.GetValues<ModelOutput>())
            {
                foreach (OnnxPrecision precision in Enum.GetValues<OnnxPrecision>())
                {
                    cases.Add(activation, output, precision, false);
                    if (output is ModelOutput.Softmax or ModelOutput.Sigmoid)
                    {
                        cases.Add(activation, output, precision, true);
                    }
                }
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public static void Export_RandomInputs_OnnxRuntimeMatchesPredict(Activation activation, ModelOutput output, OnnxPrecision precision, bool probabilities)
    {
        Model model = OnnxTestModels.Build(output, activation, seed: 11 + (int)activation);
        double[][] rows = OnnxTestModels.RandomRows(200, seed: 5);
        byte[] onnx = OnnxExport.ToBytes(model, new OnnxExportOptions { Precision = precision, IncludeProbabilities = probabilities });

        double[][] actual = OnnxRunner.Run(onnx, rows, precision);

        double tolerance = precision == OnnxPrecision.Float32 ? 1e-5 : 1e-12;
        double scale = model.TargetScaling?.StandardDeviation ?? 1;
        double maxError = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            double[] expected = OnnxTestModels.Expected(model, rows[i], probabilities);
            Assert.Equal(expected.Length, actual[i].Length);
            for (int k = 0; k < expected.Length; k++)
            {
                double error = OnnxRunner.Error(actual[i][k], expected[k], scale);
                Assert.True(error <= tolerance, $"Row {i}, output {k}: ONNX Runtime gives {actual[i][k]:R}, MicroNet {expected[k]:R} (error {error:E3}, tolerance {tolerance:E0}).");
                maxError = Math.Max(maxError, error);
            }
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"max error {maxError:E3}");
    }

    [Fact]
    public static void Export_Graph_IsTheDocumentedLayout()
    {
        Model model = OnnxTestModels.Build(ModelOutput.Softmax, Activation.Tanh);

        ModelProto proto = ModelProto.Parser.ParseFrom(OnnxExport.ToBytes(model, new OnnxExportOptions { IncludeProbabilities = true }));

        Assert.Equal(7, proto.IrVersion);
        OperatorSetIdProto opset = Assert.Single(proto.OpsetImport);
        Assert.Equal("", opset.Domain);
        Assert.Equal(13, opset.Version);
        Assert.Equal(["Sub", "Div", "Gemm", "Tanh", "Gemm", "Tanh", "Gemm", "Tanh", "Softmax"], proto.Graph.Node.Select(n => n.OpType));
        Assert.Equal("output", proto.Graph.Node[^1].Output.Single());
        Assert.Equal(1, proto.Graph.Node.Single(n => n.OpType == "Softmax").Attribute.Single(a => a.Name == "axis").I);
        Assert.All(proto.Graph.Node.Where(n => n.OpType == "Gemm"), n => Assert.Equal(1, n.Attribute.Single(a => a.Name == "transB").I));
        TensorProto weights = proto.Graph.Initializer.Single(t => t.Name == "layer1_weight");
        Assert.Equal([8L, 7L], weights.Dims);
        Assert.Equal((float)model.Network.Layers[0].Neurons[2].Weights[5].Data, weights.FloatData[2 * 7 + 5]);
        TensorProto deviations = proto.Graph.Initializer.Single(t => t.Name == "standardizer_std");
        Assert.Equal(1f, deviations.FloatData[6]);
        Assert.False(string.IsNullOrWhiteSpace(proto.Graph.DocString));
    }

    [Fact]
    public static void Export_LinearLayersAndNoStandardizer_HasOnlyGemms()
    {
        Model built = OnnxTestModels.Build(ModelOutput.Margin, Activation.Linear);
        var model = new Model(built.Network, built.Schema.WithStandardizer(null), ModelOutput.Margin);

        ModelProto proto = ModelProto.Parser.ParseFrom(OnnxExport.ToBytes(model));

        Assert.Equal(["Gemm", "Gemm", "Gemm"], proto.Graph.Node.Select(n => n.OpType));
        double[][] rows = OnnxTestModels.RandomRows(20, seed: 2);
        double[][] actual = OnnxRunner.Run(OnnxExport.ToBytes(model, new OnnxExportOptions { Precision = OnnxPrecision.Float64 }), rows, OnnxPrecision.Float64);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.True(OnnxRunner.Error(actual[i][0], model.Predict(rows[i]).Outputs[0]) <= 1e-12);
        }
    }

    [Fact]
    public static void Export_Regression_ScalesToTargetUnitsWithMulAndAdd()
    {
        Model model = OnnxTestModels.Build(ModelOutput.Value, Activation.Relu);

        ModelProto proto = ModelProto.Parser.ParseFrom(OnnxExport.ToBytes(model, new OnnxExportOptions { Precision = OnnxPrecision.Float64 }));

        Assert.Equal(["Mul", "Add"], proto.Graph.Node.TakeLast(2).Select(n => n.OpType));
        Assert.Equal([30.0], proto.Graph.Initializer.Single(t => t.Name == "target_std").DoubleData);
        Assert.Equal([100.0], proto.Graph.Initializer.Single(t => t.Name == "target_mean").DoubleData);
    }

    [Theory]
    [InlineData(OnnxPrecision.Float32, TensorElementType.Float)]
    [InlineData(OnnxPrecision.Float64, TensorElementType.Double)]
    public static void Export_InputAndOutput_AreNamedWithADynamicBatch(OnnxPrecision precision, TensorElementType type)
    {
        Model model = OnnxTestModels.Build(ModelOutput.Softmax, Activation.Relu);

        using var session = new InferenceSession(OnnxExport.ToBytes(model, new OnnxExportOptions { Precision = precision }));

        NodeMetadata input = Assert.Single(session.InputMetadata).Value;
        Assert.Equal("input", session.InputMetadata.Keys.Single());
        Assert.Equal([-1, 7], input.Dimensions);
        Assert.Equal("N", input.SymbolicDimensions[0]);
        Assert.Equal(type, input.ElementDataType);
        NodeMetadata output = Assert.Single(session.OutputMetadata).Value;
        Assert.Equal("output", session.OutputMetadata.Keys.Single());
        Assert.Equal([-1, 3], output.Dimensions);
        Assert.Equal(type, output.ElementDataType);
    }

    [Fact]
    public static void Export_Metadata_NamesFeaturesClassesAndOutput()
    {
        Model model = OnnxTestModels.Build(ModelOutput.Softmax, Activation.Tanh);

        using var session = new InferenceSession(OnnxExport.ToBytes(model, new OnnxExportOptions { IncludeProbabilities = true }));

        ModelMetadata metadata = session.ModelMetadata;
        Assert.Equal("MicroNet", metadata.ProducerName);
        Dictionary<string, string> map = metadata.CustomMetadataMap;
        Assert.Equal("""["x1","colour=blue","colour=green","colour=red","x2","size","flat"]""", map["features"]);
        Assert.Equal("""["low","mid","high"]""", map["classes"]);
        Assert.Equal("y", map["target"]);
        Assert.Equal("multiclassClassification", map["problem"]);
        Assert.Equal("softmax", map["model_output"]);
        Assert.Equal("probabilities", map["output"]);
        Assert.Contains("\"categories\":[\"blue\",\"green\",\"red\"]", map["columns"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(map["micronet_version"]));
    }

    [Theory]
    [InlineData(ModelOutput.Sigmoid, false, "logit")]
    [InlineData(ModelOutput.Sigmoid, true, "probability")]
    [InlineData(ModelOutput.Margin, false, "score")]
    [InlineData(ModelOutput.Value, false, "value")]
    [InlineData(ModelOutput.Softmax, false, "logits")]
    public static void Export_OutputMetadata_SaysWhatTheOutputHolds(ModelOutput output, bool probabilities, string expected)
    {
        ModelProto proto = ModelProto.Parser.ParseFrom(OnnxExport.ToBytes(OnnxTestModels.Build(output, Activation.Tanh), new OnnxExportOptions { IncludeProbabilities = probabilities }));

        Assert.Equal(expected, proto.MetadataProps.Single(p => p.Key == "output").Value);
    }

    [Theory]
    [InlineData(ModelOutput.Margin, "a margin (hinge) model gives a score, not a probability")]
    [InlineData(ModelOutput.Value, "a regression model predicts a value, not a probability")]
    public static void Save_ProbabilitiesOfAModelWithout_ThrowsAndWritesNothing(ModelOutput output, string reason)
    {
        using var folder = new TempFolder();
        Model model = OnnxTestModels.Build(output, Activation.Tanh);

        var e = Assert.Throws<OnnxExportException>(() => OnnxExport.Save(model, folder["m.onnx"], new OnnxExportOptions { IncludeProbabilities = true }));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        AssertOneSentence(e.Message);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public static void Save_UnknownActivation_ThrowsNamingTheLayer()
    {
        using var folder = new TempFolder();
        Model built = OnnxTestModels.Build(ModelOutput.Softmax, Activation.Tanh);
        var layers = built.Network.Layers.Select((layer, l) => new Layer([.. layer.Neurons.Select(n =>
            new Neuron([.. n.Weights.Select(w => w.Data)], n.Bias.Data, l == 1 ? (Activation)42 : n.Activation))])).ToList();
        var model = new Model(new Mlp(layers), built.Schema, ModelOutput.Softmax);

        var e = Assert.Throws<OnnxExportException>(() => OnnxExport.Save(model, folder["m.onnx"]));

        Assert.Equal("Cannot export the model: layer 2 uses activation 42, which has no ONNX form here (linear, tanh, relu and sigmoid do).", e.Message);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public static void ToBytes_NaNWeight_Throws()
    {
        Model model = WithFirstWeight(OnnxTestModels.Build(ModelOutput.Softmax, Activation.Tanh), double.NaN);

        var e = Assert.Throws<OnnxExportException>(() => OnnxExport.ToBytes(model, new OnnxExportOptions { Precision = OnnxPrecision.Float64 }));

        Assert.Contains("layer 1's weights and biases include NaN (training diverged)", e.Message, StringComparison.Ordinal);
        AssertOneSentence(e.Message);
    }

    [Fact]
    public static void ToBytes_WeightBeyondFloat32_ThrowsInFloat32AndExportsInFloat64()
    {
        Model model = WithFirstWeight(OnnxTestModels.Build(ModelOutput.Softmax, Activation.Tanh), 1e300);

        var e = Assert.Throws<OnnxExportException>(() => OnnxExport.ToBytes(model));

        Assert.Contains("beyond float32's range; export it in float64", e.Message, StringComparison.Ordinal);
        Assert.NotEmpty(OnnxExport.ToBytes(model, new OnnxExportOptions { Precision = OnnxPrecision.Float64 }));
    }

    [Fact]
    public static void Save_FolderMissing_ThrowsAndLeavesNoFile()
    {
        using var folder = new TempFolder();

        var e = Assert.Throws<OutputFileException>(() =>
            OnnxExport.Save(OnnxTestModels.Build(ModelOutput.Softmax, Activation.Tanh), folder["missing/m.onnx"]));

        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public static void Save_WritesWhatToBytesGives()
    {
        using var folder = new TempFolder();
        Model model = OnnxTestModels.Build(ModelOutput.Sigmoid, Activation.Sigmoid);

        OnnxExport.Save(model, folder["m.onnx"], new OnnxExportOptions { IncludeProbabilities = true });

        Assert.Equal(["m.onnx"], folder.Entries());
        Assert.Equal(OnnxExport.ToBytes(model, new OnnxExportOptions { IncludeProbabilities = true }), File.ReadAllBytes(folder["m.onnx"]));
    }

    private static Model WithFirstWeight(Model model, double weight)
    {
        var layers = model.Network.Layers.Select((layer, l) => new Layer([.. layer.Neurons.Select((neuron, n) =>
            new Neuron([.. neuron.Weights.Select((w, i) => l == 0 && n == 0 && i == 0 ? weight : w.Data)], neuron.Bias.Data, neuron.Activation))])).ToList();
        return new Model(new Mlp(layers), model.Schema, model.Output, model.TargetScaling);
    }

    private static void AssertOneSentence(string message)
    {
        Assert.DoesNotContain('\n', message);
        Assert.EndsWith(".", message, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\.\s+[A-Z]", message);
    }
}
