namespace MicroNet.Data;

/// <summary>
/// Input data that cannot be used: a missing or empty file, a header without rows, an unknown column, a missing value,
/// a cell that is neither a number nor a known category. The message is one sentence naming the file, the line
/// (1-based, the header is line 1) and the column, as far as they are known.
/// </summary>
public sealed class DataFileException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public DataFileException()
        : base("The data cannot be read.")
    {
    }

    /// <summary>Creates the exception with a message a user can act on.</summary>
    public DataFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message a user can act on, wrapping the error that caused it.</summary>
    public DataFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Creates the exception with the message <c>'FILE' line N, column 'C': PROBLEM</c>, leaving out the parts that
    /// are not known (null or 0).
    /// </summary>
    /// <param name="fileName">The file (or other source) the data came from; null if none.</param>
    /// <param name="lineNumber">The 1-based line, counting the header as line 1; 0 if not about one line.</param>
    /// <param name="columnName">The column; null if not about one column.</param>
    /// <param name="problem">What is wrong and, where it helps, what to do, as the rest of the sentence.</param>
    /// <param name="innerException">The error that caused this one, if any.</param>
    public DataFileException(string? fileName, int lineNumber, string? columnName, string problem, Exception? innerException = null)
        : base(Describe(fileName, lineNumber, columnName) + problem, innerException)
    {
        FileName = fileName;
        LineNumber = lineNumber;
        ColumnName = columnName;
    }

    /// <summary>The file (or other source) the data came from, if known.</summary>
    public string? FileName { get; }

    /// <summary>The 1-based line the problem is on (the header is line 1), or 0 if it is not about one line.</summary>
    public int LineNumber { get; }

    /// <summary>The column the problem is in, if it is about one column.</summary>
    public string? ColumnName { get; }

    // "'data.csv' line 7, column 'b': ", "'data.csv': ", "Line 7: ", or "" when nothing is known.
    private static string Describe(string? fileName, int lineNumber, string? columnName)
    {
        string where = fileName is null ? "" : $"'{fileName}'";
        if (lineNumber > 0)
        {
            where += FormattableString.Invariant($"{(where.Length > 0 ? " " : "")}line {lineNumber}");
        }
        if (columnName is not null)
        {
            where += $"{(where.Length > 0 ? ", " : "")}column '{columnName}'";
        }
        return where.Length == 0 ? "" : char.ToUpperInvariant(where[0]) + where[1..] + ": ";
    }
}
