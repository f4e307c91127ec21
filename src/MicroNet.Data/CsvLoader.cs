using System.Globalization;

namespace MicroNet.Data;

/// <summary>
/// Loads a CSV table with a header row into a <see cref="Dataset"/> and the <see cref="FeatureSchema"/> that encoded it,
/// deciding what each column is for and saying why (<see cref="CsvData.Columns"/>).
/// </summary>
/// <remarks>
/// <para>
/// <b>Features</b>: every column but the target. A column of numbers is numeric (a decimal comma is read where cells
/// are separated by semicolons or tabs); of ISO 8601 dates, a date (days since 2000, month, weekday and, with times,
/// hour); of text, categorical, one feature per value in ordinal sorted order, and in a column of more than
/// <see cref="CsvOptions.RareGroupingFrom"/> categories the rare ones (seen in fewer than
/// <see cref="CsvOptions.MinCategoryCount"/> rows) share one <c>(other)</c> feature. Left out: a text column whose values
/// are nearly all distinct (a name, an ID), whole numbers that count the rows, and a column of one value. A column of
/// one kind with a few cells of another is an error naming the first of them, never read as 0 or turned into
/// categories; so is a number written with a thousands separator. <see cref="CsvOptions"/> overrides every decision.
/// </para>
/// <para>
/// <b>Target</b>: text makes classification; whole numbers with at most <see cref="CsvOptions.MaxIntegerClassCount"/>
/// distinct values make classification too (classes sorted by value); other numbers make regression; exactly two classes
/// make binary classification. <see cref="CsvOptions.Task"/> overrides it. A numeric target with a few cells that are
/// not numbers is an error naming the first of them.
/// </para>
/// <para>
/// <b>Missing values</b> (the cells of <see cref="FeatureSchema.MissingTokens"/>) in a used column:
/// <see cref="MissingValuePolicy.Error"/> stops at the first with its file, line and column;
/// <see cref="MissingValuePolicy.Drop"/> leaves its row out; <see cref="MissingValuePolicy.Impute"/> keeps the row with
/// the feature as NaN, for <c>PreparedData</c> to fill from the training rows.
/// </para>
/// </remarks>
public static class CsvLoader
{
    /// <summary>Reads <paramref name="path"/> and loads it with <paramref name="targetColumn"/> as the target.</summary>
    /// <exception cref="DataFileException">The file cannot be used; the message names the file, line and column.</exception>
    public static CsvData Load(string path, string targetColumn, CsvOptions? options = null) =>
        Load(CsvTable.Read(path, options?.Separator, options?.SkipRows), targetColumn, options);

    /// <summary>Loads an already read table with <paramref name="targetColumn"/> as the target.</summary>
    /// <exception cref="DataFileException">The table cannot be used; the message names the file, line and column.</exception>
    public static CsvData Load(CsvTable table, string targetColumn, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(targetColumn);
        options ??= new CsvOptions();
        string file = table.FileName;
        int targetIndex = table.IndexOf(targetColumn);
        char decimalSeparator = ColumnInference.DecimalSeparator(table, options.DecimalSeparator);
        List<ColumnInference.Column> columns = ColumnInference.Infer(table, targetIndex, options, decimalSeparator);
        ColumnInference.Column[] used = [.. columns.Where(c => !c.Role.IsLeftOut())];
        if (used.Length == 0)
        {
            throw new DataFileException(file, 0, null,
                $"there is no column left for features besides the target '{UserText.Quote(targetColumn)}' ({string.Join("; ", columns.Select(c => $"{c.Name}: {c.Reason}"))}).");
        }

        List<int> keep = KeptRows(table, used, targetIndex, options.Missing);
        (ProblemKind kind, string[] classNames, string targetReason) = TargetInference.Infer(table, targetIndex, keep, options.Task, decimalSeparator);
        FeatureColumn[] featureColumns = [.. used.Select(c => ToFeatureColumn(table, c, keep, options.MinCategoryCount))];
        var schema = new FeatureSchema(featureColumns, targetColumn, kind, classNames, decimalSeparator: decimalSeparator);

        RowEncoder encoder = schema.CreateEncoder(table.Header, file, UnknownCategoryPolicy.Error, missingAsNaN: options.Missing == MissingValuePolicy.Impute);
        var features = new double[keep.Count][];
        var targets = new double[keep.Count];
        var lines = new int[keep.Count];
        for (int k = 0; k < keep.Count; k++)
        {
            int r = keep[k];
            lines[k] = table.LineNumbers[r];
            features[k] = new double[schema.FeatureCount];
            encoder.Encode(table.Rows[r], lines[k], features[k]);
            targets[k] = schema.ParseTarget(table.Rows[r][targetIndex], file, lines[k]);
        }
        var dataset = Dataset.FromOwnedArrays(features, targets, kind, schema.FeatureNames, kind.IsClassification() ? classNames : null);
        ColumnReport[] reports = [.. Reports(table, targetIndex, targetReason, columns, featureColumns)];
        return new CsvData(dataset, schema, table.Count - keep.Count, lines, file, table.Separator)
        {
            Columns = reports,
            SkippedRows = table.SkippedRows,
        };
    }

