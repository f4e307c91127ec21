using System.Globalization;

namespace MicroNet.Data;

/// <summary>
/// Loads a CSV table with a header row into a <see cref="Dataset"/> and the <see cref="FeatureSchema"/> that encoded
/// it, inferring what each column is.
/// </summary>
/// <remarks>
/// <para>
/// <b>Features</b>: every column but the target (and <see cref="CsvOptions.IgnoredColumns"/>). A column is numeric when
/// every non-missing cell is an invariant-culture number (<c>1.5</c>, <c>-2</c>, <c>3e-4</c>), used as it is. A column
/// whose cells are mostly (more than half) numbers but not all is an error naming the first cell that is not, since
/// that is nearly always a typo rather than a category. Any other column is categorical and one-hot encoded, one
/// feature per distinct value in ordinal (culture-independent) sorted order, so the features do not depend on the order of the rows.
/// </para>
/// <para>
/// <b>Target</b>: text values make classification; whole numbers with at most <see cref="CsvOptions.MaxIntegerClassCount"/>
/// distinct values make classification too (classes sorted by value); other numbers make regression. Exactly two
/// classes make binary classification. <see cref="CsvOptions.Kind"/> overrides the inference.
/// </para>
/// <para>
/// <b>Missing values</b>: the cells of <see cref="FeatureSchema.MissingTokens"/>. With
/// <see cref="MissingValuePolicy.Error"/> the first one in a used column stops loading with its file, line and
/// column; with <see cref="MissingValuePolicy.Drop"/> its row is left out and counted.
/// </para>
/// </remarks>
public static class CsvLoader
{
    /// <summary>Reads <paramref name="path"/> and loads it with <paramref name="targetColumn"/> as the target.</summary>
    /// <exception cref="DataFileException">The file cannot be used; the message names the file, line and column.</exception>
    public static CsvData Load(string path, string targetColumn, CsvOptions? options = null) =>
        Load(CsvTable.Read(path, options?.Separator), targetColumn, options);

    /// <summary>Loads an already read table with <paramref name="targetColumn"/> as the target.</summary>
    /// <exception cref="DataFileException">The table cannot be used; the message names the file, line and column.</exception>
    public static CsvData Load(CsvTable table, string targetColumn, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(targetColumn);
        options ??= new CsvOptions();
        string file = table.FileName;
        int targetIndex = table.IndexOf(targetColumn);
        foreach (string name in options.IgnoredColumns.Concat(options.CategoricalColumns))
        {
            _ = table.IndexOf(name);
        }
        int[] featureIndices = [.. Enumerable.Range(0, table.Header.Count)
            .Where(i => i != targetIndex && !options.IgnoredColumns.Contains(table.Header[i], StringComparer.Ordinal))];
        if (featureIndices.Length == 0)
        {
            throw new DataFileException(file, 0, null, $"there is no column left for features besides the target '{targetColumn}'.");
        }
        int[] used = [.. featureIndices, targetIndex];

        // Missing values first: inference only looks at the rows that stay.
        var keep = new List<int>(table.Count);
        for (int r = 0; r < table.Count; r++)
        {
            int missing = Array.FindIndex(used, i => FeatureSchema.IsMissing(table.Rows[r][i]));
            if (missing < 0)
            {
                keep.Add(r);
            }
            else if (options.Missing == MissingValuePolicy.Error)
            {
                string column = table.Header[used[missing]];
                throw new DataFileException(file, table.LineNumbers[r], column, FormattableString.Invariant(
                    $"the value is missing ('{table.Rows[r][used[missing]]}'); fill it in, or drop such rows (--missing drop)."));
            }
        }
        if (keep.Count == 0)
        {
            throw new DataFileException(file, 0, null, FormattableString.Invariant($"every one of the {table.Count} rows has a missing value, so none is left."));
        }

        var columns = new List<FeatureColumn>(featureIndices.Length);
        foreach (int i in featureIndices)
        {
            columns.Add(InferColumn(table, i, keep, options.CategoricalColumns.Contains(table.Header[i], StringComparer.Ordinal)));
        }
        (ProblemKind kind, string[] classNames) = InferTarget(table, targetIndex, keep, options.Kind);
        var schema = new FeatureSchema(columns, targetColumn, kind, classNames);

        var features = new double[keep.Count][];
        var targets = new double[keep.Count];
        var lines = new int[keep.Count];
        for (int k = 0; k < keep.Count; k++)
        {
            int r = keep[k];
            lines[k] = table.LineNumbers[r];
            IReadOnlyDictionary<string, string> row = table.RowByName(r);
            features[k] = schema.Encode(row, file, lines[k]);
            targets[k] = schema.ParseTarget(row[targetColumn], file, lines[k]);
        }
        var dataset = new Dataset(features, targets, kind, schema.FeatureNames, kind.IsClassification() ? classNames : null);
        return new CsvData(dataset, schema, table.Count - keep.Count, lines, file, table.Separator);
    }

