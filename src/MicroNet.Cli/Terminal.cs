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
            Out = new AnsiConsoleOutput(output),
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
