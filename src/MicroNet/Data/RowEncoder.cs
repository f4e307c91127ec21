namespace MicroNet.Data;

/// <summary>What encoding does with a category that training never saw.</summary>
public enum UnknownCategoryPolicy
{
    /// <summary>
    /// Encode it as the column's shared <c>(other)</c> feature if it has one, or as all zeros; count it per column
    /// (<see cref="RowEncoder.UnseenCounts"/>). The default of <c>micronet predict</c> and <c>evaluate</c>.
    /// </summary>
    Zeros,

    /// <summary>Stop with an error naming the file, line, column and the categories the model knows.</summary>
    Error,
}

/// <summary>Names an <see cref="UnknownCategoryPolicy"/>.</summary>
public static class UnknownCategoryPolicyExtensions
{
    /// <summary>The names on the command line: <c>zeros</c>, <c>error</c>.</summary>
    public static NameTable<UnknownCategoryPolicy> Names { get; } = new("policy for unseen categories",
        (UnknownCategoryPolicy.Zeros, "zeros"), (UnknownCategoryPolicy.Error, "error"));
}

/// <summary>
/// Turns the rows of one table into features as a <see cref="FeatureSchema"/> says, with each column found once in the
/// table's header: numbers as they are, categories one-hot, dates as numbers, missing cells filled where the column has
/// a fill value. Counts the categories it had not seen, per column. Create it with <see cref="FeatureSchema.CreateEncoder"/>;
/// not safe to share between threads.
/// </summary>
public sealed class RowEncoder
{
    private readonly FeatureSchema _schema;
    private readonly int[] _cellIndex;
    private readonly string? _fileName;
    private readonly UnknownCategoryPolicy _unknown;
    private readonly int[] _unseen;
    private readonly bool _missingAsNaN;

    internal RowEncoder(FeatureSchema schema, IReadOnlyList<string> header, string? fileName, UnknownCategoryPolicy unknown, bool missingAsNaN)
    {
        _schema = schema;
        _missingAsNaN = missingAsNaN;
        _fileName = fileName;
        _unknown = unknown;
        var position = new Dictionary<string, int>(header.Count, StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++)
        {
            position.TryAdd(header[i], i);
        }
        _cellIndex = [.. schema.Columns.Select(c => position[c.Name])];
        _unseen = new int[schema.Columns.Count];
    }

    /// <summary>How many rows so far had a category not seen in training, per column, in the schema's column order.</summary>
    public IReadOnlyList<int> UnseenCounts => _unseen;

    /// <summary>
    /// Writes the features of one row, its cells in header order, to <paramref name="features"/> (<see cref="FeatureSchema.FeatureCount"/> of them).
    /// </summary>
    /// <exception cref="DataFileException">A cell is missing without a fill value, cannot be read, or is an unseen category under <see cref="UnknownCategoryPolicy.Error"/>.</exception>
    public void Encode(IReadOnlyList<string> cells, int lineNumber, Span<double> features)
    {
        ArgumentNullException.ThrowIfNull(cells);
        IReadOnlyList<FeatureColumn> columns = _schema.Columns;
        char decimalSeparator = _schema.DecimalSeparator;
        int offset = 0;
        for (int c = 0; c < columns.Count; c++)
        {
            FeatureColumn column = columns[c];
            string cell = cells[_cellIndex[c]];
            Span<double> slice = features.Slice(offset, column.FeatureCount);
            offset += column.FeatureCount;
            if (FeatureSchema.IsMissing(cell))
            {
                if (_missingAsNaN && !column.CanFill)
                {
                    slice.Fill(double.NaN);
                }
                else if (!column.TryEncodeFill(decimalSeparator, slice))
                {
                    throw new DataFileException(_fileName, lineNumber, column.Name,
                        $"the value is missing ('{UserText.Quote(cell.Trim())}'); fill it in or drop the row.");
                }
                continue;
            }
            string text = cell.Trim();
            if (!column.TryEncode(text, decimalSeparator, slice, out bool unseen))
            {
                throw new DataFileException(_fileName, lineNumber, column.Name, column.Kind == ColumnKind.Date
                    ? $"'{UserText.Quote(text)}' is not a date, but the column holds dates (write them as 2024-03-01 or 2024-03-01T14:05)."
                    : $"'{UserText.Quote(text)}' is not a number, but the column is numeric (write numbers such as 1{decimalSeparator}5, with a decimal {(decimalSeparator == '.' ? "point" : "comma")}).");
            }
            if (unseen)
            {
                if (_unknown == UnknownCategoryPolicy.Error)
                {
                    throw new DataFileException(_fileName, lineNumber, column.Name,
                        $"'{UserText.Quote(text)}' is not one of the categories seen in training ({UserText.List(column.Categories, quote: false)}).");
                }
                _unseen[c]++;
            }
        }
    }
}
