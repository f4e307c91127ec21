using System.Globalization;
using System.Text.RegularExpressions;

namespace MicroNet.Data;

/// <summary>
/// Decides what each column of a table is for, from its cells and the user's overrides, and says why: numbers are
/// numeric; ISO dates are dates; text is categorical, unless nearly every row has its own value (a name, a ticket: an
/// identifier, left out); a column of one value is left out as constant; distinct whole numbers under an ID-like name
/// (id, rownames, PassengerId) are identifiers too.
/// </summary>
internal static partial class ColumnInference
{
    /// <summary>A text column is an identifier when more than this share of its values are distinct...</summary>
    public const double IdentifierShare = 0.5;

    /// <summary>...and it has at least this many distinct values (so a small table's categories are kept).</summary>
    public const int IdentifierMinDistinct = 10;

    /// <summary>The role of one column, with what the schema table shows about it.</summary>
    public sealed record Column(int Index, string Name, ColumnRole Role, int Distinct, int Missing, string Reason, bool HasTime);

    /// <summary>
    /// How the table writes decimals: <paramref name="given"/>, or a decimal comma where cells are separated by
    /// semicolons or tabs and numbers there use commas (and none a point), otherwise a point.
    /// </summary>
    public static char DecimalSeparator(CsvTable table, char? given)
    {
        if (given is { } separator)
        {
            return separator;
        }
        if (table.Separator is not (';' or '\t'))
        {
            return '.';
        }
        int commas = 0, points = 0;
        foreach (IReadOnlyList<string> row in table.Rows)
        {
            foreach (string cell in row)
            {
                if (cell.Contains(',', StringComparison.Ordinal) && CellParser.TryParseNumber(cell, ',', out _))
                {
                    commas++;
                }
                else if (cell.Contains('.', StringComparison.Ordinal) && CellParser.TryParseNumber(cell, '.', out _))
                {
                    points++;
                }
            }
        }
        return commas > 0 && points == 0 ? ',' : '.';
    }

    /// <summary>The role of every column but the target, with the reason.</summary>
    /// <exception cref="DataFileException">A column named in the options does not exist, is named twice, or holds a few cells that break its kind.</exception>
    public static List<Column> Infer(CsvTable table, int targetIndex, CsvOptions options, char decimalSeparator)
    {
        Dictionary<string, ColumnRole> requested = Requested(table, options);
        var columns = new List<Column>(table.Header.Count);
        for (int i = 0; i < table.Header.Count; i++)
        {
            if (i == targetIndex)
            {
                continue;
            }
            string name = table.Header[i];
            string[] cells = [.. table.Rows.Select(r => r[i]).Where(c => !FeatureSchema.IsMissing(c)).Select(c => c.Trim())];
            int missing = table.Count - cells.Length, distinct = cells.Distinct(StringComparer.Ordinal).Count();
            columns.Add(requested.TryGetValue(name, out ColumnRole role)
                ? Requested(table, i, role, cells, missing, distinct, decimalSeparator)
                : Inferred(table, i, cells, missing, distinct, decimalSeparator));
        }
        return columns;
    }

    private static Column Inferred(CsvTable table, int index, string[] cells, int missing, int distinct, char decimalSeparator)
    {
        string name = table.Header[index];
        Column Make(ColumnRole role, string reason, bool hasTime = false) => new(index, name, role, distinct, missing, reason, hasTime);
        if (cells.Length == 0)
        {
            return Make(ColumnRole.Constant, "every cell is missing");
        }
        if (distinct == 1 && cells.Length > 1)
        {
            return Make(ColumnRole.Constant, $"one value, '{UserText.Quote(cells[0])}'");
        }
        int numbers = cells.Count(c => CellParser.TryParseNumber(c, decimalSeparator, out _));
        if (numbers == cells.Length)
        {
            return IsIdentifier(name, cells, decimalSeparator)
                ? Make(ColumnRole.Identifier, "distinct whole numbers under an ID-like name")
                : Make(ColumnRole.Numeric, Invariant($"{numbers} numbers"));
        }
        if (IsMostly(numbers, cells.Length))
        {
            throw StrayCell(table, index, c => CellParser.TryParseNumber(c, decimalSeparator, out _), numbers, "numbers", decimalSeparator);
        }
        // Dates may mix full dates with bare years (a release year), but a column of years alone is numbers.
        int dates = cells.Count(c => CellParser.TryParseDate(c, allowYear: true, out _, out _));
        bool fullDates = cells.Any(c => CellParser.TryParseDate(c, allowYear: false, out _, out _));
        if (dates == cells.Length && fullDates)
        {
            return Make(ColumnRole.Date, Invariant($"{dates} ISO dates"), HasTimeOfDay(cells));
        }
        if (fullDates && IsMostly(dates, cells.Length))
        {
            throw StrayCell(table, index, c => CellParser.TryParseDate(c, allowYear: true, out _, out _), dates, "dates", decimalSeparator);
        }
        if (distinct >= IdentifierMinDistinct && distinct > IdentifierShare * cells.Length)
        {
            return Make(ColumnRole.Identifier, Invariant($"{distinct} of {cells.Length} values are distinct (a name or an ID)"));
        }
        return Make(ColumnRole.Categorical, Invariant($"text, {distinct} distinct values"));
    }

