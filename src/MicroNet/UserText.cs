using System.Globalization;
using System.Text;

namespace MicroNet;

/// <summary>
/// How MicroNet's messages show what a user typed or a file held: quoted values cut to a readable length with control
/// characters escaped, and lists cut to a few items. Every library and command uses it, so that no message echoes a
/// megabyte cell or an escape sequence to the terminal.
/// </summary>
public static class UserText
{
    /// <summary>The most characters <see cref="Quote"/> keeps of a value.</summary>
    public const int MaxQuotedLength = 80;

    /// <summary>The most items <see cref="List"/> shows.</summary>
    public const int MaxListedItems = 10;

    /// <summary>
    /// <paramref name="value"/> as it can be shown inside quotes in a one-line message: control characters (line breaks,
    /// escape sequences) written as <c>\n</c>, <c>\x1B</c> and the like, and anything past <see cref="MaxQuotedLength"/>
    /// characters cut and replaced by an ellipsis.
    /// </summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(Math.Min(value.Length, MaxQuotedLength) + 8);
        int shown = 0;
        foreach (char c in value)
        {
            if (shown == MaxQuotedLength)
            {
                return text.Append('…').ToString();
            }
            shown++;
            _ = c switch
            {
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' => text.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}"),
                _ => text.Append(c),
            };
        }
        return text.ToString();
    }

    /// <summary>
    /// Items for a message, each cut and escaped with <see cref="Quote"/> (and in quotes unless <paramref name="quote"/> is
    /// false), separated by commas, at most <paramref name="maxItems"/> of them followed by "and N more":
    /// <c>'a', 'b', 'c' and 12 more</c>.
    /// </summary>
    public static string List(IEnumerable<string> items, int maxItems = MaxListedItems, bool quote = true)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        var shown = new List<string>(maxItems);
        int count = 0;
        foreach (string item in items)
        {
            if (count++ < maxItems)
            {
                shown.Add(quote ? $"'{Quote(item)}'" : Quote(item));
            }
        }
        string list = string.Join(", ", shown);
        return count > maxItems ? string.Create(CultureInfo.InvariantCulture, $"{list} and {count - maxItems} more") : list;
    }

    /// <summary>A few names as alternatives, unquoted: <c>tanh</c>, <c>tanh or relu</c>, <c>linear, tanh, relu or sigmoid</c>.</summary>
    public static string Choices(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return names.Count switch
        {
            0 => "",
            1 => names[0],
            _ => $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}",
        };
    }
}