    private static FeatureColumn InferColumn(CsvTable table, int index, List<int> rows, bool categorical)
    {
        string name = table.Header[index];
        if (!categorical)
        {
            int numbers = rows.Count(r => FeatureSchema.TryParseNumber(table.Rows[r][index], out _));
            if (numbers == rows.Count)
            {
                return FeatureColumn.Numeric(name);
            }
            if (numbers * 2 > rows.Count)
            {
                int first = rows.First(r => !FeatureSchema.TryParseNumber(table.Rows[r][index], out _));
                throw new DataFileException(table.FileName, table.LineNumbers[first], name, FormattableString.Invariant(
                    $"'{table.Rows[first][index]}' is not a number, but {numbers} of the column's {rows.Count} cells are; fix the cell or mark it missing (empty or NA)."));
            }
        }
        return FeatureColumn.Categorical(name, [.. rows.Select(r => table.Rows[r][index]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }

    private static (ProblemKind Kind, string[] ClassNames) InferTarget(CsvTable table, int index, List<int> rows, ProblemKind? requested)
    {
        string name = table.Header[index];
        int firstText = rows.FindIndex(r => !FeatureSchema.TryParseNumber(table.Rows[r][index], out _));
        if (firstText < 0)
        {
            double[] values = [.. rows.Select(r => double.Parse(table.Rows[r][index], NumberStyles.Float, CultureInfo.InvariantCulture))];
            double[] distinct = [.. values.Distinct().Order()];
            bool fewIntegers = distinct.Length <= CsvOptions.MaxIntegerClassCount && distinct.All(v => v == Math.Floor(v));
            if (requested == ProblemKind.Regression || (requested is null && !fewIntegers))
            {
                return (ProblemKind.Regression, []);
            }
            return Classes(table, name, [.. distinct.Select(v => v.ToString("R", CultureInfo.InvariantCulture))], requested);
        }
        if (requested == ProblemKind.Regression)
        {
            int r = rows[firstText];
            throw new DataFileException(table.FileName, table.LineNumbers[r], name,
                $"'{table.Rows[r][index]}' is not a number, so the target cannot be used for regression.");
        }
        return Classes(table, name, [.. rows.Select(r => table.Rows[r][index]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], requested);
    }

    private static (ProblemKind Kind, string[] ClassNames) Classes(CsvTable table, string name, string[] classes, ProblemKind? requested)
    {
        if (classes.Length < 2)
        {
            throw new DataFileException(table.FileName, 0, name, FormattableString.Invariant(
                $"the target has only {classes.Length} distinct value ('{classes.FirstOrDefault()}'), so there is nothing to learn."));
        }
        if (requested == ProblemKind.BinaryClassification && classes.Length != 2)
        {
            throw new DataFileException(table.FileName, 0, name, FormattableString.Invariant(
                $"the target has {classes.Length} classes, but binary classification needs exactly 2."));
        }
        ProblemKind kind = requested ?? (classes.Length == 2 ? ProblemKind.BinaryClassification : ProblemKind.MulticlassClassification);
        return (kind, classes);
    }
}
