using System.CommandLine;
using System.Globalization;
using MicroNet.Data;
using MicroNet.Models;
using MicroNet.Training;
using Spectre.Console;

namespace MicroNet.Cli.Commands.Evaluate;

/// <summary><c>micronet evaluate</c>: how well a saved model predicts the target column of a CSV file.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        Option<string> model = DataOptions.Model();
        Option<string> csv = DataOptions.Csv("The rows to score: a CSV file with a header row holding the model's input columns and the target column.");
        Option<string> target = CliOptions.Path("--target", "The column holding the true values. [default: the column the model was trained on]", helpName: "column");
        Option<MissingValuePolicy?> missing = DataOptions.Missing();
        return CliOptions.Command("evaluate", "Score a saved model on a CSV file: accuracy and a confusion matrix for classes, RMSE and R² for numbers.",
            [model, csv, target, missing],
            parseResult => Run(parseResult.GetRequiredValue(model), parseResult.GetRequiredValue(csv), parseResult.GetValue(target),
                parseResult.GetValue(missing) ?? MissingValuePolicy.Error, parseResult.InvocationConfiguration.Output));
    }

    private static int Run(string modelPath, string csvPath, string? targetColumn, MissingValuePolicy missing, TextWriter output)
    {
        Model model = ModelFile.Load(modelPath);
        string target = targetColumn ?? model.Schema.TargetColumn;
        (List<ScoredRow> rows, int dropped) = ModelRows.Score(model, csvPath, missing, target);
        // Parsed with the model's classes; errors name the column as the file calls it.
        FeatureSchema targetSchema = target == model.Schema.TargetColumn
            ? model.Schema
            : new FeatureSchema(model.Schema.Columns, target, model.Kind, model.ClassNames, model.Schema.Standardizer);
        double[] truth = [.. rows.Select(r => targetSchema.ParseTarget(r.Cells[target], csvPath, r.LineNumber))];
        CultureInfo c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{model.Network} on {rows.Count} rows of '{csvPath}'{ModelRows.DroppedNote(dropped)}."));
        if (!model.Kind.IsClassification())
        {
            double[] predicted = [.. rows.Select(r => r.Prediction.Value)];
            output.WriteLine(string.Create(c, $"RMSE {Metrics.Rmse(predicted, truth):G6}"));
            output.WriteLine(string.Create(c, $"R²   {Metrics.RSquared(predicted, truth):F4}"));
            return ExitCodes.Success;
        }

        int[] classes = [.. rows.Select(r => r.Prediction.ClassIndex)];
        int[] trueClasses = [.. truth.Select(t => (int)t)];
        double accuracy = Metrics.Accuracy(classes, trueClasses);
        int correct = classes.Zip(trueClasses).Count(p => p.First == p.Second);
        output.WriteLine(string.Create(c, $"accuracy {accuracy:F4} ({correct} of {rows.Count} rows)"));
        output.WriteLine();
        output.WriteLine("confusion matrix (rows: true class, columns: predicted class)");
        IAnsiConsole console = Terminal.Create(output, out bool isTerminal);
        ReportTables.WriteConfusionMatrix(console, isTerminal, ReportTables.Rows(Metrics.ConfusionMatrix(classes, trueClasses, model.ClassNames.Count)), model.ClassNames);
        return ExitCodes.Success;
    }
}
