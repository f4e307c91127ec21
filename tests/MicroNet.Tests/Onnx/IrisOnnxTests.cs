using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using MicroNet.Data;
using MicroNet.Models;
using MicroNet.Onnx;
using MicroNet.Tests.Cli;
using MicroNet.Tests.Support;
using MicroNet.Training;

namespace MicroNet.Tests.Onnx;

/// <summary>The acceptance test: a model trained on iris as 'micronet train' trains it, exported, run by ONNX Runtime.</summary>
public static class IrisOnnxTests
{
    private static readonly Lazy<Model> s_model = new(() =>
    {
        CsvData iris = BuiltInDatasets.Load(BuiltInDataset.Iris);
        TrainingRun run = TrainingRun.Prepare(new DataSource("iris", iris.Dataset) { Schema = iris.Schema }, new TrainingSettings { Epochs = 30 });
        (PreparedData data, TrainingResult result) = (run.Data, run.Train().Result);
        return data.CreateModel(result);
    });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public static void ExportedIris_EveryRow_OnnxRuntimePredictsTheClassMicronetPredictPrints(bool doublePrecision)
    {
        using var folder = new TempFolder();
        ModelFile.Save(s_model.Value, folder["iris.json"]);
        File.WriteAllText(folder["iris.csv"], IrisText());
        string[] exportArgs = ["export", "--model", folder["iris.json"], "--onnx", folder["iris.onnx"], "--probabilities", .. doublePrecision ? ["--float64"] : Array.Empty<string>()];

        CliRun export = CliRun.Of(exportArgs);
        CliRun predict = CliRun.Of("predict", "--model", folder["iris.json"], "--csv", folder["iris.csv"]);

        Assert.Equal(0, export.ExitCode);
        Assert.Equal(0, predict.ExitCode);
        string[][] printed = [.. predict.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).Select(l => l.Split(','))];
        CsvData iris = CsvLoader.Load(folder["iris.csv"], "species");
        Assert.Equal(150, printed.Length);
        OnnxPrecision precision = doublePrecision ? OnnxPrecision.Float64 : OnnxPrecision.Float32;
        using var session = new InferenceSession(folder["iris.onnx"]);
        string[] classes = JsonSerializer.Deserialize<string[]>(session.ModelMetadata.CustomMetadataMap["classes"])!;
        double[][] probabilities = OnnxRunner.Run(session, iris.Dataset.Features, precision);
        int[] classCounts = new int[classes.Length];
        for (int i = 0; i < 150; i++)
        {
            Assert.Equal(iris.LineNumbers[i].ToString(CultureInfo.InvariantCulture), printed[i][0]);
            int best = Array.IndexOf(probabilities[i], probabilities[i].Max());
            Assert.Equal(printed[i][1], classes[best]);
            double printedProbability = double.Parse(printed[i][2], CultureInfo.InvariantCulture);
            Assert.True(OnnxRunner.Error(probabilities[i][best], printedProbability) <= (doublePrecision ? 1e-12 : 1e-5),
                $"Line {printed[i][0]}: ONNX Runtime gives {probabilities[i][best]:R}, micronet predict printed {printed[i][2]}.");
            classCounts[best]++;
        }
        // A model that had learnt nothing would agree with itself too; this one tells the three species apart.
        Assert.All(classCounts, count => Assert.InRange(count, 40, 60));
    }

    [Fact]
    public static void ReadmeExample_ClassifiesTwoFlowers()
    {
        using var folder = new TempFolder();
        OnnxExport.Save(s_model.Value, folder["iris.onnx"], new OnnxExportOptions { IncludeProbabilities = true });
        using var output = new StringWriter();

        ReadmeExample(folder["iris.onnx"], output);

        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("setosa ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("virginica ", lines[1], StringComparison.Ordinal);
    }

    // The C# example of README.md's "Use your model elsewhere", with Console.Out as a parameter: keep the two alike.
    private static void ReadmeExample(string path, TextWriter console)
    {
        using var session = new InferenceSession(path);
        string[] classes = JsonSerializer.Deserialize<string[]>(session.ModelMetadata.CustomMetadataMap["classes"])!;

        float[] rows = [5.1f, 3.5f, 1.4f, 0.2f,    // sepal_length, sepal_width, petal_length, petal_width
                        6.7f, 3.0f, 5.2f, 2.3f];
        using var input = OrtValue.CreateTensorValueFromMemory(rows, [2, 4]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input"], [input], ["output"]);
        ReadOnlySpan<float> probabilities = outputs[0].GetTensorDataAsSpan<float>();   // [2, 3], row after row

        for (int row = 0; row < 2; row++)
        {
            ReadOnlySpan<float> p = probabilities.Slice(row * classes.Length, classes.Length);
            int best = 0;
            for (int k = 1; k < p.Length; k++)
            {
                if (p[k] > p[best])
                {
                    best = k;
                }
            }
            console.WriteLine($"{classes[best]} {p[best]:P1}");
        }
    }

    private static string IrisText()
    {
        using Stream stream = typeof(BuiltInDatasets).Assembly.GetManifestResourceStream("MicroNet.Data.Datasets.iris.csv")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
