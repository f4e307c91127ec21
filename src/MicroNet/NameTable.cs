using System.Globalization;

namespace MicroNet;

/// <summary>
/// The one table of names for an enum: how each value is written on the command line, in summaries and in model
/// files, and how it is read back. Every value of the enum has exactly one name.
/// </summary>
/// <remarks>
/// Parsing ignores case and surrounding white space. An unknown name, or a value the enum does not define, is an
/// error whose message lists the valid names; nothing falls back to a default.
/// </remarks>
/// <typeparam name="T">The enum.</typeparam>
public sealed class NameTable<T>
    where T : struct, Enum
{
    private readonly T[] _values;
    private readonly string[] _names;

    /// <summary>Creates the table; <paramref name="subject"/> names what the values are, for messages (<c>activation</c>).</summary>
    /// <exception cref="ArgumentException">A value of <typeparamref name="T"/> has no name or two, or two values share a name.</exception>
    public NameTable(string subject, params ReadOnlySpan<(T Value, string Name)> entries)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        Subject = subject;
        _values = new T[entries.Length];
        _names = new string[entries.Length];
        for (int i = 0; i < entries.Length; i++)
        {
            (_values[i], _names[i]) = entries[i];
            ArgumentException.ThrowIfNullOrWhiteSpace(_names[i], nameof(entries));
        }
        foreach (T value in Enum.GetValues<T>())
        {
            if (Array.IndexOf(_values, value) < 0)
            {
                throw new ArgumentException($"The {subject} {value} has no name.", nameof(entries));
            }
        }
        if (_values.Distinct().Count() != _values.Length || _names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != _names.Length)
        {
            throw new ArgumentException($"Each {subject} needs exactly one name, and each name one {subject}.", nameof(entries));
        }
    }

    /// <summary>What the values are, in lower case, for messages: <c>activation</c>, <c>optimizer</c>.</summary>
    public string Subject { get; }

    /// <summary>Every name, in the table's order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The names as a phrase for messages and help: <c>linear, tanh, relu or sigmoid</c>.</summary>
    public string Choices => UserText.Choices(_names);

    /// <summary>The name of <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not a value the enum defines.</exception>
    public string NameOf(T value)
    {
        int index = Array.IndexOf(_values, value);
        return index >= 0
            ? _names[index]
            : throw new ArgumentOutOfRangeException(nameof(value), value,
                string.Create(CultureInfo.InvariantCulture, $"{Convert.ToInt64(value, CultureInfo.InvariantCulture)} is not a {Subject}; the {Subject}s are {Choices}."));
    }

    /// <summary>Reads a name (any case); false if it is not one of <see cref="Names"/>.</summary>
    public bool TryParse(string? text, out T value)
    {
        int index = text is null ? -1 : Array.FindIndex(_names, name => string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase));
        value = index >= 0 ? _values[index] : default;
        return index >= 0;
    }

    /// <summary>Reads a name (any case).</summary>
    /// <exception cref="FormatException">The text is not one of <see cref="Names"/>; the message lists them.</exception>
    public T Parse(string? text) =>
        TryParse(text, out T value) ? value : throw new FormatException($"'{UserText.Quote(text ?? "")}' is not a {Subject}; expected {Choices}.");
}
