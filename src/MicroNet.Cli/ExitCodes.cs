using MicroNet.Data;
using MicroNet.Drawing;
using MicroNet.IO;
using MicroNet.Models;
using MicroNet.Onnx;
using MicroNet.Pipeline;

namespace MicroNet.Cli;

/// <summary>What <c>micronet</c> returns to the shell: the table in the README, and which failure is which.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>
    /// Something failed while running, after the inputs were accepted: training diverged, Graphviz is missing, failed or
    /// took too long, a file could not be written (a full disk).
    /// </summary>
    public const int RuntimeFailure = 1;

    /// <summary>
    /// The input is wrong, found before any work: an unknown option, a bad number, a value out of range, a network over
    /// the budget, an input file (CSV, model) that is missing, unreadable, empty or malformed, or an output that cannot
    /// be written (its folder missing, a folder, an input).
    /// </summary>
    public const int UsageError = 2;

    /// <summary>Stopped by Ctrl-C (SIGINT): 128 + 2, as shells report it.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM: 128 + 15.</summary>
    public const int Terminated = 143;

    /// <summary>The exit code of a failure that reached the top of the program.</summary>
    public static int Of(Exception exception) => exception switch
    {
        // Bad input, as a bad option is; so is asking the export for something the model does not have.
        DataFileException or ModelFileException or OnnxExportException or SettingsException or OutputFileException => UsageError,
        _ => RuntimeFailure,
    };

    /// <summary>The one-line message of a failure that reached the top of the program.</summary>
    public static string MessageOf(Exception exception) => exception switch
    {
        DataFileException or ModelFileException or OnnxExportException or SettingsException or GraphvizException
            or IOException or UnauthorizedAccessException => exception.Message,
        OutOfMemoryException => "micronet ran out of memory; use a smaller network, batch or file.",
        _ => $"micronet failed unexpectedly: {exception.Message}",
    };
}
