using System.Text.Json.Nodes;
using MicroNet.Data;
using MicroNet.Models;
using MicroNet.Nn;
using MicroNet.Tests.Support;

namespace MicroNet.Tests.Models;

public static class ModelFileTests
{
    private static readonly Lazy<Model> s_iris = new(TrainedModels.Iris);

    [Fact]
    public static void SaveLoad_Iris_GivesBitIdenticalPredictionsOnEveryRow()
    {
        using var folder = new TempFolder();
        Model model = s_iris.Value;
        ModelFile.Save(model, folder["iris.json"]);
        Model loaded = ModelFile.Load(folder["iris.json"]);

        CsvTable table = ReadBuiltIn("iris");
        AssertSamePredictions(model, loaded, table);
    }

    [Fact]
    public static void SaveLoad_PenguinsWithCategories_GivesBitIdenticalPredictions()
    {
        using var folder = new TempFolder();
        Model model = TrainedModels.Penguins();
        ModelFile.Save(model, folder["penguins.json"]);
        Model loaded = ModelFile.Load(folder["penguins.json"]);

        Assert.Equal(["Biscoe", "Dream", "Torgersen"], loaded.Schema.Columns[0].Categories);
        CsvData data = BuiltInDatasets.Load(BuiltInDataset.Penguins);
        for (int i = 0; i < data.Dataset.Count; i++)
        {
            AssertSameBits(model.Predict(data.Dataset.Features[i]), loaded.Predict(data.Dataset.Features[i]));
        }
    }

    [Fact]
    public static void SaveLoad_Regression_KeepsTheTargetScaling()
    {
        using var folder = new TempFolder();
        Model model = TrainedModels.SavedSquares(folder);
        Model loaded = ModelFile.Load(folder["r.json"]);

        Assert.Equal(ProblemKind.Regression, loaded.Kind);
        Assert.Equal(model.TargetScaling, loaded.TargetScaling);
        AssertSamePredictions(model, loaded, CsvTable.Read(folder["r.csv"]));
    }

    [Fact]
    public static void Save_WritesTheDocumentedFields()
    {
        using var folder = new TempFolder();
        Model model = s_iris.Value;
        ModelFile.Save(model, folder["iris.json"]);

        JsonNode json = JsonNode.Parse(File.ReadAllText(folder["iris.json"]))!;
        Assert.Equal("micronet-model", (string?)json["format"]);
        Assert.Equal(2, (int?)json["version"]);
        Assert.Equal("multiclassClassification", (string?)json["problem"]);
        Assert.Equal("softmax", (string?)json["output"]);
        Assert.Equal("species", (string?)json["targetColumn"]);
        Assert.Equal(4, (int?)json["network"]!["inputCount"]);
        Assert.Equal("tanh", (string?)json["network"]!["layers"]![0]!["activation"]);
        Assert.Equal("linear", (string?)json["network"]!["layers"]![1]!["activation"]);
        Assert.Equal(3, json["network"]!["layers"]![1]!["weights"]!.AsArray().Count);
        Assert.Equal(6, json["network"]!["layers"]![1]!["weights"]![0]!.AsArray().Count);
        double w = (double)json["network"]!["layers"]![0]!["weights"]![2]![1]!;
        Assert.Equal(BitConverter.DoubleToInt64Bits(model.Network.Layers[0].Neurons[2].Weights[1].Data), BitConverter.DoubleToInt64Bits(w));
        Assert.Equal(["setosa", "versicolor", "virginica"], json["classNames"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public static void Save_LeavesNoTemporaryFile()
    {
        using var folder = new TempFolder();
        ModelFile.Save(s_iris.Value, folder["iris.json"]);
        ModelFile.Save(s_iris.Value, folder["iris.json"]);

        Assert.Equal(["iris.json"], folder.Entries());
    }

    [Fact]
    public static void Save_FailingModel_KeepsTheOldFileAndLeavesNoTemporaryFile()
    {
        using var folder = new TempFolder();
        ModelFile.Save(s_iris.Value, folder["iris.json"]);
        byte[] before = File.ReadAllBytes(folder["iris.json"]);
        Model broken = Rebuild(s_iris.Value, weight: double.NaN);

        var e = Assert.Throws<ArgumentException>(() => ModelFile.Save(broken, folder["iris.json"]));

        Assert.Contains("NaN", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(folder["iris.json"]));
        Assert.Equal(["iris.json"], folder.Entries());
    }

    public static TheoryData<string, Func<JsonNode, JsonNode?>, string> Corruptions => new()
    {
        { "wrong format", j => { j["format"] = "keras"; return j; }, "not a MicroNet model file" },
        { "no format", j => { j.AsObject().Remove("format"); return j; }, "not a MicroNet model file" },
        { "newer version", j => { j["version"] = 3; return j; }, "version 3 model file, but this build of micronet reads version 2 and older" },
        { "missing weight", j => { j["network"]!["layers"]![0]!["weights"]![1]!.AsArray().RemoveAt(0); return j; }, "layer 1, neuron 2 has 3 weights, but the layer takes 4 inputs" },
        { "missing neuron", j => { j["network"]!["layers"]![1]!["biases"]!.AsArray().RemoveAt(0); return j; }, "layer 2 has size 3 but 3 weight rows and 2 biases" },
        { "NaN weight", j => { j["network"]!["layers"]![0]!["weights"]![0]![0] = "NaN"; return j; }, "network.layers[0].weights[0][0] must be a finite number" },
        { "unknown activation", j => { j["network"]!["layers"]![0]!["activation"] = "swish"; return j; }, "layer 1 has activation \"swish\"" },
        { "fewer inputs", j => { j["preprocessing"]!["columns"]!.AsArray().RemoveAt(3); j["preprocessing"]!.AsObject().Remove("features"); j["preprocessing"]!["standardizer"] = null; return j; }, "the network takes 4 inputs, but the preprocessing gives 3 features" },
        { "classes not matching outputs", j => { j["classNames"]!.AsArray().RemoveAt(2); return j; }, "needs 2 network outputs, but the network has 3" },
        { "no network", j => { j.AsObject().Remove("network"); return j; }, "the field network is missing" },
        { "array root", _ => new JsonArray(1, 2), "not a MicroNet model file" },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public static void Load_DamagedFile_SaysWhatIsWrongInOneSentence(string what, Func<JsonNode, JsonNode?> damage, string expected)
    {
        using var folder = new TempFolder();
        ModelFile.Save(s_iris.Value, folder["m.json"]);
        JsonNode damaged = damage(JsonNode.Parse(File.ReadAllText(folder["m.json"]))!)!;
        File.WriteAllText(folder["m.json"], damaged.ToJsonString());

        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(folder["m.json"]));

        Assert.True(e.Message.Contains(expected, StringComparison.Ordinal), $"{what}: {e.Message}");
        AssertOneSentence(e.Message, folder["m.json"]);
    }

    [Fact]
    public static void Load_TruncatedFile_SaysWhereTheJsonBreaks()
    {
        using var folder = new TempFolder();
        ModelFile.Save(s_iris.Value, folder["m.json"]);
        byte[] bytes = File.ReadAllBytes(folder["m.json"]);
        File.WriteAllBytes(folder["m.json"], bytes[..(bytes.Length / 2)]);

        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(folder["m.json"]));

        Assert.Matches(@"not valid JSON at line \d+, byte \d+ \(the file may be truncated or corrupt\)\.$", e.Message);
        AssertOneSentence(e.Message, folder["m.json"]);
    }

    [Fact]
    public static void Load_NotJson_SaysWhere()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["m.json"], "{\n  \"format\": micronet\n}");

        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(folder["m.json"]));

