using System.CommandLine;
using System.Globalization;
using MicroNet.Data;
using MicroNet.IO;
using MicroNet.Models;

namespace MicroNet.Cli.Commands.Predict;

/// <summary>
/// <c>micronet predict</c>: a saved model's prediction for every row of a CSV file, as CSV, streamed row by row so that
/// memory stays flat whatever the file's size.
/// </summary>
internal static class PredictCommand
{
    // How many rows with a NaN or infinite output are named one by one before only the count is given.
    private const int ReportedNonFinite = 10;

    public static Command Create()
    {
        Option<string> model = DataOptions.Model();
        Option<string> csv = DataOptions.Csv("The rows to predict: a CSV file with a header row holding the model's input columns, in any order (other columns are ignored).");
        Option<string> output = CliOptions.Path("--out", "Write the predictions to this CSV file (atomically) instead of standard output.");
        Option<string> id = CliOptions.Path("--id", "A column of the --csv file to copy into each prediction row, after 'line' (an ID to join the predictions back on).", helpName: "column");
        Option<MissingValuePolicy?> missing = DataOptions.Missing();
        Option<UnknownCategoryPolicy?> unknown = DataOptions.Unknown();
        Option<char?> separator = DataOptions.Separator();
        Option<int?> skipRows = DataOptions.SkipRows();
        Command command = CliOptions.Command("predict", "Predict every row of a CSV file with a saved model: the line, the predicted class and its probability, or the predicted value.",
            [model, csv, output, id, missing, unknown, separator, skipRows],
            parseResult => Run(parseResult.GetRequiredValue(model), parseResult.GetRequiredValue(csv), parseResult.GetValue(output), new PredictionOptions
            {
                Missing = parseResult.GetValue(missing) ?? MissingValuePolicy.Error,
                Unknown = parseResult.GetValue(unknown) ?? UnknownCategoryPolicy.Zeros,
                Separator = parseResult.GetValue(separator),
                SkipRows = parseResult.GetValue(skipRows),
                CarriedColumns = parseResult.GetValue(id) is { } column ? [column] : [],
            }, parseResult.InvocationConfiguration));
        OutputGuard.Add(command, output, model, csv);
        return command;
    }

    private static int Run(string modelPath, string csvPath, string? outPath, PredictionOptions options, InvocationConfiguration io)
    {
        Model model = ModelFile.Load(modelPath);
        using PredictionReader reader = PredictionReader.Open(model, csvPath, options);
        string[] header = [.. Header(model, options.CarriedColumns)];
        var nonFinite = new List<int>();
        // The first row is read before anything is written, so that a file without rows writes nothing.
        if (!reader.TryRead(out PredictedRow first))
        {
            throw new DataFileException(csvPath, 0, null, reader.DroppedCount > 0
                ? FormattableString.Invariant($"every one of the {reader.DroppedCount} rows has a missing value, so none is left.")
                : "the file has a header row but no data rows.");
        }
        IEnumerable<IReadOnlyList<string>> Rows()
        {
            for (PredictedRow? row = first; row is not null; row = reader.TryRead(out PredictedRow next) ? next : null)
            {
                if (!row.Prediction.IsFinite)
                {
                    nonFinite.Add(row.LineNumber);
                }
                yield return Format(model, row);
            }
        }
        if (outPath is null)
        {
            CsvTable.Write(io.Output, header, Rows());
        }
        else
        {
            AtomicFile.Write(outPath, temp =>
            {
                using var writer = new StreamWriter(temp);
                CsvTable.Write(writer, header, Rows());
            });
            io.Output.WriteLine(FormattableString.Invariant($"Wrote {reader.Count} predictions for '{csvPath}' to '{outPath}'{reader.DroppedNote()}."));
        }
        // With the predictions on standard output, the notes go to standard error, so that the output stays a CSV file.
        TextWriter notes = outPath is null ? io.Error : io.Output;
        ReportNotes(notes, reader, nonFinite);
        return ExitCodes.Success;
    }

    /// <summary>The unseen categories per column and the rows whose output is NaN or infinite, one line each.</summary>
    internal static void ReportNotes(TextWriter notes, PredictionReader reader, List<int> nonFinite)
    {
        foreach ((FeatureColumn column, int count) in reader.Unseen)
        {
            string encoded = column.HasOther ? $"encoded as '{FeatureColumn.OtherCategory}', with the rare ones" : "encoded as all zeros";
            notes.WriteLine(FormattableString.Invariant(
                $"{count} {(count == 1 ? "row" : "rows")} had a value of '{UserText.Quote(column.Name)}' not seen in training ({encoded}); --unknown error refuses them."));
        }
        if (nonFinite.Count > 0)
        {
            string lines = string.Join(", ", nonFinite.Take(ReportedNonFinite).Select(l => l.ToString(CultureInfo.InvariantCulture)));
            string more = nonFinite.Count > ReportedNonFinite ? FormattableString.Invariant($" and {nonFinite.Count - ReportedNonFinite} more") : "";
            notes.WriteLine(FormattableString.Invariant(
                $"{nonFinite.Count} {(nonFinite.Count == 1 ? "row gives" : "rows give")} a NaN or infinite output (line {lines}{more}): its inputs are far outside the training rows; it has no prediction."));
        }
    }

    /// <summary>
    /// The CSV columns: <c>line</c>, the carried columns, then <c>predicted,probability</c> for softmax and sigmoid models,
    /// <c>predicted,score</c> for margin models, <c>predicted</c> for regression.
    /// </summary>
    private static IEnumerable<string> Header(Model model, IReadOnlyList<string> carried) =>
        ["line", .. carried, "predicted", .. model.Output switch
        {
            ModelOutput.Softmax or ModelOutput.Sigmoid => ["probability"],
            ModelOutput.Margin => ["score"],
            _ => Array.Empty<string>(),
        }];

    /// <summary>One row's cells; numbers round-trip ("R"), invariant culture. A NaN or infinite output predicts no class.</summary>
    private static string[] Format(Model model, PredictedRow row)
    {
        Prediction p = row.Prediction;
        string line = row.LineNumber.ToString(CultureInfo.InvariantCulture);
        string[] result = model.Output switch
        {
            ModelOutput.Softmax or ModelOutput.Sigmoid => [p.IsFinite ? p.ClassName! : "", Number(p.IsFinite ? p.Probability!.Value : double.NaN)],
            ModelOutput.Margin => [p.IsFinite ? p.ClassName! : "", Number(p.Outputs[0])],
            _ => [Number(p.Value)],
        };
        return [line, .. row.Carried, .. result];

        static string Number(double x) => x.ToString("R", CultureInfo.InvariantCulture);
    }
}
