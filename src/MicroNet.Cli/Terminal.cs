using Spectre.Console;

namespace MicroNet.Cli;

/// <summary>Spectre.Console bound to a writer: colours and box drawing on a terminal, plain text anywhere else.</summary>
internal static class Terminal
{
    private const int RedirectedWidth = 1000;

    /// <summary>
    /// A console writing to <paramref name="output"/>. Only the process's own standard output, not redirected, counts
    /// as a terminal, so a file, a pipe or a test's <see cref="StringWriter"/> never receives escape codes.
    /// </summary>
    public static IAnsiConsole Create(TextWriter output, out bool isTerminal)
    {
        isTerminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            // Tables pad their last column to its width; in a file, those spaces at the ends of lines are only noise.
            Out = new AnsiConsoleOutput(isTerminal ? output : new LineEndTrimmingWriter(output)),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            // A live progress bar needs an interactive console; redirected output gets plain lines instead.
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isTerminal)
        {
            // A file or a pipe has no width: without this, Spectre assumes 80 columns and wraps wide tables
            // (a 10-class confusion matrix) mid-word, which breaks anything that parses the output.
            console.Profile.Width = RedirectedWidth;
        }
        return console;
    }
}

/// <summary>Writes through to another writer, leaving out the spaces just before each line break.</summary>
internal sealed class LineEndTrimmingWriter(TextWriter inner) : TextWriter
{
    private int _pendingSpaces;

    public override System.Text.Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override void Write(char value)
    {
        if (value == ' ')
        {
            _pendingSpaces++;
            return;
        }
        if (value is not ('\n' or '\r'))
        {
            for (; _pendingSpaces > 0; _pendingSpaces--)
            {
                inner.Write(' ');
            }
        }
        _pendingSpaces = 0;
        inner.Write(value);
    }

    public override void Flush() => inner.Flush();
}
