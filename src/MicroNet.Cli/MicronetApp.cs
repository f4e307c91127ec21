using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using MicroNet.Cli.Commands.Bench;
using MicroNet.Cli.Commands.Evaluate;
using MicroNet.Cli.Commands.Export;
using MicroNet.Cli.Commands.Grad;
using MicroNet.Cli.Commands.Graph;
using MicroNet.Cli.Commands.Predict;
using MicroNet.Cli.Commands.Train;
using MicroNet.Data;
using MicroNet.Drawing;
using MicroNet.Models;
using MicroNet.Onnx;
using MicroNet.Pipeline;

namespace MicroNet.Cli;

/// <summary>
/// The <c>micronet</c> command line: parses the arguments, runs one command and turns every failure into one line
/// on standard error and an exit code (see <see cref="ExitCodes"/>).
/// </summary>
internal static class MicronetApp
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
        try
        {
            Command root = CreateRootCommand(dotExecutable);
            ParseResult parseResult = root.Parse(args);
            if (parseResult.Errors.Count > 0)
            {
                // System.CommandLine would print every error and then the whole help text; one sentence is enough.
                WriteError(error, parseResult.Errors[0].Message);
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
        catch (Exception e) when (e is DataFileException or ModelFileException or OnnxExportException or SettingsException)
        {
            // A missing, malformed or mismatched input file is bad input, as a bad option is; so is asking the export
            // for something the model does not have (probabilities of a margin model).
            WriteError(error, e.Message);
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (e is GraphvizException or IOException or UnauthorizedAccessException)
        {
            WriteError(error, e.Message);
            return ExitCodes.RuntimeFailure;
        }
#pragma warning disable CA1031 // The top of the program: any other failure still becomes one line, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            WriteError(error, $"micronet failed unexpectedly: {e.Message}");
            return ExitCodes.RuntimeFailure;
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

    // Messages from exceptions and from Graphviz can span lines; the contract is one line on standard error.
    private static void WriteError(TextWriter error, string message) =>
        error.WriteLine(string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
}
