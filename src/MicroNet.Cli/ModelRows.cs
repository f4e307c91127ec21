using MicroNet.Data;
using MicroNet.Models;

namespace MicroNet.Cli;

/// <summary>One CSV row run through a model: where it was, its cells, and what the model predicts.</summary>
internal sealed record ScoredRow(int LineNumber, IReadOnlyDictionary<string, string> Cells, Prediction Prediction);

/// <summary>Runs every row of a CSV file through a model, for <c>predict</c> and <c>evaluate</c>.</summary>
internal static class ModelRows
{
    /// <summary>
    /// Reads <paramref name="csvPath"/>, checks its header has the model's columns (and <paramref name="targetColumn"/>
    /// if given), and predicts each row. A row with a missing value in a column used is an error, or left out and
    /// counted with <see cref="MissingValuePolicy.Drop"/>.
    /// </summary>
    /// <exception cref="DataFileException">The file or a cell cannot be used; the message names the line and column.</exception>
    public static (List<ScoredRow> Rows, int DroppedCount) Score(Model model, string csvPath, MissingValuePolicy missing, string? targetColumn)
    {
        CsvTable table = CsvTable.Read(csvPath);
        FeatureSchema schema = model.Schema;
        List<string> used = [.. schema.Columns.Select(c => c.Name)];
        if (targetColumn is not null)
        {
            _ = table.IndexOf(targetColumn);
            if (used.Contains(targetColumn))
            {
                throw new DataFileException(csvPath, 0, targetColumn, "this column is one of the model's inputs, so it cannot be the target.");
            }
            used.Add(targetColumn);
        }
        schema.CheckHeader(table.Header, csvPath, requireTarget: false);

        var rows = new List<ScoredRow>(table.Count);
        int dropped = 0;
        for (int i = 0; i < table.Count; i++)
        {
            IReadOnlyDictionary<string, string> cells = table.RowByName(i);
            if (missing == MissingValuePolicy.Drop && used.Any(name => FeatureSchema.IsMissing(cells[name])))
            {
                dropped++;
                continue;
            }
            rows.Add(new ScoredRow(table.LineNumbers[i], cells, model.Predict(cells, csvPath, table.LineNumbers[i])));
        }
        if (rows.Count == 0)
        {
            throw new DataFileException(csvPath, 0, null, $"every one of the {table.Count} rows has a missing value, so none is left.");
        }
        return (rows, dropped);
    }

    /// <summary>"; 3 rows with missing values were left out" or "".</summary>
    public static string DroppedNote(int dropped) => dropped switch
    {
        0 => "",
        1 => "; 1 row with a missing value was left out",
        _ => FormattableString.Invariant($"; {dropped} rows with missing values were left out"),
    };
}