    private static Column Requested(CsvTable table, int index, ColumnRole role, string[] cells, int missing, int distinct, char decimalSeparator)
    {
        string name = table.Header[index];
        string option = role switch
        {
            ColumnRole.Numeric => "--numeric",
            ColumnRole.Categorical => "--categorical",
            ColumnRole.Date => "--date",
            _ => "--ignore",
        };
        if (role == ColumnRole.Numeric && cells.FirstOrDefault(c => !CellParser.TryParseNumber(c, decimalSeparator, out _)) is { } text)
        {
            throw new DataFileException(table.FileName, LineOf(table, index, text), name, $"'{UserText.Quote(text)}' is not a number, but {option} names this column.");
        }
        if (role == ColumnRole.Date && cells.FirstOrDefault(c => !CellParser.TryParseDate(c, allowYear: true, out _, out _)) is { } notDate)
        {
            throw new DataFileException(table.FileName, LineOf(table, index, notDate), name,
                $"'{UserText.Quote(notDate)}' is not an ISO 8601 date (such as 2024-03-01 or 2024-03-01T14:05), but {option} names this column.");
        }
        return new Column(index, name, role, distinct, missing, option, role == ColumnRole.Date && HasTimeOfDay(cells));
    }

    // Which role the user gave which column; each named column must exist and be named once.
    private static Dictionary<string, ColumnRole> Requested(CsvTable table, CsvOptions options)
    {
        var requested = new Dictionary<string, ColumnRole>(StringComparer.Ordinal);
        foreach ((IReadOnlyCollection<string> names, ColumnRole role, string option) in new[]
        {
            (options.IgnoredColumns, ColumnRole.Ignored, "--ignore"),
            (options.CategoricalColumns, ColumnRole.Categorical, "--categorical"),
            (options.NumericColumns, ColumnRole.Numeric, "--numeric"),
            (options.DateColumns, ColumnRole.Date, "--date"),
        })
        {
            foreach (string name in names)
            {
                _ = table.IndexOf(name);
                if (!requested.TryAdd(name, role))
                {
                    throw new DataFileException(table.FileName, 0, name, $"the column is named by {option} and by another of --ignore, --categorical, --numeric and --date; give it one role.");
                }
            }
        }
        return requested;
    }

    // A row number or ID: distinct whole numbers under a name such as id, rownames, PassengerId or "Unnamed: 0". Numbers
    // without such a name stay numeric, however they run: a year or a count can be a real feature.
    private static bool IsIdentifier(string name, string[] cells, char decimalSeparator)
    {
        if (!IdLikeName().IsMatch(name) || cells.Length < IdentifierMinDistinct)
        {
            return false;
        }
        var values = new HashSet<double>();
        foreach (string cell in cells)
        {
            if (!CellParser.TryParseNumber(cell, decimalSeparator, out double value) || value != Math.Floor(value) || !values.Add(value))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Whether a column whose cells are <paramref name="fitting"/> of <paramref name="count"/> of one kind is that kind
    /// with a few stray cells (at most 2, or 5%): then the strays are an error to report, not a reason to read the column
    /// as text. A column with more of the other kind (ticket codes, half numbers and half text) is text.
    /// </summary>
    public static bool IsMostly(int fitting, int count) => fitting < count && fitting * 2 > count && count - fitting <= Math.Max(2, count / 20);

    private static bool HasTimeOfDay(string[] cells) =>
        cells.Any(c => CellParser.TryParseDate(c, allowYear: true, out DateTime date, out _) && date.TimeOfDay != TimeSpan.Zero);

    // A column mostly of one kind with a few cells that are not: nearly always a typo or a thousands separator, so it is
    // an error naming the first such cell rather than a silent change of kind.
    private static DataFileException StrayCell(CsvTable table, int index, Func<string, bool> fits, int fitting, string kind, char decimalSeparator)
    {
        string name = table.Header[index];
        int row = Enumerable.Range(0, table.Count).First(r => !FeatureSchema.IsMissing(table.Rows[r][index]) && !fits(table.Rows[r][index].Trim()));
        string cell = table.Rows[row][index].Trim();
        if (kind == "numbers" && ThousandsNumber().IsMatch(cell))
        {
            return new DataFileException(table.FileName, table.LineNumbers[row], name,
                $"'{UserText.Quote(cell)}' uses a thousands separator; write numbers without them (1234{decimalSeparator}5, not 1{(decimalSeparator == '.' ? ',' : '.')}234{decimalSeparator}5).");
        }
        int total = table.Rows.Count(r => !FeatureSchema.IsMissing(r[index]));
        return new DataFileException(table.FileName, table.LineNumbers[row], name, Invariant(
            $"'{UserText.Quote(cell)}' is not {(kind == "numbers" ? "a number" : "a date")}, but {fitting} of the column's {total} cells are; fix the cell, mark it missing (empty or NA), or give the column a role (--categorical, --ignore)."));
    }

    private static int LineOf(CsvTable table, int index, string cell) =>
        table.LineNumbers[Enumerable.Range(0, table.Count).First(r => table.Rows[r][index].Trim() == cell)];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // id, index, rownames, Unnamed: 0, customer_id (any case), and camel case PassengerId or CustomerID.
    [GeneratedRegex(@"^(?i:id|index|rownames|row|rowid|row_id|#|no|unnamed: ?\d+)$|(?i:(^|[_\s.-])id)$|[a-z]Id$|[a-z]ID$", RegexOptions.CultureInvariant)]
    private static partial Regex IdLikeName();

    [GeneratedRegex(@"^[+-]?\d{1,3}([,.' ]\d{3})+([.,]\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ThousandsNumber();
}
