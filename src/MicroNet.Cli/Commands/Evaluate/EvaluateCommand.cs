using System.CommandLine;
using System.Globalization;
using MicroNet.Cli.Commands.Predict;
using MicroNet.Data;
using MicroNet.Models;
using MicroNet.Training;
using Spectre.Console;

namespace MicroNet.Cli.Commands.Evaluate;

/// <summary>
/// <c>micronet evaluate</c>: how well a saved model predicts the target column of a CSV file, read row by row so that
/// memory stays flat whatever the file's size.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        Option<string> model = DataOptions.Model();
        Option<string> csv = DataOptions.Csv("The rows to score: a CSV file with a header row holding the model's input columns and the target column.");
        Option<string> target = CliOptions.Path("--target", "The column holding the true values. [default: the column the model was trained on]", helpName: "column");
        Option<MissingValuePolicy?> missing = DataOptions.Missing();
        Option<UnknownCategoryPolicy?> unknown = DataOptions.Unknown();
        Option<char?> separator = DataOptions.Separator();
        Option<int?> skipRows = DataOptions.SkipRows();
        return CliOptions.Command("evaluate", "Score a saved model on a CSV file: accuracy and a confusion matrix for classes, RMSE, MAE and R² for numbers.",
            [model, csv, target, missing, unknown, separator, skipRows],
            parseResult => Run(parseResult.GetRequiredValue(model), parseResult.GetRequiredValue(csv), new PredictionOptions
            {
                Missing = parseResult.GetValue(missing) ?? MissingValuePolicy.Error,
                Unknown = parseResult.GetValue(unknown) ?? UnknownCategoryPolicy.Zeros,
                Separator = parseResult.GetValue(separator),
                SkipRows = parseResult.GetValue(skipRows),
                TargetColumn = parseResult.GetValue(target),
            }, parseResult.InvocationConfiguration.Output));
    }

    private static int Run(string modelPath, string csvPath, PredictionOptions options, TextWriter output)
    {
        Model model = ModelFile.Load(modelPath);
        using PredictionReader reader = PredictionReader.Open(model, csvPath, options with { TargetColumn = options.TargetColumn ?? model.Schema.TargetColumn });
        var tally = new EvaluationTally(model.Kind.IsClassification() ? model.ClassNames.Count : 0);
        var nonFinite = new List<int>();
        while (reader.TryRead(out PredictedRow row))
        {
            if (!row.Prediction.IsFinite)
            {
                nonFinite.Add(row.LineNumber);
            }
            else if (tally.ClassCount > 0)
            {
                tally.AddClass(row.Prediction.ClassIndex, (int)row.Truth);
            }
            else
            {
                tally.AddValue(row.Prediction.Value, row.Truth);
            }
        }
        if (reader.Count == 0)
        {
            throw new DataFileException(csvPath, 0, null, reader.DroppedCount > 0
                ? FormattableString.Invariant($"every one of the {reader.DroppedCount} rows has a missing value, so none is left.")
                : "the file has a header row but no data rows.");
        }
        if (tally.Count == 0)
        {
            throw new DataFileException(csvPath, 0, null, FormattableString.Invariant(
                $"none of its {reader.Count} rows gives a finite output (their inputs are far outside the training rows), so there is nothing to score."));
        }
        CultureInfo c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{model.Network} on {tally.Count} rows of '{csvPath}'{reader.DroppedNote()}."));
        if (tally.ClassCount == 0)
        {
            output.WriteLine(string.Create(c, $"RMSE {tally.Rmse:G6}"));
            output.WriteLine(string.Create(c, $"MAE  {tally.Mae:G6}"));
            output.WriteLine(string.Create(c, $"R²   {tally.RSquared:F4}"));
        }
        else
        {
            output.WriteLine(string.Create(c, $"accuracy {tally.Accuracy:F4} ({tally.Correct} of {tally.Count} rows)"));
            output.WriteLine();
            output.WriteLine("confusion matrix (rows: true class, columns: predicted class)");
            IAnsiConsole console = Terminal.Create(output, out bool isTerminal);
            ReportTables.WriteConfusionMatrix(console, isTerminal, tally.ConfusionRows(), model.ClassNames);
        }
        PredictCommand.ReportNotes(output, reader, nonFinite);
        return ExitCodes.Success;
    }
}
