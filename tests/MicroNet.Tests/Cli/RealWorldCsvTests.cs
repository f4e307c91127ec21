using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MicroNet.Data;
using MicroNet.Models;
using MicroNet.Tests.Support;

namespace MicroNet.Tests.Cli;

/// <summary>
/// <c>train</c>, <c>predict</c> and <c>evaluate</c> on CSV files as people have them: the schema table, the column
/// options, decimal commas, missing values filled from the training rows, unseen categories, an ID carried through,
/// regression errors in the target's units, the best epoch and training on every row.
/// </summary>
public static class RealWorldCsvTests
{
    // Shops: an order ID, a date, a constant note, a numeric feature, a city (one of them rare), the class to predict.
    private static string Orders(int rows, int seed, bool withTarget = true)
    {
        var random = new Random(seed);
        var text = new StringBuilder(withTarget ? "order_id,date,note,amount,city,returned\n" : "order_id,date,note,amount,city\n");
        string[] cities = ["Amsterdam", "Berlin", "Copenhagen"];
        for (int i = 0; i < rows; i++)
        {
            double amount = Math.Round(random.NextDouble() * 200, 2);
            string city = cities[random.Next(cities.Length)];
            bool returned = amount > 120 ^ city == "Berlin";
            text.Append(CultureInfo.InvariantCulture, $"{9000 + i},2024-{1 + i % 12:00}-{1 + i % 28:00},web,{amount},{city}");
            text.Append(withTarget ? (returned ? ",yes\n" : ",no\n") : "\n");
        }
        return text.ToString();
    }

