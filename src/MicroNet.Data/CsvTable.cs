using System.Globalization;
using MicroNet.Training;
using nietras.SeparatedValues;

namespace MicroNet.Data;

/// <summary>
/// The cells of a CSV file as text: a header row of unique column names, then rows with one cell per column. Read by
/// Sep (quoted fields, doubled quotes, separators and line breaks inside quotes, any of comma, semicolon, tab or
/// pipe); cells are trimmed of surrounding spaces; blank lines are skipped.
/// </summary>
public sealed class CsvTable
{
    private readonly string[] _header;
    private readonly string[][] _rows;
    private readonly int[] _lineNumbers;
    private readonly Dictionary<string, int> _columnIndex;

    internal CsvTable(string fileName, char separator, string[] header, string[][] rows, int[] lineNumbers)
    {
        FileName = fileName;
        Separator = separator;
        _header = header;
        _rows = rows;
        _lineNumbers = lineNumbers;
        _columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
        {
            _columnIndex[header[i]] = i;
        }
    }

    /// <summary>The file the table was read from (or the name given for another source), used in error messages.</summary>
    public string FileName { get; }

    /// <summary>The separator used: the one given or the one detected; <c>' '</c> for runs of spaces.</summary>
    public char Separator { get; }

    /// <summary>The column names, in file order.</summary>
    public IReadOnlyList<string> Header => _header;

    /// <summary>The data rows (header excluded), each with one cell per column.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows => _rows;

    /// <summary>The 1-based line each row starts on (the header is line 1).</summary>
    public IReadOnlyList<int> LineNumbers => _lineNumbers;

    /// <summary>How many data rows there are.</summary>
    public int Count => _rows.Length;

    /// <summary>How many lines above the header were skipped (given, or a count line found by itself).</summary>
    public int SkippedRows { get; private init; }

