using System.Globalization;

namespace MicroNet.Data;

/// <summary>Decides whether the target is classes or numbers, and names the classes.</summary>
internal static class TargetInference
{
    /// <summary>
    /// The target's kind and class names over the rows kept: text makes classes; numbers make regression, except whole
    /// numbers with few distinct values, which make classes; <paramref name="task"/> overrides both. Also the reason, for
    /// the schema table.
    /// </summary>
    /// <exception cref="DataFileException">A numeric target has a few cells that are not numbers, a regression target has text, or there is only one class.</exception>
    public static (ProblemKind Kind, string[] ClassNames, string Reason) Infer(CsvTable table, int index, List<int> rows, TaskKind? task, char decimalSeparator)
    {
        string name = table.Header[index];
        string[] cells = [.. rows.Select(r => table.Rows[r][index].Trim())];
        int numbers = cells.Count(c => CellParser.TryParseNumber(c, decimalSeparator, out _));
        if (numbers == cells.Length)
        {
            double[] values = [.. cells.Select(c => CellParser.TryParseNumber(c, decimalSeparator, out double v) ? v : double.NaN)];
            double[] distinct = [.. values.Distinct().Order()];
            bool whole = distinct.All(v => v == Math.Floor(v));
            bool fewWhole = whole && distinct.Length <= CsvOptions.MaxIntegerClassCount;
            if (task == TaskKind.Regression || (task is null && !fewWhole))
            {
                string reason = task == TaskKind.Regression ? "--task regression" : Invariant($"numbers, {distinct.Length} distinct: regression");
                return (ProblemKind.Regression, [], reason);
            }
            string why = task == TaskKind.Classification ? "--task classification" : Invariant($"whole numbers, {distinct.Length} distinct: classes (--task regression for numbers)");
            return Classes(table, name, [.. distinct.Select(v => v.ToString("R", CultureInfo.InvariantCulture))], why);
        }
        if (ColumnInference.IsMostly(numbers, cells.Length) && task != TaskKind.Classification)
        {
            int first = rows.First(r => !CellParser.TryParseNumber(table.Rows[r][index], decimalSeparator, out _));
            string cell = table.Rows[first][index].Trim();
            throw new DataFileException(table.FileName, table.LineNumbers[first], name, Invariant(
                $"'{UserText.Quote(cell)}' is not a number, but {numbers} of the target's {cells.Length} cells are; fix the cell or mark it missing (empty or NA), or say --task classification if the values are class names."));
        }
        if (task == TaskKind.Regression)
        {
            int first = rows.First(r => !CellParser.TryParseNumber(table.Rows[r][index], decimalSeparator, out _));
            throw new DataFileException(table.FileName, table.LineNumbers[first], name,
                $"'{UserText.Quote(table.Rows[first][index].Trim())}' is not a number, so the target cannot be used for regression.");
        }
        string[] classes = [.. cells.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        return Classes(table, name, classes, task == TaskKind.Classification ? "--task classification" : Invariant($"text, {classes.Length} classes"));
    }

    private static (ProblemKind Kind, string[] ClassNames, string Reason) Classes(CsvTable table, string name, string[] classes, string reason)
    {
        if (classes.Length < 2)
        {
            throw new DataFileException(table.FileName, 0, name, Invariant(
                $"the target has only {classes.Length} distinct value ('{UserText.Quote(classes.FirstOrDefault() ?? "")}'), so there is nothing to learn."));
        }
        return (classes.Length == 2 ? ProblemKind.BinaryClassification : ProblemKind.MulticlassClassification, classes, reason);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
