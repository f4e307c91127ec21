using System.CommandLine;
using System.CommandLine.Parsing;
using MicroNet.IO;

namespace MicroNet.Cli;

/// <summary>
/// The one place the commands check what they will write, before any work: each output option's path goes through
/// <see cref="OutputFile.Check"/> with the command's input files, as a validator of the parsed command line, so that a
/// missing folder, a folder, a disk, a pipe nobody reads or an input given as the output is a usage error (exit 2)
/// naming the option, and nothing has run. The checked outputs are remembered with how they were, so that an
/// interrupted run can say which of them it wrote.
/// </summary>
internal static class OutputGuard
{
    private static readonly Lock s_lock = new();
    private static readonly List<(string Path, DateTime? Before)> s_outputs = [];

    /// <summary>Checks <paramref name="output"/> (when given) against <paramref name="inputs"/> before <paramref name="command"/> runs.</summary>
    public static void Add(Command command, Option<string> output, params Option<string>[] inputs) =>
        command.Validators.Add(result =>
        {
            if (ValueOf(result, output) is not { } path)
            {
                return;
            }
            try
            {
                OutputFile.Check(path, [.. inputs.Select(input => ValueOf(result, input))]);
                Remember(path);
            }
            catch (OutputFileException e)
            {
                result.AddError($"Option '{output.Name}': {e.Message}");
            }
        });

    /// <summary>
    /// Checks a folder option: it may not exist yet (it is created, with any missing parents), but neither it nor the
    /// nearest of its parents that exists may be a file.
    /// </summary>
    public static void AddFolder(Command command, Option<string> folder) =>
        command.Validators.Add(result =>
        {
            if (ValueOf(result, folder) is not { } path)
            {
                return;
            }
            if (string.IsNullOrWhiteSpace(path))
            {
                result.AddError($"Option '{folder.Name}': the folder name is empty; give a folder name.");
                return;
            }
            string? existing = Path.GetFullPath(path);
            while (existing is not null && !Directory.Exists(existing) && !File.Exists(existing))
            {
                existing = Path.GetDirectoryName(existing);
            }
            if (existing is not null && File.Exists(existing))
            {
                result.AddError($"Option '{folder.Name}': cannot create the folder '{UserText.Quote(path)}': '{UserText.Quote(existing)}' is a file.");
                return;
            }
            Remember(Path.Combine(path, "*"));
        });

    /// <summary>Forgets the outputs of an earlier run in this process (the tests run many).</summary>
    public static void Reset()
    {
        lock (s_lock)
        {
            s_outputs.Clear();
        }
    }

    /// <summary>
    /// One sentence for a run stopped by a signal: which checked outputs it had written and which it had not (after
    /// <see cref="OutputFile.DeletePendingTemporaryFiles()"/>, none is half-written).
    /// </summary>
    public static string InterruptedSummary(string signal)
    {
        List<string> written = [], notWritten = [];
        lock (s_lock)
        {
            foreach ((string path, DateTime? before) in s_outputs)
            {
                (WasWritten(path, before) ? written : notWritten).Add($"'{UserText.Quote(path)}'");
            }
        }
        string what = (written.Count, notWritten.Count) switch
        {
            (0, 0) => "it had nothing to save",
            (0, _) => $"nothing was saved ({string.Join(", ", notWritten)} left as it was)",
            (_, 0) => $"it had saved {string.Join(", ", written)}",
            _ => $"it had saved {string.Join(", ", written)}; {string.Join(", ", notWritten)} left as it was",
        };
        return $"Interrupted by {signal}: {what}, and no half-written file is left.";
    }

    // The option's value, or null when it is absent or its own parser already refused it (that error is the one to show).
    private static string? ValueOf(CommandResult result, Option<string> option)
    {
        try
        {
            return result.GetValue(option);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static void Remember(string path)
    {
        lock (s_lock)
        {
            s_outputs.Add((path, LastWrite(path)));
        }
    }

    private static bool WasWritten(string path, DateTime? before)
    {
        DateTime? now = LastWrite(path);
        return now is not null && now != before;
    }

    // For a folder's "*", the newest file in it; null when there is nothing.
    private static DateTime? LastWrite(string path)
    {
        if (Path.GetFileName(path) == "*")
        {
            string folder = Path.GetDirectoryName(path)!;
            return Directory.Exists(folder) ? Directory.EnumerateFiles(folder).Select(File.GetLastWriteTimeUtc).DefaultIfEmpty().Max() : null;
        }
        return File.Exists(path) ? File.GetLastWriteTimeUtc(path) : null;
    }
}
