using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using MicroNet.Drawing;

namespace MicroNet.Cli;

/// <summary>
/// Options that parse and check their own value, in the invariant culture, and say in one sentence what is wrong
/// with a bad one, naming the option.
/// </summary>
internal static class CliOptions
{
    /// <summary>A command with its options and arguments, whose action returns the exit code.</summary>
    public static Command Command(string name, string description, IEnumerable<Symbol> symbols, Func<ParseResult, int> action)
    {
        var command = new Command(name, description);
        foreach (Symbol symbol in symbols)
        {
            switch (symbol)
            {
                case Option option:
                    command.Options.Add(option);
                    break;
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                default:
                    throw new ArgumentException($"A command takes options and arguments, not {symbol.GetType().Name}.", nameof(symbols));
            }
        }
        command.SetAction(action);
        return command;
    }

    /// <summary>An option naming a file (or a folder, by <paramref name="helpName"/>).</summary>
    public static Option<string> Path(string name, string description, bool required = false, string helpName = "file") => new(name)
    {
        Description = description,
        HelpName = helpName,
        Required = required,
    };

    /// <summary>An option that is on when given.</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>A whole-number option from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public static Option<int> Integer(string name, string description, int defaultValue, int minimum = int.MinValue, int maximum = int.MaxValue)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        string expected = (minimum, maximum) switch
        {
            (int.MinValue, int.MaxValue) => "a whole number",
            (_, int.MaxValue) => string.Create(c, $"a whole number of at least {minimum}"),
            _ => string.Create(c, $"a whole number from {minimum} to {maximum:N0}"),
        };
        return new Option<int>(name)
        {
            Description = description,
            HelpName = "n",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => Parse(result, expected, (string text, out int value) =>
                int.TryParse(text, NumberStyles.AllowLeadingSign, c, out value) && value >= minimum && value <= maximum),
        };
    }

    /// <summary>A number option that must be positive and finite (no NaN, no infinity).</summary>
    public static Option<double> PositiveNumber(string name, string description, double defaultValue) =>
        new(name)
        {
            Description = description,
            HelpName = "number",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => Parse(result, "a positive, finite number such as 0.05", (string text, out double value) =>
                double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value > 0 && double.IsFinite(value)),
        };

    /// <summary>
    /// Runs <paramref name="tryParse"/> on the option's one token; when it fails, reports
    /// "Option '--x' must be {expected}, but got 'token'." and returns the default.
    /// </summary>
    public static T? Parse<T>(ArgumentResult result, string expected, TryParser<T> tryParse)
    {
        string name = result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
        if (result.Tokens.Count != 1)
        {
            result.AddError($"Option '{name}' needs exactly one value.");
            return default;
        }
        string text = result.Tokens[0].Value;
        if (tryParse(text, out T? value))
        {
            return value;
        }
        result.AddError($"Option '{name}' must be {expected}, but got '{UserText.Quote(text)}'.");
        return default;
    }

    /// <summary>
    /// An option naming one value of an enum, by the names of its <see cref="NameTable{T}"/> (any case); the help shows
    /// them as <c>a|b|c</c>. Nullable with no default, so that help shows the default the description gives.
    /// </summary>
    public static Option<T?> Choice<T>(string name, string description, NameTable<T> names)
        where T : struct, Enum => new(name)
        {
            Description = description,
            HelpName = string.Join('|', names.Names),
            CustomParser = result => Parse<T?>(result, "one of " + string.Join(", ", names.Names), (string text, out T? value) =>
            {
                bool ok = names.TryParse(text, out T parsed);
                value = ok ? parsed : null;
                return ok;
            }),
        };

    /// <summary>A number option checked by <paramref name="isValid"/>; <paramref name="expected"/> says what a valid one is.</summary>
    public static Option<double?> Number(string name, string description, string expected, Func<double, bool> isValid) => new(name)
    {
        Description = description,
        HelpName = "number",
        CustomParser = result => Parse<double?>(result, expected, (string text, out double? value) =>
        {
            bool ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && isValid(x);
            value = ok ? x : null;
            return ok;
        }),
    };

    /// <summary>True if the option appears on the command line (not just its default).</summary>
    public static bool Given(SymbolResult result, Option option) => result.GetResult(option) is { Implicit: false };

    /// <summary>True if the option appears on the command line (not just its default).</summary>
    public static bool Given(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    /// <summary>An option naming a drawing: a file ending in .dot, .svg or .png.</summary>
    public static Option<string> DrawingPath(string name, string description, bool required = false) => new(name)
    {
        Description = description,
        HelpName = "file",
        Required = required,
        CustomParser = result => Parse<string>(result, "a file name ending in .dot, .svg or .png", TryParseDrawingPath),
    };

    /// <summary>Accepts a path whose extension <see cref="GraphDrawing.FormatOf"/> knows, so that a bad one is a usage error.</summary>
    public static bool TryParseDrawingPath(string text, out string path)
    {
        path = text;
        try
        {
            _ = GraphDrawing.FormatOf(text);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>Reads an option's text as a <typeparamref name="T"/>, or says it cannot.</summary>
internal delegate bool TryParser<T>(string text, [MaybeNullWhen(false)] out T value);