    /// <summary>Reads a whole CSV file into memory; see <see cref="CsvReader"/> for the shapes of file it takes.</summary>
    /// <param name="path">The file, gzipped or not.</param>
    /// <param name="separator">The separator; null to detect it from the header.</param>
    /// <param name="skipRows">Lines above the header to skip; null to skip a count line if there is one.</param>
    /// <exception cref="DataFileException">
    /// The file does not exist, is empty, has a header but no rows, has a column without a name or a name twice, or a
    /// row with the wrong number of cells; the message names the file and line.
    /// </exception>
    public static CsvTable Read(string path, char? separator = null, int? skipRows = null)
    {
        using CsvReader reader = CsvReader.Open(path, separator, skipRows);
        return Read(reader);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>; <paramref name="fileName"/> names it in error messages.</summary>
    /// <exception cref="DataFileException">As <see cref="Read(string, char?, int?)"/>.</exception>
    public static CsvTable Read(TextReader reader, string fileName, char? separator = null, int? skipRows = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using CsvReader csv = CsvReader.Open(new LeaveOpenReader(reader), fileName, separator, skipRows);
        return Read(csv);
    }

    /// <summary>Reads every remaining row of <paramref name="reader"/>.</summary>
    /// <exception cref="DataFileException">As <see cref="Read(string, char?, int?)"/>.</exception>
    public static CsvTable Read(CsvReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<string[]>();
        var lines = new List<int>();
        long bytes = 0, budget = TrainingBudget.AvailableBytes;
        foreach ((int line, string[] cells) in reader.ReadAll())
        {
            rows.Add(cells);
            lines.Add(line);
            bytes += RowBytes(cells);
            if (rows.Count % 4096 == 0 && bytes * 3 / 2 > budget)
            {
                throw new DataFileException(reader.FileName, line, null, string.Create(CultureInfo.InvariantCulture,
                    $"the file is too large to hold in memory: its rows up to here already take about {bytes / (double)(1L << 30):F1} GB, and with their features more than the {budget / (double)(1L << 30):F1} GB this machine can give; train on a sample of the rows."));
            }
        }
        if (rows.Count == 0)
        {
            throw new DataFileException(reader.FileName, 0, null, "the file has a header row but no data rows.");
        }
        return new CsvTable(reader.FileName, reader.Separator, [.. reader.Header], [.. rows], [.. lines]) { SkippedRows = reader.SkippedRows };
    }

    // What a row costs in memory: the array, and each cell's string (object header, length, UTF-16 characters).
    private static long RowBytes(string[] cells)
    {
        long bytes = 24 + 8L * cells.Length;
        foreach (string cell in cells)
        {
            bytes += 22 + 2L * cell.Length;
        }
        return bytes;
    }

    /// <summary>Whether the header has a column named <paramref name="name"/> (case-sensitive).</summary>
    public bool HasColumn(string name) => _columnIndex.ContainsKey(name);

    /// <summary>The cells of column <paramref name="name"/>, row by row.</summary>
    /// <exception cref="DataFileException">There is no such column; the message lists the columns there are.</exception>
    public IReadOnlyList<string> Column(string name)
    {
        int index = IndexOf(name);
        return [.. _rows.Select(r => r[index])];
    }

    /// <summary>Row <paramref name="index"/> (0-based among the data rows) as a map from column name to cell.</summary>
    public IReadOnlyDictionary<string, string> RowByName(int index)
    {
        string[] row = _rows[index];
        var cells = new Dictionary<string, string>(_header.Length, StringComparer.Ordinal);
        for (int i = 0; i < _header.Length; i++)
        {
            cells[_header[i]] = row[i];
        }
        return cells;
    }

    /// <summary>The 0-based position of column <paramref name="name"/>.</summary>
    /// <exception cref="DataFileException">There is no such column; the message lists the columns there are.</exception>
    public int IndexOf(string name) =>
        _columnIndex.TryGetValue(name, out int index) ? index : throw NoColumn(FileName, name, _header, Separator);

    /// <summary>
    /// The error for a column the header lacks: the columns there are (at most 10), the case of a near miss, and when a
    /// header cell holds the name among other words, a hint that the file uses another separator.
    /// </summary>
    public static DataFileException NoColumn(string fileName, string name, IReadOnlyList<string> header, char separator)
    {
        ArgumentNullException.ThrowIfNull(header);
        string? sameButCase = FeatureSchema.ColumnWithOtherCase(name, header);
        bool hidden = header.Any(h => h.Split([' ', '\t', ';', ',', '|'], StringSplitOptions.RemoveEmptyEntries).Contains(name, StringComparer.Ordinal));
        string hint = sameButCase is not null ? $"; did you mean '{UserText.Quote(sameButCase)}' (names are case-sensitive)?"
            : hidden ? $"; the header looks like it uses another separator than {CsvReader.NameOf(separator)} (name it with --separator)."
            : " (names are case-sensitive).";
        return new DataFileException(fileName, 0, null, $"there is no column '{UserText.Quote(name)}'; the columns are {UserText.List(header)}{hint}");
    }

    /// <summary>
    /// Writes a header and rows as CSV (RFC 4180: cells with the separator, a quote or a line break are quoted),
    /// with the given separator.
    /// </summary>
    public static void Write(TextWriter writer, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        using SepWriter sep = new Sep(separator).Writer(o => o with { Escape = true, CultureInfo = CultureInfo.InvariantCulture }).To(writer, leaveOpen: true);
        foreach (IReadOnlyList<string> cells in rows)
        {
            using SepWriter.Row row = sep.NewRow();
            for (int i = 0; i < header.Count; i++)
            {
                row[header[i]].Set(cells[i]);
            }
        }
    }
}

/// <summary>A reader that leaves the one it wraps open when disposed (the caller owns it).</summary>
internal sealed class LeaveOpenReader(TextReader inner) : TextReader
{
    public override int Peek() => inner.Peek();

    public override int Read() => inner.Read();

    public override int Read(Span<char> buffer) => inner.Read(buffer);

    public override int Read(char[] buffer, int index, int count) => inner.Read(buffer, index, count);
}
