using System.Globalization;
using System.Text.Json.Nodes;
using MicroNet.Data;
using MicroNet.Models;
using MicroNet.Tests.Support;

namespace MicroNet.Tests.Cli;

public static class PredictEvaluateCommandTests
{
    private static readonly Lazy<Model> s_iris = new(TrainedModels.Iris);

    private static string IrisText()
    {
        using Stream stream = typeof(BuiltInDatasets).Assembly.GetManifestResourceStream("MicroNet.Data.Datasets.iris.csv")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static TempFolder IrisFolder()
    {
        var folder = new TempFolder();
        ModelFile.Save(s_iris.Value, folder["model.json"]);
        File.WriteAllText(folder["iris.csv"], IrisText());
        return folder;
    }

    [Fact]
    public static void Predict_Iris_PrintsOneCsvRowPerInputRow()
    {
        using TempFolder folder = IrisFolder();

        CliRun run = CliRun.Of("predict", "--model", folder["model.json"], "--csv", folder["iris.csv"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        string[] lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("line,predicted,probability", lines[0]);
        Assert.Equal(151, lines.Length);
        CsvTable table = CsvTable.Read(folder["iris.csv"]);
        for (int i = 0; i < 150; i++)
        {
            string[] cells = lines[i + 1].Split(',');
            Assert.Equal((i + 2).ToString(CultureInfo.InvariantCulture), cells[0]);
            Prediction expected = s_iris.Value.Predict(table.RowByName(i));
            Assert.Equal(expected.ClassName, cells[1]);
            double probability = double.Parse(cells[2], CultureInfo.InvariantCulture);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Probability!.Value), BitConverter.DoubleToInt64Bits(probability));
            Assert.InRange(probability, 1.0 / 3, 1.0);
        }
    }

    [Fact]
    public static void Predict_Out_WritesTheFileAndSaysSo()
    {
        using TempFolder folder = IrisFolder();

        CliRun run = CliRun.Of("predict", "--model", folder["model.json"], "--csv", folder["iris.csv"], "--out", folder["predictions.csv"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"Wrote 150 predictions for '{folder["iris.csv"]}' to '{folder["predictions.csv"]}'.", run.Output.Trim());
        Assert.Equal(151, File.ReadAllLines(folder["predictions.csv"]).Length);
        Assert.Equal(["iris.csv", "model.json", "predictions.csv"], folder.Entries());
    }

    [Fact]
    public static void Predict_ReorderedColumnsWithoutTarget_GivesTheSamePredictions()
    {
        using TempFolder folder = IrisFolder();
        // Iris line 2 is 5.1,3.5,1.4,0.2,setosa; here the columns come in another order and the target is gone.
        File.WriteAllText(folder["new.csv"], "petal_width;sepal_width;note;petal_length;sepal_length\n0.2;3.5;\"a; b\";1.4;5.1\n");

        CliRun run = CliRun.Of("predict", "--model", folder["model.json"], "--csv", folder["new.csv"]);

        Assert.Equal(0, run.ExitCode);
        Prediction expected = s_iris.Value.Predict([5.1, 3.5, 1.4, 0.2]);
        Assert.Equal($"2,{expected.ClassName},{expected.Probability!.Value.ToString("R", CultureInfo.InvariantCulture)}", run.Output.Split('\n')[1].Trim());
    }

    [Fact]
    public static void Predict_MissingDrop_LeavesRowsOutAndCountsThem()
    {
        using TempFolder folder = IrisFolder();
        File.WriteAllText(folder["gaps.csv"], "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\nNA,3.0,1.4,0.2\n6.3,3.3,6.0,2.5\n");

        CliRun run = CliRun.Of("predict", "--model", folder["model.json"], "--csv", folder["gaps.csv"], "--missing", "drop", "--out", folder["p.csv"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Wrote 2 predictions", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 row with a missing value was left out", run.Output, StringComparison.Ordinal);
        string[] lines = File.ReadAllLines(folder["p.csv"]);
        Assert.StartsWith("2,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("4,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public static void Evaluate_Iris_PrintsAccuracyAndConfusionMatrix()
    {
        using TempFolder folder = IrisFolder();

        CliRun run = CliRun.Of("evaluate", "--model", folder["model.json"], "--csv", folder["iris.csv"], "--target", "species");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        CsvTable table = CsvTable.Read(folder["iris.csv"]);
        int correct = Enumerable.Range(0, 150).Count(i => s_iris.Value.Predict(table.RowByName(i)).ClassName == table.Rows[i][4]);
        Assert.Contains($"accuracy {(correct / 150.0).ToString("F4", CultureInfo.InvariantCulture)} ({correct} of 150 rows)", run.Output, StringComparison.Ordinal);
        // Each species has 50 rows, so each row of the confusion matrix adds up to 50.
        string[] matrixRows = [.. run.Output.Split('\n').Where(l => l.TrimStart().StartsWith("setosa", StringComparison.Ordinal)
            || l.TrimStart().StartsWith("versicolor", StringComparison.Ordinal) || l.TrimStart().StartsWith("virginica", StringComparison.Ordinal))];
        Assert.Equal(3, matrixRows.Length);
        Assert.All(matrixRows, row => Assert.Equal(50, row.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Sum(int.Parse)));
        Assert.DoesNotContain('\u001b', run.Output);
    }

    [Fact]
    public static void Evaluate_Regression_PrintsRmseAndRSquared()
    {
        using var folder = new TempFolder();
        Model model = TrainedModels.SavedSquares(folder);
        CsvTable table = CsvTable.Read(folder["r.csv"]);
        double[] predicted = [.. Enumerable.Range(0, 20).Select(i => model.Predict(table.RowByName(i)).Value)];
        double rmse = Math.Sqrt(Enumerable.Range(0, 20).Average(i => Math.Pow(predicted[i] - (i * i + 0.5), 2)));

        CliRun run = CliRun.Of("evaluate", "--model", folder["r.json"], "--csv", folder["r.csv"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"RMSE {rmse.ToString("G6", CultureInfo.InvariantCulture)}", run.Output, StringComparison.Ordinal);
        Assert.Contains("R²", run.Output, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string> BadInputs => new()
    {
        // name, CSV text (null: no file), what the message must contain, command
        { "missing file", "<none>", "does not exist", "predict" },
        { "empty file", "", "empty", "predict" },
        { "header only", "sepal_length,sepal_width,petal_length,petal_width,species\n", "no data rows", "predict" },
        { "unknown target", "sepal_length,sepal_width,petal_length,petal_width,kind\n5.1,3.5,1.4,0.2,setosa\n", "no column 'species'", "evaluate" },
        { "absent input column", "sepal_length,sepal_width,petal_length,species\n5.1,3.5,1.4,setosa\n", "no column 'petal_width'", "predict" },
        { "text in numeric column", "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n4.9,wide,1.4,0.2\n", "line 3, column 'sepal_width': 'wide' is not a number", "predict" },
        { "missing value", "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,,0.2\n", "line 2, column 'petal_length': the value is missing", "predict" },
        { "unknown class", "sepal_length,sepal_width,petal_length,petal_width,species\n5.1,3.5,1.4,0.2,rose\n", "line 2, column 'species': 'rose' is not one of the model's classes", "evaluate" },
        { "wrong cell count", "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4\n", "line 2: the row has 3 cells", "predict" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public static void BadCsv_ExitsTwoWithOneLineAndNoOutputFile(string what, string csv, string expected, string command)
    {
        using TempFolder folder = IrisFolder();
        if (csv != "<none>")
        {
            File.WriteAllText(folder["in.csv"], csv);
        }
        string[] extra = command == "evaluate" ? ["--target", "species"] : ["--out", folder["out.csv"]];

        CliRun run = CliRun.Of([command, "--model", folder["model.json"], "--csv", folder["in.csv"], .. extra]);

        Assert.True(run.ExitCode == 2, $"{what}: exit {run.ExitCode}, {run.Error}");
        string line = Assert.Single(run.ErrorLines);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Contains("in.csv", line, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
        GraphCommandTests.AssertNoStackTrace(run.Error);
        Assert.DoesNotContain("out.csv", folder.Entries());
        Assert.DoesNotContain(folder.Entries(), e => e.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("other version", "version 7 model file, but this build of micronet reads version 2 and older")]
    [InlineData("truncated", "not valid JSON")]
    [InlineData("missing", "does not exist")]
    public static void BadModel_ExitsTwoWithOneLine(string what, string expected)
    {
        using TempFolder folder = IrisFolder();
        string model = folder["model.json"];
        switch (what)
        {
            case "other version":
                JsonNode json = JsonNode.Parse(File.ReadAllText(model))!;
                json["version"] = 7;
                File.WriteAllText(model, json.ToJsonString());
                break;
            case "truncated":
                File.WriteAllText(model, File.ReadAllText(model)[..200]);
                break;
            default:
                File.Delete(model);
                break;
        }

        CliRun run = CliRun.Of("predict", "--model", model, "--csv", folder["iris.csv"], "--out", folder["out.csv"]);

        Assert.Equal(2, run.ExitCode);
        string line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"Cannot load model '{model}': ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.False(File.Exists(folder["out.csv"]));
    }

    [Fact]
    public static void Predict_OutInMissingFolder_ExitsTwoBeforeReading()
    {
        using TempFolder folder = IrisFolder();

        CliRun run = CliRun.Of("predict", "--model", folder["model.json"], "--csv", folder["iris.csv"], "--out", folder["no/such/p.csv"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("does not exist", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("predict", "--csv")]
    [InlineData("evaluate", "--model")]
    public static void MissingRequiredOption_IsAUsageError(string command, string option)
    {
        string[] args = option == "--csv" ? [command, "--model", "m.json"] : [command, "--csv", "x.csv"];

        CliRun.Of(args).AssertUsageError(option);
    }

    [Fact]
    public static void Missing_BadValue_IsAUsageError() =>
        CliRun.Of("predict", "--model", "m.json", "--csv", "x.csv", "--missing", "zero").AssertUsageError("--missing");
}
