using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using System.Text.RegularExpressions;
using MicroNet.Cli.Commands.Bench;
using MicroNet.Cli.Commands.Evaluate;
using MicroNet.Cli.Commands.Export;
using MicroNet.Cli.Commands.Grad;
using MicroNet.Cli.Commands.Graph;
using MicroNet.Cli.Commands.Predict;
using MicroNet.Cli.Commands.Train;

namespace MicroNet.Cli;

/// <summary>
/// The <c>micronet</c> command line: parses the arguments, runs one command and turns every failure into one line
/// on standard error and an exit code (see <see cref="ExitCodes"/>).
/// </summary>
internal static partial class MicronetApp
{
    /// <summary>Runs <c>micronet</c> with <paramref name="args"/>, writing to the given streams; returns the exit code.</summary>
    /// <param name="args">The arguments after the program name.</param>
    /// <param name="output">Where results go (standard output).</param>
    /// <param name="error">Where the one-line error message goes (standard error).</param>
    /// <param name="dotExecutable">The Graphviz program <c>graph</c> runs; tests point it at one that does not exist.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, string dotExecutable = "dot")
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        // Numbers that System.CommandLine formats itself, such as help's "[default: 0.05]", follow the current culture.
        CultureInfo culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        OutputGuard.Reset();
        try
        {
            Command root = CreateRootCommand(dotExecutable);
            // No response files: '--csv @data.csv' names a file whose name starts with @, not arguments to read from it.
            ParseResult parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (parseResult.Errors.Count > 0 && parseResult.CommandResult.Command == root && args.Length > 0 && !args[0].StartsWith('-'))
            {
                WriteError(error, UnknownCommand(root, args[0]));
                return ExitCodes.UsageError;
            }
            if (parseResult.Errors.Count > 0)
            {
                // System.CommandLine would print every error and then the whole help text; one sentence is enough. It
                // echoes tokens as typed, so each quoted one is cut and escaped as every other message's values are.
                WriteError(error, QuotedToken().Replace(parseResult.Errors[0].Message, m => $"'{UserText.Quote(m.Groups[1].Value)}'"));
                return ExitCodes.UsageError;
            }
            return parseResult.Invoke(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
#pragma warning disable CA1031 // The top of the program: every failure becomes one line and the exit code of the README's table, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            WriteError(error, ExitCodes.MessageOf(e));
            return ExitCodes.Of(e);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    internal static Command CreateRootCommand(string dotExecutable)
    {
        // Not RootCommand: that one is named after the executable, MicroNet.Cli, but the tool is installed as 'micronet'.
        var root = new Command("micronet", "Train and draw small neural networks built on MicroNet, a scalar autograd engine.")
        {
            new HelpOption(),
            new VersionOption(),
            TrainCommand.Create(),
            GraphCommand.Create(dotExecutable),
            GradCommand.Create(dotExecutable),
            PredictCommand.Create(),
            EvaluateCommand.Create(),
            BenchCommand.Create(),
            ExportCommand.Create(),
            Commands.Playground.PlaygroundCommand.Create(),
        };
        // Without an action, a bare 'micronet' fails with "Required command was not provided", which hides the choices.
        root.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Error.WriteLine("Name a command: 'micronet train', 'micronet predict', 'micronet evaluate', 'micronet export', 'micronet graph', 'micronet grad' or 'micronet bench' ('micronet --help' describes them).");
            return ExitCodes.UsageError;
        });
        return root;
    }

    // A mistyped command gets the nearest real one, if one is within two edits ('trian' is 'train').
    private static string UnknownCommand(Command root, string typed)
    {
        string? nearest = root.Subcommands.Select(c => c.Name).MinBy(name => EditDistance(name, typed.ToLowerInvariant()));
        string suggestion = nearest is not null && EditDistance(nearest, typed.ToLowerInvariant()) <= 2 ? $"; did you mean '{nearest}'?" : ".";
        return $"'{UserText.Quote(typed)}' is not a micronet command{suggestion} ('micronet --help' lists the commands.)";
    }

    // Levenshtein distance, with a swap of two neighbours counting as one edit.
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }

    // Messages from exceptions and from Graphviz can span lines; the contract is one line on standard error.
    private static void WriteError(TextWriter error, string message) =>
        error.WriteLine(string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex QuotedToken();
}
