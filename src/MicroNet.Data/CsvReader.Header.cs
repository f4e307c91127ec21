using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace MicroNet.Data;

/// <summary>How <see cref="CsvReader"/> finds the header: lines to skip, the separator, gzip, bounded lines.</summary>
public sealed partial class CsvReader
{
    // The header line, after skipping lines above it: the given number, or a count line such as scikit-learn's
    // "150,4,setosa,versicolor,virginica" or "506,13,,,," (numbers and empty cells above a line of names); and the lines
    // read after it to decide that, given back verbatim so that line numbers stay right.
    private static (string? Header, int Skipped, string? LinesAfter) ReadHeaderLine(TextReader text, string fileName, int? skipRows)
    {
        int line = 0;
        for (int i = 0; i < (skipRows ?? 0); i++)
        {
            if (ReadBoundedLine(text, fileName, ++line) is null)
            {
                return (null, line, null);
            }
        }
        string? header = ReadNonBlankLine(text, fileName, ref line, null);
        int headerLine = line;
        if (header is null || skipRows is not null)
        {
            return (header, headerLine - 1, null);
        }
        var after = new List<string>();
        string? next = ReadNonBlankLine(text, fileName, ref line, after);
        if (next is not null && LooksLikeCountLine(header) && LooksLikeNames(next))
        {
            return (next, line - 1, null);
        }
        if (next is not null)
        {
            after.Add(next);
        }
        return (header, headerLine - 1, after.Count == 0 ? null : string.Join('\n', after));
    }

    private static string? ReadNonBlankLine(TextReader text, string fileName, ref int line, List<string>? blanks)
    {
        while (ReadBoundedLine(text, fileName, ++line) is { } value)
        {
            if (value.Trim().Length > 0)
            {
                return value;
            }
            blanks?.Add(value);
        }
        return null;
    }

    private static bool LooksLikeCountLine(string line)
    {
        string[] cells = line.Split(DetectSeparator(line));
        return cells.Length >= 2 && FeatureSchema.TryParseNumber(cells[0], out double count) && count >= 1 && count == Math.Floor(count)
            && cells.Skip(1).All(c => c.Trim().Length == 0 || FeatureSchema.TryParseNumber(c, out _) || !c.Any(char.IsWhiteSpace));
    }

    private static bool LooksLikeNames(string line)
    {
        string[] cells = line.Split(DetectSeparator(line));
        return cells.Length >= 2 && cells.All(c => c.Trim().Length > 0) && cells.Count(c => !FeatureSchema.TryParseNumber(c, out _)) * 2 > cells.Length;
    }

    // The separator of the header line: the most frequent of comma, semicolon, tab and pipe outside quotes; with none
    // of them but spaces between words, runs of spaces.
    private static char DetectSeparator(string header)
    {
        char best = ',';
        int bestCount = 0;
        foreach (char candidate in ",;\t|")
        {
            int count = 0;
            bool quoted = false;
            foreach (char c in header)
            {
                quoted ^= c == '"';
                count += !quoted && c == candidate ? 1 : 0;
            }
            if (count > bestCount)
            {
                (best, bestCount) = (candidate, count);
            }
        }
        return bestCount == 0 && header.Trim().Contains(' ', StringComparison.Ordinal) ? ' ' : best;
    }

    private static string[] SplitOnWhitespace(string line) => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string[] CheckHeader(string[] header, string fileName, int line)
    {
        for (int i = 0; i < header.Length; i++)
        {
            header[i] = header[i].Trim();
            if (header[i].Length == 0)
            {
                throw new DataFileException(fileName, line, null, string.Create(CultureInfo.InvariantCulture,
                    $"column {i + 1} of the header has no name; give every column a name (or skip the lines above the header with --skip-rows)."));
            }
            if (Array.IndexOf(header, header[i]) < i)
            {
                throw new DataFileException(fileName, line, header[i], "the header names this column twice; column names must be unique.");
            }
        }
        return header;
    }

    // A line of at most MaxRowLength characters, so that a file without line breaks (/dev/zero) cannot fill the memory.
    private static string? ReadBoundedLine(TextReader text, string fileName, int line)
    {
        var builder = new StringBuilder();
        int c;
        while ((c = text.Read()) >= 0)
        {
            if (c == '\n')
            {
                return builder.ToString().TrimEnd('\r');
            }
            if (builder.Length == MaxRowLength)
            {
                throw new DataFileException(fileName, line, null, string.Create(CultureInfo.InvariantCulture,
                    $"the line is longer than {MaxRowLength:N0} characters; this is not a table MicroNet can read."));
            }
            builder.Append((char)c);
        }
        return builder.Length > 0 ? builder.ToString().TrimEnd('\r') : null;
    }

    // gzip is told by its magic number 1F 8B, so a .csv.gz renamed .csv (or a plain file named .gz) still reads.
    private static Stream Decompressed(Stream stream)
    {
        var buffered = new BufferedStream(stream, 1 << 16);
        Span<byte> magic = stackalloc byte[2];
        int read = buffered.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        buffered.Seek(0, SeekOrigin.Begin);
        return read == 2 && magic[0] == 0x1F && magic[1] == 0x8B ? new GZipStream(buffered, CompressionMode.Decompress) : buffered;
    }

    /// <summary>A reader that gives <c>prefix</c> first, then the rest of another reader.</summary>
    private sealed class PrefixedReader(string prefix, TextReader rest) : TextReader
    {
        private int _position;

        public override int Peek() => _position < prefix.Length ? prefix[_position] : rest.Peek();

        public override int Read() => _position < prefix.Length ? prefix[_position++] : rest.Read();

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            if (_position < prefix.Length)
            {
                int n = Math.Min(buffer.Length, prefix.Length - _position);
                prefix.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }
            return rest.Read(buffer);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                rest.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
