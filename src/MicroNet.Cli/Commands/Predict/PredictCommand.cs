using System.CommandLine;
using System.Globalization;
using MicroNet.Data;
using MicroNet.IO;
using MicroNet.Models;

namespace MicroNet.Cli.Commands.Predict;

/// <summary><c>micronet predict</c>: a saved model's prediction for every row of a CSV file, as CSV.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        Option<string> model = DataOptions.Model();
        Option<string> csv = DataOptions.Csv("The rows to predict: a CSV file with a header row holding the model's input columns, in any order (other columns are ignored).");
        Option<string> output = CliOptions.Path("--out", "Write the predictions to this CSV file (atomically) instead of standard output.");
        Option<MissingValuePolicy?> missing = DataOptions.Missing();
        return CliOptions.Command("predict", "Predict every row of a CSV file with a saved model: the line, the predicted class and its probability, or the predicted value.",
            [model, csv, output, missing],
            parseResult => Run(parseResult.GetRequiredValue(model), parseResult.GetRequiredValue(csv), parseResult.GetValue(output),
                parseResult.GetValue(missing) ?? MissingValuePolicy.Error, parseResult.InvocationConfiguration.Output));
    }

    private static int Run(string modelPath, string csvPath, string? outPath, MissingValuePolicy missing, TextWriter output)
    {
        Model model = ModelFile.Load(modelPath);
        (List<ScoredRow> rows, int dropped) = ModelRows.Score(model, csvPath, missing, targetColumn: null);
        (string[] header, List<string[]> cells) = Format(model, rows);
        if (outPath is null)
        {
            CsvTable.Write(output, header, cells);
        }
        else
        {
            AtomicFile.Write(outPath, temp =>
            {
                using var writer = new StreamWriter(temp);
                CsvTable.Write(writer, header, cells);
            });
            output.WriteLine(FormattableString.Invariant($"Wrote {rows.Count} predictions for '{csvPath}' to '{outPath}'{ModelRows.DroppedNote(dropped)}."));
        }
        return ExitCodes.Success;
    }

    /// <summary>
    /// The CSV columns: <c>line,predicted,probability</c> for softmax and sigmoid models, <c>line,predicted,score</c>
    /// for margin models, <c>line,predicted</c> for regression. Numbers round-trip ("R"), invariant culture.
    /// </summary>
    internal static (string[] Header, List<string[]> Rows) Format(Model model, List<ScoredRow> rows)
    {
        string[] header = model.Output switch
        {
            ModelOutput.Softmax or ModelOutput.Sigmoid => ["line", "predicted", "probability"],
            ModelOutput.Margin => ["line", "predicted", "score"],
            _ => ["line", "predicted"],
        };
        List<string[]> cells = [.. rows.Select(r => model.Output switch
        {
            ModelOutput.Softmax or ModelOutput.Sigmoid => [Integer(r.LineNumber), r.Prediction.ClassName!, Number(r.Prediction.Probability!.Value)],
            ModelOutput.Margin => [Integer(r.LineNumber), r.Prediction.ClassName!, Number(r.Prediction.Outputs[0])],
            _ => new[] { Integer(r.LineNumber), Number(r.Prediction.Value) },
        })];
        return (header, cells);

        static string Integer(int x) => x.ToString(CultureInfo.InvariantCulture);
        static string Number(double x) => x.ToString("R", CultureInfo.InvariantCulture);
    }
}