    [Fact]
    public static void Train_Csv_PrintsTheSchemaTableWithRolesAndReasons()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["orders.csv"], Orders(120, seed: 1));

        CliRun run = CliRun.Of("train", "--csv", folder["orders.csv"], "--target", "returned", "--epochs", "3");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"(?m)^order_id\s+identifier\s+120\s+0\s+0\s+distinct whole numbers under an ID-like name", run.Output);
        Assert.Matches(@"(?m)^date\s+date\s+\d+\s+0\s+5\s+120 ISO dates", run.Output);
        Assert.Matches(@"(?m)^note\s+constant\s+1\s+0\s+0\s+one value, 'web'", run.Output);
        Assert.Matches(@"(?m)^city\s+categorical\s+3\s+0\s+3\s+text, 3 distinct values", run.Output);
        Assert.Matches(@"(?m)^returned\s+target\s+2\s+0\s+0\s+text, 2 classes", run.Output);
        Assert.Contains("120 rows, 9 features, binary classification", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public static void Train_ColumnOptions_OverrideTheSchema()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["orders.csv"], Orders(120, seed: 1));

        CliRun run = CliRun.Of("train", "--csv", folder["orders.csv"], "--target", "returned", "--epochs", "1",
            "--ignore", "date,city", "--numeric", "order_id");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"(?m)^date\s+ignored\s+.*--ignore", run.Output);
        Assert.Matches(@"(?m)^order_id\s+numeric\s+.*--numeric", run.Output);
        Assert.Contains("120 rows, 2 features", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--ignore", "nope")]
    [InlineData("--date", "city")]
    public static void Train_BadColumnOption_ExitsTwoNamingIt(string option, string column)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["orders.csv"], Orders(40, seed: 1));

        CliRun run = CliRun.Of("train", "--csv", folder["orders.csv"], "--target", "returned", option, column);

        run.AssertUsageError(column);
    }

    [Fact]
    public static void Train_DecimalCommaFile_HasNumericFeaturesAndTrainsAsTheOriginal()
    {
        using var folder = new TempFolder();
        CsvTable iris = CsvTable.Read(new StringReader(Iris()), "iris.csv");
        var european = new StringBuilder("sepal_length;sepal_width;petal_length;petal_width;species\n");
        foreach (IReadOnlyList<string> row in iris.Rows)
        {
            european.AppendLine(string.Join(';', row.Select(cell => cell.Replace('.', ','))));
        }
        File.WriteAllText(folder["iris-eu.csv"], european.ToString());
        File.WriteAllText(folder["iris.csv"], Iris());

        CliRun eu = CliRun.Of("train", "--csv", folder["iris-eu.csv"], "--target", "species", "--epochs", "20");
        CliRun us = CliRun.Of("train", "--csv", folder["iris.csv"], "--target", "species", "--epochs", "20");

        Assert.Equal(0, eu.ExitCode);
        Assert.Contains("(cells separated by semicolon; decimal commas)", eu.Output, StringComparison.Ordinal);
        Assert.Contains("150 rows, 4 features, 3-class classification", eu.Output, StringComparison.Ordinal);
        Assert.Equal(SummaryOf(us.Output), SummaryOf(eu.Output));
    }

    [Fact]
    public static void PredictAndEvaluate_UnseenCategory_SucceedAndCountIt()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["orders.csv"], Orders(120, seed: 1));
        Assert.Equal(0, CliRun.Of("train", "--csv", folder["orders.csv"], "--target", "returned", "--epochs", "2", "--out", folder["m.json"]).ExitCode);
        File.WriteAllText(folder["new.csv"], Orders(5, seed: 2).Replace("Copenhagen", "Dublin", StringComparison.Ordinal));
        int dublin = File.ReadAllLines(folder["new.csv"]).Count(l => l.Contains("Dublin", StringComparison.Ordinal));
        Assert.True(dublin > 0);

        CliRun predict = CliRun.Of("predict", "--model", folder["m.json"], "--csv", folder["new.csv"]);
        CliRun strict = CliRun.Of("predict", "--model", folder["m.json"], "--csv", folder["new.csv"], "--unknown", "error");
        CliRun evaluate = CliRun.Of("evaluate", "--model", folder["m.json"], "--csv", folder["new.csv"]);

        Assert.Equal(0, predict.ExitCode);
        Assert.Equal(6, predict.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal($"{dublin} {(dublin == 1 ? "row" : "rows")} had a value of 'city' not seen in training (encoded as all zeros); --unknown error refuses them.", Assert.Single(predict.ErrorLines));
        Assert.Equal(2, strict.ExitCode);
        string line = Assert.Single(strict.ErrorLines);
        Assert.Contains("column 'city': 'Dublin' is not one of the categories seen in training (Amsterdam, Berlin, Copenhagen)", line, StringComparison.Ordinal);
        // With --out, the refused run leaves no file at all, not the rows before the bad one.
        CliRun strictToFile = CliRun.Of("predict", "--model", folder["m.json"], "--csv", folder["new.csv"], "--unknown", "error", "--out", folder["p.csv"]);
        Assert.Equal(2, strictToFile.ExitCode);
        Assert.False(File.Exists(folder["p.csv"]));
        Assert.Equal(0, evaluate.ExitCode);
        Assert.Contains("not seen in training", evaluate.Output, StringComparison.Ordinal);
    }

    [Fact]
    public static void Predict_UnseenCategoryOfAGroupedColumn_IsEncodedAsItsRareOnes()
    {
        using var folder = new TempFolder();
        // 12 cities seen 4 times each and 5 seen once: the five share (other), and so does a city never seen.
        IEnumerable<string> cities = [.. Enumerable.Range(0, 12).SelectMany(i => Enumerable.Repeat($"city{i}", 4)), .. Enumerable.Range(0, 5).Select(i => $"rare{i}")];
        File.WriteAllText(folder["data.csv"], "city,x,y\n" + string.Concat(cities.Select((c, i) => FormattableString.Invariant($"{c},{i % 5},{i % 2}\n"))));
        Assert.Equal(0, CliRun.Of("train", "--csv", folder["data.csv"], "--target", "y", "--epochs", "2", "--out", folder["m.json"]).ExitCode);
        File.WriteAllText(folder["new.csv"], "city,x\nrare3,2\nOslo,2\ncity4,2\n");

        CliRun predict = CliRun.Of("predict", "--model", folder["m.json"], "--csv", folder["new.csv"]);

        Assert.Equal(0, predict.ExitCode);
        string[] rows = predict.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(rows[1][2..], rows[2][2..]);
        Assert.NotEqual(rows[1][2..], rows[3][2..]);
        Assert.Equal("1 row had a value of 'city' not seen in training (encoded as '(other)', with the rare ones); --unknown error refuses them.", Assert.Single(predict.ErrorLines));
    }

    [Fact]
    public static void Predict_Id_CarriesTheColumnAfterTheLine()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["orders.csv"], Orders(60, seed: 1));
        Assert.Equal(0, CliRun.Of("train", "--csv", folder["orders.csv"], "--target", "returned", "--epochs", "1", "--out", folder["m.json"]).ExitCode);
        File.WriteAllText(folder["new.csv"], Orders(3, seed: 3, withTarget: false));

        CliRun run = CliRun.Of("predict", "--model", folder["m.json"], "--csv", folder["new.csv"], "--id", "order_id");

        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("line,order_id,predicted,probability", lines[0]);
        Assert.StartsWith("2,9000,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("4,9002,", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public static void Impute_FillsFromTheTrainingRowsAndPredictionFillsTheSameWay()
    {
        using var folder = new TempFolder();
        string orders = Orders(80, seed: 4);
        string[] lines = orders.Split('\n');
        lines[3] = string.Join(',', lines[3].Split(',').Select((cell, i) => i == 3 ? "" : cell));
        lines[5] = string.Join(',', lines[5].Split(',').Select((cell, i) => i == 4 ? "NA" : cell));
        File.WriteAllText(folder["orders.csv"], string.Join('\n', lines));

        CliRun refused = CliRun.Of("train", "--csv", folder["orders.csv"], "--target", "returned");
        CliRun train = CliRun.Of("train", "--csv", folder["orders.csv"], "--target", "returned", "--missing", "impute", "--epochs", "2", "--out", folder["m.json"]);

        Assert.Contains("--missing impute", refused.AssertUsageError("line 4, column 'amount'"), StringComparison.Ordinal);
        Assert.Equal(0, train.ExitCode);
        Assert.Contains("80 rows, 9 features", train.Output, StringComparison.Ordinal);
        Model model = ModelFile.Load(folder["m.json"]);
        FeatureColumn amount = model.Schema.Columns.Single(c => c.Name == "amount");
        FeatureColumn city = model.Schema.Columns.Single(c => c.Name == "city");
        Assert.NotNull(amount.FillNumber);
        Assert.NotNull(city.FillCategory);

        File.WriteAllText(folder["new.csv"], "order_id,date,note,amount,city\n1,2024-05-05,web,,\n");
        CliRun predict = CliRun.Of("predict", "--model", folder["m.json"], "--csv", folder["new.csv"], "--missing", "impute");
        CliRun strict = CliRun.Of("predict", "--model", folder["m.json"], "--csv", folder["new.csv"]);

        Assert.Equal(0, predict.ExitCode);
        Prediction expected = model.Predict(new Dictionary<string, string>
        {
            ["date"] = "2024-05-05", ["amount"] = amount.FillNumber!.Value.ToString("R", CultureInfo.InvariantCulture), ["city"] = city.FillCategory!,
        });
        Assert.Contains($"2,{expected.ClassName},{expected.Probability!.Value.ToString("R", CultureInfo.InvariantCulture)}", predict.Output, StringComparison.Ordinal);
        strict.AssertUsageError("the value is missing");
    }

    [Fact]
    public static void Evaluate_Regression_ReportsErrorsInTheTargetsUnits()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["prices.csv"], SampleCsv.RegressionCsv(150, seed: 5));
        CliRun train = CliRun.Of("train", "--csv", folder["prices.csv"], "--target", "price", "--epochs", "30", "--out", folder["m.json"]);
        Assert.Equal(0, train.ExitCode);

        CliRun evaluate = CliRun.Of("evaluate", "--model", folder["m.json"], "--csv", folder["prices.csv"]);

        Model model = ModelFile.Load(folder["m.json"]);
        CsvTable table = CsvTable.Read(folder["prices.csv"]);
        double[] predicted = [.. Enumerable.Range(0, table.Count).Select(i => model.Predict(table.RowByName(i)).Value)];
        double[] truth = [.. table.Column("price").Select(p => double.Parse(p, CultureInfo.InvariantCulture))];
        Assert.Contains($"RMSE {MicroNet.Training.Metrics.Rmse(predicted, truth).ToString("G6", CultureInfo.InvariantCulture)}", evaluate.Output, StringComparison.Ordinal);
        Assert.Contains($"MAE  {MicroNet.Training.Metrics.Mae(predicted, truth).ToString("G6", CultureInfo.InvariantCulture)}", evaluate.Output, StringComparison.Ordinal);
        // The train summary's rmse column is in the price's units too: tens, not the fraction of a standard deviation.
        Assert.Matches(@"(?m)^train\s+\d+\s+\d\.\d{4}\s+\d+\.\d{4}\s+\d+\.\d{4}\s+0\.\d{4}", train.Output);
    }

    [Fact]
    public static void Train_WholeNumberTarget_IsRegressionWithTaskOrARegressionLoss()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["counts.csv"], "x,n\n" + string.Concat(Enumerable.Range(0, 60).Select(i => $"{i % 7},{i % 5}\n")));

        CliRun classes = CliRun.Of("train", "--csv", folder["counts.csv"], "--target", "n", "--epochs", "1");
        CliRun task = CliRun.Of("train", "--csv", folder["counts.csv"], "--target", "n", "--epochs", "1", "--task", "regression");
        CliRun loss = CliRun.Of("train", "--csv", folder["counts.csv"], "--target", "n", "--epochs", "1", "--loss", "mse");

        Assert.Contains("5-class classification", classes.Output, StringComparison.Ordinal);
        Assert.Contains("1 features, regression", task.Output.Replace("1 feature,", "1 features,", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(0, loss.ExitCode);
        Assert.Contains("regression", loss.Output, StringComparison.Ordinal);
    }

    [Fact]
    public static void Train_Patience_StopsEarlyAndKeepsTheBestEpoch()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["data.csv"], SampleCsv.ClassificationCsv(100, seed: 3));

        CliRun run = CliRun.Of("train", "--csv", folder["data.csv"], "--target", "label", "--epochs", "500", "--patience", "3", "--out", folder["m.json"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"Stopped early after epoch (\d+): no epoch since epoch \d+ scored better on the validation rows \(--patience 3\)\.", run.Output);
        Assert.Matches(@"To train the final model on every row with these settings, run the same command with --test 0 --validation 0 --epochs \d+\.", run.Output);
    }

    [Fact]
    public static void Train_TestAndValidationZero_TrainsOnEveryRow()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["data.csv"], SampleCsv.ClassificationCsv(50, seed: 3));

        CliRun run = CliRun.Of("train", "--csv", folder["data.csv"], "--target", "label", "--epochs", "2", "--test", "0", "--validation", "0");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("50 for training, 0 for validation, 0 for testing", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public static void Predict_InputsFarOutsideTraining_ReportNonFiniteOutputs()
    {
        using var folder = new TempFolder();
        // 'a' varies by thousandths in training, so 1e306 standardises past double's range and the output is not finite.
        File.WriteAllText(folder["data.csv"], "a,b,y\n" + string.Concat(Enumerable.Range(0, 60).Select(i =>
            FormattableString.Invariant($"{i * 1e-5},{i % 7},{i % 7 + i * 0.1}\n"))));
        Assert.Equal(0, CliRun.Of("train", "--csv", folder["data.csv"], "--target", "y", "--epochs", "2", "--out", folder["m.json"]).ExitCode);
        File.WriteAllText(folder["new.csv"], "a,b,y\n1e306,3,1\n0.0001,3,1\n");

        CliRun predict = CliRun.Of("predict", "--model", folder["m.json"], "--csv", folder["new.csv"]);
        CliRun evaluate = CliRun.Of("evaluate", "--model", folder["m.json"], "--csv", folder["new.csv"]);

        Assert.Equal(0, predict.ExitCode);
        Assert.Matches(@"(?m)^2,(NaN|-?Infinity)$", predict.Output.Replace("\r", "", StringComparison.Ordinal));
        Assert.Matches(@"(?m)^3,-?\d", predict.Output);
        Assert.StartsWith("1 row gives a NaN or infinite output (line 2)", Assert.Single(predict.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(0, evaluate.ExitCode);
        Assert.Contains("1 row gives a NaN or infinite output (line 2)", evaluate.Output, StringComparison.Ordinal);
    }

    [Fact]
    public static void ModelFile_Version1_StillLoads()
    {
        using var folder = new TempFolder();
        ModelFile.Save(TrainedModels.Iris(), folder["model.json"]);
        JsonNode json = JsonNode.Parse(File.ReadAllText(folder["model.json"]))!;
        json["version"] = 1;
        json["preprocessing"]!.AsObject().Remove("decimalSeparator");
        File.WriteAllText(folder["v1.json"], json.ToJsonString());
        File.WriteAllText(folder["v1-bom.json"], "\uFEFF" + json.ToJsonString().Replace("\"version\":1", "\"version\":1.0", StringComparison.Ordinal));

        Model v1 = ModelFile.Load(folder["v1.json"]);
        Model bom = ModelFile.Load(folder["v1-bom.json"]);

        Assert.Equal('.', v1.Schema.DecimalSeparator);
        Assert.Equal(v1.Predict([5.1, 3.5, 1.4, 0.2]).Outputs, bom.Predict([5.1, 3.5, 1.4, 0.2]).Outputs);
    }

    private static string Iris()
    {
        using Stream stream = typeof(BuiltInDatasets).Assembly.GetManifestResourceStream("MicroNet.Data.Datasets.iris.csv")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    // The training log and summary table, without the first line (which names the file) and the timing.
    private static string SummaryOf(string output) =>
        string.Join('\n', output.Split('\n').Where(l => l.StartsWith("epoch", StringComparison.Ordinal) || l.StartsWith("test", StringComparison.Ordinal)));
}