        Assert.Contains("not valid JSON at line 2, byte 13", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Load_MissingOrEmptyFile_SaysSo()
    {
        using var folder = new TempFolder();
        var missing = Assert.Throws<ModelFileException>(() => ModelFile.Load(folder["none.json"]));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);

        File.WriteAllText(folder["empty.json"], "");
        var empty = Assert.Throws<ModelFileException>(() => ModelFile.Load(folder["empty.json"]));
        Assert.Contains("the file is empty", empty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Model_OutputCountNotMatchingClasses_Throws()
    {
        Model iris = s_iris.Value;
        var network = new Mlp(4, [2], seed: 1);
        Assert.Throws<ArgumentException>(() => new Model(network, iris.Schema, ModelOutput.Softmax));
        Assert.Throws<ArgumentException>(() => new Model(new Mlp(4, [1], seed: 1), iris.Schema, ModelOutput.Sigmoid));
    }

    [Fact]
    public static void Predict_Softmax_ProbabilitiesSumToOneAndPickTheLargestLogit()
    {
        Model model = s_iris.Value;
        CsvTable table = ReadBuiltIn("iris");
        Prediction p = model.Predict(table.RowByName(0));

        Assert.Equal(1.0, p.Probabilities.Sum(), 12);
        int largest = p.Outputs.Select((z, k) => (z, k)).MaxBy(t => t.z).k;
        Assert.Equal(largest, p.ClassIndex);
        Assert.Equal(model.ClassNames[largest], p.ClassName);
    }

    private static void AssertSamePredictions(Model expected, Model actual, CsvTable table)
    {
        for (int i = 0; i < table.Count; i++)
        {
            IReadOnlyDictionary<string, string> row = table.RowByName(i);
            AssertSameBits(expected.Predict(row), actual.Predict(row));
        }
    }

    private static void AssertSameBits(Prediction expected, Prediction actual)
    {
        Assert.Equal(expected.ClassIndex, actual.ClassIndex);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Value), BitConverter.DoubleToInt64Bits(actual.Value));
        Assert.Equal(expected.Outputs.Select(BitConverter.DoubleToInt64Bits), actual.Outputs.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(expected.Probabilities.Select(BitConverter.DoubleToInt64Bits), actual.Probabilities.Select(BitConverter.DoubleToInt64Bits));
    }

    private static void AssertOneSentence(string message, string path)
    {
        Assert.StartsWith($"Cannot load model '{path}': ", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
        Assert.EndsWith(".", message, StringComparison.Ordinal);
    }

    private static CsvTable ReadBuiltIn(string name)
    {
        using Stream stream = typeof(BuiltInDatasets).Assembly.GetManifestResourceStream($"MicroNet.Data.Datasets.{name}.csv")!;
        using var reader = new StreamReader(stream);
        return CsvTable.Read(reader, name + ".csv");
    }

    // The same model with its first weight replaced.
    private static Model Rebuild(Model model, double weight)
    {
        var layers = model.Network.Layers.Select((layer, l) => new Layer([.. layer.Neurons.Select((neuron, n) =>
            new Neuron([.. neuron.Weights.Select((w, i) => l == 0 && n == 0 && i == 0 ? weight : w.Data)], neuron.Bias.Data, neuron.Activation))])).ToList();
        return new Model(new Mlp(layers), model.Schema, model.Output);
    }
}
