using System.Globalization;

namespace MicroNet.Data;

/// <summary>How a cell is read as a number or a date, for loading and for prediction alike.</summary>
public static class CellParser
{
    // Year first, as ISO 8601 writes them: dates, then date-times with or without seconds, fractions and offsets.
    private static readonly string[] s_dateFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy-MM", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy/MM/dd HH:mm", "yyyy/MM/dd HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ssK"];

    /// <summary>
    /// A finite number written with <paramref name="decimalSeparator"/> ('.' or ','): <c>1.5</c>, <c>-2</c>, <c>3e-4</c>, or
    /// with a decimal comma <c>1,5</c>. No thousands separators, no NaN or infinity.
    /// </summary>
    public static bool TryParseNumber(string? cell, char decimalSeparator, out double value)
    {
        value = 0;
        if (cell is null)
        {
            return false;
        }
        ReadOnlySpan<char> text = cell.AsSpan().Trim();
        if (decimalSeparator == ',')
        {
            if (text.Contains('.') || text.Count(',') > 1)
            {
                return false;
            }
            Span<char> copy = text.Length <= 64 ? stackalloc char[text.Length] : new char[text.Length];
            text.CopyTo(copy);
            copy.Replace(',', '.');
            return double.TryParse(copy, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>
    /// An ISO 8601 date or date-time, year first (<c>2024-03-01</c>, <c>2024/03/01</c>, <c>2024-03</c>, <c>2024-03-01T14:05:00</c>,
    /// <c>2024-03-01 14:05</c>, with or without an offset, which is dropped: the wall-clock time counts), or with
    /// <paramref name="allowYear"/> a bare four-digit year (1 January of it). <paramref name="hasTime"/> says whether a time
    /// of day was written.
    /// </summary>
    public static bool TryParseDate(string? cell, bool allowYear, out DateTime value, out bool hasTime)
    {
        value = default;
        hasTime = false;
        if (cell is null)
        {
            return false;
        }
        string text = cell.Trim();
        if (allowYear && text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int year) && year >= 1)
        {
            value = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
            return true;
        }
        if (text.Length < 7 || !char.IsAsciiDigit(text[0]) || !DateTimeOffset.TryParseExact(text, s_dateFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
        {
            return false;
        }
        value = parsed.DateTime;
        hasTime = text.Length > 10;
        return true;
    }
}
