using System.Globalization;
using System.Text;
using MicroNet.IO;
using nietras.SeparatedValues;

namespace MicroNet.Data;

/// <summary>
/// Reads a CSV file row by row, whatever shape people give it: gzipped or not, with lines above the header (a count line
/// as in scikit-learn's bundled files is found and skipped by itself), comma, semicolon, tab, pipe or runs of spaces
/// between cells (detected from the header), quoted cells (by Sep). Memory stays flat however long the file is: one row
/// at a time, each at most <see cref="MaxRowLength"/> characters.
/// </summary>
/// <remarks>
/// Every problem is a <see cref="DataFileException"/> naming the file and line: a header with an empty or repeated name,
/// a row with the wrong number of cells (with a hint when a quote was never closed), a row longer than the limit, a
/// cell that is not valid UTF-8. Cells are trimmed; blank lines are skipped.
/// </remarks>
public sealed partial class CsvReader : IDisposable
{
    /// <summary>The longest row read, in characters (Sep's own limit): longer means the file is not a table, or a quote never closes.</summary>
    public const int MaxRowLength = 16 * 1024 * 1024;

    private readonly TextReader _text;
    private readonly SepReader? _rows;
    private readonly int _lineOffset;
    private int _lastLine;

    private CsvReader(string fileName, TextReader text, char? separator, int? skipRows)
    {
        FileName = fileName;
        _text = text;
        (string? header, int skipped, string? linesAfter) = ReadHeaderLine(text, fileName, skipRows);
        SkippedRows = skipped;
        _lineOffset = skipped;
        if (header is null)
        {
            throw new DataFileException(fileName, 0, null, "the file is empty; a CSV file needs a header row of column names and at least one data row.");
        }
        Separator = separator ?? DetectSeparator(header);
        TextReader rest = new PrefixedReader(header + "\n" + (linesAfter is null ? "" : linesAfter + "\n"), text);
        if (Separator == ' ')
        {
            // Runs of spaces (or tabs) between cells, as in fixed-width numeric files; no quoting there.
            _text = rest;
            Header = CheckHeader(SplitOnWhitespace(header), fileName, skipped + 1);
            _ = ReadBoundedLine(_text, fileName, skipped + 1);
            _lastLine = skipped + 1;
            return;
        }
        var options = new SepReaderOptions(new Sep(Separator))
        {
            CultureInfo = CultureInfo.InvariantCulture,
            Unescape = true,
            Trim = SepTrim.All,
            DisableColCountCheck = true,
            // The header is read as a row, so that an empty or repeated name gets this reader's message, not Sep's.
            HasHeader = false,
        };
        try
        {
            _rows = options.From(rest, leaveOpen: false);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException)
        {
            throw new DataFileException(fileName, skipped + 1, null, "the header cannot be read; check the first line of the file.", e);
        }
        _lastLine = skipped;
        if (!TryReadRaw(out int headerLine, out string[] names))
        {
            throw new DataFileException(fileName, 0, null, "the file is empty; a CSV file needs a header row of column names and at least one data row.");
        }
        Header = CheckHeader(names, fileName, headerLine);
    }

    /// <summary>The file (or source name) read, for messages.</summary>
    public string FileName { get; }

    /// <summary>The separator between cells: the one given or the one detected; <c>' '</c> for runs of spaces.</summary>
    public char Separator { get; }

    /// <summary>How many lines above the header were skipped.</summary>
    public int SkippedRows { get; }

    /// <summary>The column names, in file order; unique and not empty.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The separator as words for messages: <c>comma</c>, <c>semicolon</c>, <c>tab</c>, <c>pipe</c>, <c>spaces</c>.</summary>
    public string SeparatorName => NameOf(Separator);

    /// <summary>A separator as words for messages: <c>comma</c>, <c>semicolon</c>, <c>tab</c>, <c>pipe</c>, <c>spaces</c>.</summary>
    public static string NameOf(char separator) => separator switch
    {
        ',' => "comma",
        ';' => "semicolon",
        '\t' => "tab",
        '|' => "pipe",
        ' ' => "spaces",
        char c => $"'{c}'",
    };

