using System.Globalization;
using System.Text.RegularExpressions;
using MicroNet.Data;
using MicroNet.Models;
using MicroNet.Tests.Plots;
using MicroNet.Tests.Support;
using MicroNet.Training;

namespace MicroNet.Tests.Cli;

/// <summary><c>micronet train --csv</c>, built-in datasets, <c>--out</c> and <c>--plots</c>, checked against the library.</summary>
public static partial class TrainCsvTests
{
    [Fact]
    public static void Csv_Out_PredictAndEvaluateAgreeWithTheLibrarysModel()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["data.csv"], SampleCsv.ClassificationCsv(150, seed: 11));

        CliRun train = CliRun.Of("train", "--csv", folder["data.csv"], "--target", "label", "--epochs", "15", "--out", folder["model.json"]);

        Assert.Equal(0, train.ExitCode);
        Assert.Equal("", train.Error);
        Assert.Contains($"Saved the model to '{folder["model.json"]}'.", train.Output, StringComparison.Ordinal);
        Assert.Contains("150 rows, 4 features, binary classification", train.Output, StringComparison.Ordinal);

        // The same training through the library, independently of the command.
        TrainingRun run = TrainingRun.Prepare(DataSources.Csv(folder["data.csv"], "label"), new TrainingSettings { Epochs = 15 });
        (PreparedData data, TrainingResult result) = (run.Data, run.Train().Result);
        Model expected = data.CreateModel(result);
        Assert.Equal(ModelOutput.Sigmoid, expected.Output);

        CliRun predict = CliRun.Of("predict", "--model", folder["model.json"], "--csv", folder["data.csv"]);
        Assert.Equal(0, predict.ExitCode);
        string[] lines = predict.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(151, lines.Length);
        CsvTable table = CsvTable.Read(folder["data.csv"]);
        for (int i = 0; i < table.Count; i++)
        {
            Prediction p = expected.Predict(table.RowByName(i));
            Assert.Equal($"{i + 2},{p.ClassName},{p.Probability!.Value.ToString("R", CultureInfo.InvariantCulture)}", lines[i + 1]);
        }

        // evaluate on exactly the held-out test rows: the library's test accuracy, as the train summary printed it.
        File.WriteAllText(folder["test.csv"], RowsOf(folder["data.csv"], data.Raw.Test));
        CliRun evaluate = CliRun.Of("evaluate", "--model", folder["model.json"], "--csv", folder["test.csv"]);
        Assert.Equal(0, evaluate.ExitCode);
        int correct = (int)Math.Round(SampleCsv.Accuracy(expected, data.Raw.Test) * data.Raw.Test.Count);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"({correct} of {data.Raw.Test.Count} rows)"), evaluate.Output, StringComparison.Ordinal);
        double percent = 100.0 * correct / data.Raw.Test.Count;
        Assert.Matches(string.Create(CultureInfo.InvariantCulture, $@"(?m)^\s*test\s+{data.Raw.Test.Count}\s+\S+\s+{percent:F1}%"), train.Output);
    }

    [Fact]
    public static void Csv_Regression_TrainsToRSquaredAbove08()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["prices.csv"], SampleCsv.RegressionCsv(200, seed: 21));

        CliRun run = CliRun.Of("train", "--csv", folder["prices.csv"], "--target", "price", "--out", folder["model.json"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("regression", run.Output, StringComparison.Ordinal);
        Assert.Contains("Targets standardised too", run.Output, StringComparison.Ordinal);
        Match test = Regex.Match(run.Output, @"(?m)^\s*test\s+40\s+\S+\s+\S+\s+\S+\s+(-?\d+\.\d+)\s*$");
        Assert.True(test.Success, run.Output);
        Assert.True(double.Parse(test.Groups[1].Value, CultureInfo.InvariantCulture) > 0.8, test.Value);

        // R² of the saved model on every row, in the price's own units, computed here.
        Model model = ModelFile.Load(folder["model.json"]);
        CsvTable table = CsvTable.Read(folder["prices.csv"]);
        double[] truth = [.. table.Column("price").Select(p => double.Parse(p, CultureInfo.InvariantCulture))];
        double[] predicted = [.. Enumerable.Range(0, table.Count).Select(i => model.Predict(table.RowByName(i)).Value)];
        double mean = truth.Average();
        double residual = truth.Zip(predicted).Sum(p => (p.First - p.Second) * (p.First - p.Second));
        double total = truth.Sum(t => (t - mean) * (t - mean));
        Assert.True(1 - residual / total > 0.8, $"R² {1 - residual / total}");
    }

    [Fact]
    public static void Dataset_Penguins_SaysHowManyRowsWereDropped()
    {
        CliRun run = CliRun.Of("train", "--dataset", "penguins", "--epochs", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Dataset penguins: 333 rows (11 rows with missing values dropped), 9 features, 3-class classification", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public static void Csv_MissingDrop_SaysHowManyRowsWereDropped()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["data.csv"], SampleCsv.ClassificationCsv(40, seed: 2) + "1.5,,red,yes\n");

        CliRun run = CliRun.Of("train", "--csv", folder["data.csv"], "--target", "label", "--missing", "drop", "--epochs", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("(1 row with a missing value dropped)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public static void Dataset_MoonsOut_SavesAModelThatPredictsRowsNamedX1AndX2()
    {
        using var folder = new TempFolder();

        CliRun run = CliRun.Of("train", "--dataset", "moons", "--epochs", "2", "--out", folder["moons.json"]);

        Assert.Equal(0, run.ExitCode);
        Model model = ModelFile.Load(folder["moons.json"]);
        Assert.Equal(["x1", "x2"], model.Schema.Columns.Select(c => c.Name));
        File.WriteAllText(folder["points.csv"], "x2,x1\n0.5,1.0\n");
        CliRun predict = CliRun.Of("predict", "--model", folder["moons.json"], "--csv", folder["points.csv"]);
        Assert.Equal(0, predict.ExitCode);
        Assert.StartsWith($"2,{model.Predict([1.0, 0.5]).ClassName},", predict.Output.Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    public static void Out_LossBecomesNaN_KeepsTheOldModelAndSavesTheLastGoodOneBesideIt()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["model.json"], "a good model");
        File.WriteAllText(folder["model.last-good.json"], "taken");

        CliRun run = CliRun.Of("train", "--dataset", "moons", "--optimizer", "sgd", "--learning-rate", "1e200", "--epochs", "3", "--out", folder["model.json"]);

        Assert.Equal(1, run.ExitCode);
        string line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("Loss became", line, StringComparison.Ordinal);
        Assert.Contains($"Saved the last good model (before the failing step) to '{folder["model.last-good-2.json"]}'; '{folder["model.json"]}' was left as it was.", run.Output, StringComparison.Ordinal);
        Assert.Equal("a good model", File.ReadAllText(folder["model.json"]));
        Assert.Equal("taken", File.ReadAllText(folder["model.last-good.json"]));
        Model model = ModelFile.Load(folder["model.last-good-2.json"]);
        Assert.All(model.Network.Parameters(), p => Assert.True(double.IsFinite(p.Data)));
        Assert.Equal(["model.json", "model.last-good-2.json", "model.last-good.json"], folder.Entries());
    }

    [Fact]
    public static void Out_PenaltyOverflowsAtTheFirstStep_SavesNothingAndBlamesTheL2Factor()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["model.json"], "a good model");

        CliRun run = CliRun.Of("train", "--dataset", "iris", "--l2", "1e308", "--out", folder["model.json"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Loss became infinite at epoch 1, step 1 because the L2 penalty overflowed; use a smaller L2 factor (now 1E+308).", Assert.Single(run.ErrorLines));
        Assert.Contains("Saved no model: not one step succeeded", run.Output, StringComparison.Ordinal);
        Assert.Equal(["model.json"], folder.Entries());
        Assert.Equal("a good model", File.ReadAllText(folder["model.json"]));
    }

    [Fact]
    public static void Plots_Moons_WritesCurvesAndBoundaryIntoANewFolder()
    {
        using var folder = new TempFolder();
        string plots = Path.Combine(folder.Path, "runs", "moons");

        CliRun run = CliRun.Of("train", "--dataset", "moons", "--epochs", "3", "--layers", "4", "--plots", plots);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["curves.png", "decision-boundary.png"], Directory.GetFiles(plots).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using PlotImage curves = PlotImage.Read(Path.Combine(plots, "curves.png"));
        Assert.Equal((800, 800), (curves.Width, curves.Height));
        using PlotImage boundary = PlotImage.Read(Path.Combine(plots, "decision-boundary.png"));
    }

    [Fact]
    public static void Plots_Iris_WritesOnlyTheCurves()
    {
        using var folder = new TempFolder();

        CliRun run = CliRun.Of("train", "--dataset", "iris", "--epochs", "2", "--plots", folder.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["curves.png"], folder.Entries());
    }

    [Fact]
    public static void Plots_SecondPlotCannotBeWritten_KeepsTheFirstWholeAndExitsOneWithOneLine()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["decision-boundary.png"]);

        CliRun run = CliRun.Of("train", "--dataset", "moons", "--epochs", "2", "--layers", "4", "--plots", folder.Path);

        Assert.Equal(1, run.ExitCode);
        string line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"Cannot write the plots in '{folder.Path}'", line, StringComparison.Ordinal);
        Assert.Contains("decision-boundary.png", line, StringComparison.Ordinal);
        GraphCommandTests.AssertNoStackTrace(run.Error);
        Assert.Equal(["curves.png", "decision-boundary.png"], folder.Entries());
        using PlotImage curves = PlotImage.Read(folder["curves.png"]);
    }

    [Theory]
    [InlineData(100, 200)]    // sqrt(1e7 / 100) = 316, capped at 200
    [InlineData(337, 172)]    // sqrt(1e7 / 337) = 172.3
    [InlineData(1482, 82)]    // sqrt(1e7 / 1482) = 82.1
    [InlineData(100_000, 60)] // sqrt(100) = 10, raised to 60
    public static void BoundaryResolution_ShrinksForLargeModels(int parameters, int expected) =>
        Assert.Equal(expected, MicroNet.Cli.Commands.Train.TrainCommand.BoundaryResolution(parameters));

    /// <summary>The header and the lines of <paramref name="path"/> whose x1 and x2 are those of a row of <paramref name="rows"/>.</summary>
    private static string RowsOf(string path, Dataset rows)
    {
        string[] lines = File.ReadAllLines(path);
        var wanted = rows.Features.Select(r => (r[0], r[1])).ToHashSet();
        IEnumerable<string> kept = lines.Skip(1).Where(line =>
        {
            string[] cells = line.Split(',');
            return wanted.Contains((double.Parse(cells[0], CultureInfo.InvariantCulture), double.Parse(cells[1], CultureInfo.InvariantCulture)));
        });
        string[] result = [lines[0], .. kept];
        Assert.Equal(rows.Count + 1, result.Length);
        return string.Join('\n', result) + "\n";
    }
}
