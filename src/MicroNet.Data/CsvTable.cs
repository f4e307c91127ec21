using System.Globalization;
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

    private CsvTable(string fileName, char separator, string[] header, string[][] rows, int[] lineNumbers)
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

    /// <summary>The separator used: the one given or the one detected.</summary>
    public char Separator { get; }

    /// <summary>The column names, in file order.</summary>
    public IReadOnlyList<string> Header => _header;

    /// <summary>The data rows (header excluded), each with one cell per column.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows => _rows;

    /// <summary>The 1-based line each row starts on (the header is line 1).</summary>
    public IReadOnlyList<int> LineNumbers => _lineNumbers;

    /// <summary>How many data rows there are.</summary>
    public int Count => _rows.Length;

    /// <summary>Reads a CSV file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="separator">The separator; null to detect it from the header.</param>
    /// <exception cref="DataFileException">
    /// The file does not exist, is empty, has a header but no rows, has a column without a name or a name twice, or a
    /// row with the wrong number of cells; the message names the file and line.
    /// </exception>
    public static CsvTable Read(string path, char? separator = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            throw new DataFileException(path, 0, null, "this is a folder, not a CSV file.");
        }
        StreamReader reader;
        try
        {
            reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFileException(path, 0, null, "the file does not exist.");
        }
        using (reader)
        {
            return Read(reader, path, separator);
        }
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>; <paramref name="fileName"/> names it in error messages.</summary>
    /// <exception cref="DataFileException">As <see cref="Read(string, char?)"/>.</exception>
    public static CsvTable Read(TextReader reader, string fileName, char? separator = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        var options = new SepReaderOptions(separator is { } c ? new Sep(c) : Sep.Auto)
        {
            CultureInfo = CultureInfo.InvariantCulture,
            Unescape = true,
            Trim = SepTrim.All,
            // Checked here instead, so that the message names the file and line in our words.
            DisableColCountCheck = true,
        };
        SepReader sep;
        try
        {
            sep = options.From(reader, leaveOpen: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException)
        {
            throw new DataFileException(fileName, 1, null, $"the header cannot be read ({e.Message.TrimEnd('.')}); check for a column name given twice.", e);
        }
        using (sep)
        {
            if (sep.IsEmpty || sep.Header.IsEmpty)
            {
                throw new DataFileException(fileName, 0, null, "the file is empty; a CSV file needs a header row of column names and at least one data row.");
            }
            string[] header = [.. sep.Header.ColNames];
            for (int i = 0; i < header.Length; i++)
            {
                if (header[i].Length == 0)
                {
                    throw new DataFileException(fileName, 1, null, FormattableString.Invariant($"column {i + 1} of the header has no name; give every column a name."));
                }
                if (Array.IndexOf(header, header[i]) < i)
                {
                    throw new DataFileException(fileName, 1, header[i], "the header names this column twice; column names must be unique.");
                }
            }
            var rows = new List<string[]>();
            var lines = new List<int>();
            foreach (SepReader.Row row in sep)
            {
                if (row.ColCount == 1 && row[0].Span.IsWhiteSpace())
                {
                    continue;
                }
                if (row.ColCount != header.Length)
                {
                    throw new DataFileException(fileName, row.LineNumberFrom, null, FormattableString.Invariant(
                        $"the row has {row.ColCount} cells, but the header has {header.Length} columns (separator '{sep.Spec.Sep.Separator}'; quote cells that contain it)."));
                }
                var cells = new string[row.ColCount];
                for (int i = 0; i < cells.Length; i++)
                {
                    cells[i] = row[i].ToString();
                }
                rows.Add(cells);
                lines.Add(row.LineNumberFrom);
            }
            if (rows.Count == 0)
            {
                throw new DataFileException(fileName, 0, null, "the file has a header row but no data rows.");
            }
            return new CsvTable(fileName, sep.Spec.Sep.Separator, header, [.. rows], [.. lines]);
        }
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
        _columnIndex.TryGetValue(name, out int index)
            ? index
            : throw new DataFileException(FileName, 0, null,
                $"there is no column '{name}'; the columns are {string.Join(", ", _header.Select(h => $"'{h}'"))} (names are case-sensitive).");

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