    /// <summary>
    /// Opens a file, gzipped or not (told by its first bytes, not its name), as UTF-8 with or without a byte-order mark.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="separator">The separator; null to detect it from the header.</param>
    /// <param name="skipRows">Lines above the header to skip; null to skip a count line if there is one, 0 for none.</param>
    /// <exception cref="DataFileException">The file is missing, a folder, empty, or its header cannot be used.</exception>
    public static CsvReader Open(string path, char? separator = null, int? skipRows = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            throw new DataFileException(path, 0, null, "this is a folder, not a CSV file.");
        }
        Stream stream;
        try
        {
            stream = InputFile.OpenRead(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFileException(path, 0, null, "the file does not exist.");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DataFileException(path, 0, null, "the file cannot be read (access is denied).", e);
        }
        catch (IOException e)
        {
            throw new DataFileException(path, 0, null, $"the file cannot be read ({e.Message.TrimEnd('.')}).", e);
        }
        try
        {
            return Open(new StreamReader(Decompressed(stream), Encoding.UTF8, detectEncodingFromByteOrderMarks: true), path, separator, skipRows);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>, which it then owns; <paramref name="fileName"/> names it in messages.</summary>
    /// <exception cref="DataFileException">As <see cref="Open(string, char?, int?)"/>.</exception>
    public static CsvReader Open(TextReader reader, string fileName, char? separator = null, int? skipRows = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        if (skipRows is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(skipRows), skipRows, "Lines to skip must be 0 or more.");
        }
        try
        {
            return new CsvReader(fileName, reader, separator, skipRows);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the next data row: its 1-based line in the file (the header's line counts) and its cells, one per header
    /// column. False at the end of the file.
    /// </summary>
    /// <exception cref="DataFileException">The row has the wrong number of cells, is too long, or holds invalid UTF-8.</exception>
    public bool TryRead(out int lineNumber, out string[] cells)
    {
        while (true)
        {
            if (!TryReadRaw(out lineNumber, out cells))
            {
                return false;
            }
            if (cells.Length == 1 && cells[0].Length == 0)
            {
                continue;
            }
            if (cells.Length != Header.Count)
            {
                bool openQuote = cells.Any(c => c.Contains('\n', StringComparison.Ordinal));
                throw new DataFileException(FileName, lineNumber, null, string.Create(CultureInfo.InvariantCulture,
                    $"the row has {cells.Length} cells, but the header has {Header.Count} columns (separator: {SeparatorName}; quote cells that contain it{(openQuote ? "; a quote opened in this row may never be closed" : "")})."));
            }
            for (int i = 0; i < cells.Length; i++)
            {
                if (cells[i].Contains('\uFFFD', StringComparison.Ordinal))
                {
                    throw new DataFileException(FileName, lineNumber, Header[i],
                        $"the cell '{UserText.Quote(cells[i])}' is not valid UTF-8 text; save the file as UTF-8.");
                }
            }
            return true;
        }
    }

    /// <summary>Every remaining data row, as <see cref="TryRead"/> reads them.</summary>
    public IEnumerable<(int LineNumber, string[] Cells)> ReadAll()
    {
        while (TryRead(out int line, out string[] cells))
        {
            yield return (line, cells);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _rows?.Dispose();
        _text.Dispose();
    }

    private bool TryReadRaw(out int lineNumber, out string[] cells)
    {
        if (_rows is null)
        {
            string? line = ReadBoundedLine(_text, FileName, _lastLine + 1);
            lineNumber = ++_lastLine;
            cells = line is null ? [] : line.Trim().Length == 0 ? [""] : SplitOnWhitespace(line);
            return line is not null;
        }
        try
        {
            if (!_rows.MoveNext())
            {
                lineNumber = 0;
                cells = [];
                return false;
            }
        }
        catch (Exception e) when (e is not DataFileException and (InvalidDataException or NotSupportedException or ArgumentException or OutOfMemoryException))
        {
            throw new DataFileException(FileName, _lastLine + 1, null, string.Create(CultureInfo.InvariantCulture,
                $"a row is longer than {MaxRowLength:N0} characters, or a quote opened there is never closed; this is not a table MicroNet can read."), e);
        }
        SepReader.Row row = _rows.Current;
        // Each row starts where the last one ended (Sep's own start line of a file's first row is off by one).
        lineNumber = _lastLine + 1;
        _lastLine = row.LineNumberToExcl - 1 + _lineOffset;
        cells = new string[row.ColCount];
        for (int i = 0; i < cells.Length; i++)
        {
            cells[i] = row[i].ToString();
        }
        return true;
    }
}