    // The rows that stay: with Error, the first missing cell in a used column (or the target) stops loading; with Drop,
    // such rows go; with Impute, only rows whose target is missing go.
    private static List<int> KeptRows(CsvTable table, ColumnInference.Column[] used, int targetIndex, MissingValuePolicy policy)
    {
        int[] checkedColumns = policy == MissingValuePolicy.Impute ? [targetIndex] : [.. used.Select(c => c.Index), targetIndex];
        var keep = new List<int>(table.Count);
        for (int r = 0; r < table.Count; r++)
        {
            int missing = Array.FindIndex(checkedColumns, i => FeatureSchema.IsMissing(table.Rows[r][i]));
            if (missing < 0)
            {
                keep.Add(r);
            }
            else if (policy == MissingValuePolicy.Error)
            {
                int column = checkedColumns[missing];
                throw new DataFileException(table.FileName, table.LineNumbers[r], table.Header[column],
                    $"the value is missing ('{UserText.Quote(table.Rows[r][column])}'); fill it in, drop such rows (--missing drop) or fill them from the training rows (--missing impute).");
            }
        }
        if (keep.Count == 0)
        {
            throw new DataFileException(table.FileName, 0, null, string.Create(CultureInfo.InvariantCulture, $"every one of the {table.Count} rows has a missing value, so none is left."));
        }
        return keep;
    }

    private static FeatureColumn ToFeatureColumn(CsvTable table, ColumnInference.Column column, List<int> keep, int minCount)
    {
        switch (column.Role)
        {
            case ColumnRole.Numeric:
                return FeatureColumn.Numeric(column.Name);
            case ColumnRole.Date:
                return FeatureColumn.Date(column.Name, column.HasTime);
            default:
                string[] cells = [.. keep.Select(r => table.Rows[r][column.Index]).Where(c => !FeatureSchema.IsMissing(c)).Select(c => c.Trim())];
                Dictionary<string, int> counts = cells.CountBy(c => c, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
                bool grouping = counts.Count > CsvOptions.RareGroupingFrom && minCount > 1;
                string[] Where(Func<int, bool> count) => [.. counts.Where(p => count(p.Value)).Select(p => p.Key).Order(StringComparer.Ordinal)];
                string[] frequent = grouping ? Where(n => n >= minCount) : Where(_ => true);
                string[] rare = grouping ? Where(n => n < minCount) : [];
                return FeatureColumn.Categorical(column.Name, frequent, rare);
        }
    }

    private static IEnumerable<ColumnReport> Reports(CsvTable table, int targetIndex, string targetReason, List<ColumnInference.Column> columns,
        FeatureColumn[] featureColumns)
    {
        int used = 0;
        for (int i = 0, c = 0; i < table.Header.Count; i++)
        {
            if (i == targetIndex)
            {
                int missing = table.Rows.Count(r => FeatureSchema.IsMissing(r[i]));
                int distinct = table.Rows.Where(r => !FeatureSchema.IsMissing(r[i])).Select(r => r[i].Trim()).Distinct(StringComparer.Ordinal).Count();
                yield return new ColumnReport(table.Header[i], ColumnRole.Target, distinct, missing, 0, targetReason);
                continue;
            }
            ColumnInference.Column column = columns[c++];
            FeatureColumn? feature = column.Role.IsLeftOut() ? null : featureColumns[used++];
            string reason = feature is { HasOther: true }
                ? string.Create(CultureInfo.InvariantCulture, $"{column.Reason}; {feature.OtherCategories.Count} seen in fewer than the minimum rows share {FeatureColumn.OtherCategory}")
                : column.Reason;
            yield return new ColumnReport(column.Name, column.Role, column.Distinct, column.Missing, feature?.FeatureCount ?? 0, reason);
        }
    }
}
