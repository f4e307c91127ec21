using System.Diagnostics;
using System.Globalization;
using MicroNet.IO;
using MicroNet.Models;
using MicroNet.Tests.Shared;
using MicroNet.Tests.Support;

namespace MicroNet.Tests.Cli;

/// <summary>
/// Nothing lost: an output is checked before any work (never an input, a folder or a missing folder), a pipe is written
/// through, a link stays a link, permissions stay, and an interrupted run leaves no temporary file. Special files are
/// FIFOs and links in a temporary folder, never /dev itself.
/// </summary>
public static class OutputSafetyTests
{
    private static TempFolder WithModelAndCsv()
    {
        var folder = new TempFolder();
        File.WriteAllText(folder["d.csv"], SampleCsv.ClassificationCsv(60, seed: 1));
        Assert.Equal(0, CliRun.Of("train", "--csv", folder["d.csv"], "--target", "label", "--epochs", "1", "--out", folder["m.json"]).ExitCode);
        return folder;
    }

    [Theory]
    [InlineData("train --csv d.csv --target label --out d.csv", "--out", "d.csv")]
    [InlineData("predict --model m.json --csv d.csv --out d.csv", "--out", "d.csv")]
    [InlineData("predict --model m.json --csv d.csv --out m.json", "--out", "m.json")]
    [InlineData("export --model m.json --onnx m.json", "--onnx", "m.json")]
    public static void Output_SameFileAsAnInput_IsRefusedBeforeAnyWork(string command, string option, string file)
    {
        using TempFolder folder = WithModelAndCsv();
        byte[] before = File.ReadAllBytes(folder[file]);
        string[] args = [.. command.Split(' ').Select(a => a.Contains('.', StringComparison.Ordinal) ? folder[a] : a)];

        CliRun run = CliRun.Of(args);

        string line = run.AssertUsageError($"Option '{option}': Cannot write");
        Assert.Contains("it is the same file as the input", line, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(folder[file]));
        Assert.Equal(["d.csv", "m.json"], folder.Entries());
    }

    [Fact]
    public static void Output_HardLinkToTheInput_IsTheSameFile()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Hard links are compared by device and inode on Linux.");
        using TempFolder folder = WithModelAndCsv();
        Run("ln", folder["m.json"], folder["other-name.json"]);

        CliRun run = CliRun.Of("export", "--model", folder["m.json"], "--onnx", folder["other-name.json"]);

        run.AssertUsageError("it is the same file as the input");
    }

    [Fact]
    public static void Output_SymbolicLink_IsWrittenThroughAndStaysALink()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "Symbolic links need a POSIX system here.");
        using var folder = new TempFolder();
        File.WriteAllText(folder["target.json"], "old");
        File.CreateSymbolicLink(folder["link.json"], folder["target.json"]);

        CliRun run = CliRun.Of("train", "--dataset", "iris", "--epochs", "1", "--out", folder["link.json"]);

        Assert.Equal(0, run.ExitCode);
        Assert.NotNull(new FileInfo(folder["link.json"]).LinkTarget);
        Assert.Equal(4, ModelFile.Load(folder["target.json"]).Network.InputCount);
        Assert.Equal(["link.json", "target.json"], folder.Entries());
    }

    [Fact]
    public static void Output_ExistingFile_KeepsItsPermissions()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions.");
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        using var folder = new TempFolder();
        File.WriteAllText(folder["m.json"], "old");
        File.SetUnixFileMode(folder["m.json"], UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Equal(0, CliRun.Of("train", "--dataset", "iris", "--epochs", "1", "--out", folder["m.json"]).ExitCode);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(folder["m.json"]));
        Assert.Equal(["m.json"], folder.Entries());
    }

    [Fact]
    public static async Task Output_NamedPipeWithAReader_IsWrittenThroughNotReplaced()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "mkfifo.");
        using TempFolder folder = WithModelAndCsv();
        Run("mkfifo", folder["pipe"]);
        Task<string> reader = Task.Run(() => File.ReadAllText(folder["pipe"]), TestContext.Current.CancellationToken);

        CliRun run = CliRun.Of("predict", "--model", folder["m.json"], "--csv", WriteRows(folder), "--out", folder["pipe"]);

        Assert.Equal(0, run.ExitCode);
        string written = await reader.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.StartsWith("line,predicted,probability\n2,", written.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("fifo", Run("stat", "-c", "%F", folder["pipe"]));
    }

    [Theory]
    [InlineData("predict", "--out")]
    [InlineData("export", "--onnx")]
    [InlineData("graph", "--out")]
    [InlineData("grad", "--graph")]
    public static void Output_EmptyOrInAMissingFolder_IsAUsageErrorBeforeAnyWork(string command, string option)
    {
        using TempFolder folder = WithModelAndCsv();
        string[] Args(string path) => command switch
        {
            "predict" => ["predict", "--model", folder["m.json"], "--csv", folder["d.csv"], option, path],
            "export" => ["export", "--model", folder["m.json"], option, path],
            "graph" => ["graph", option, path],
            _ => ["grad", "a*b", "a=1", "b=2", option, path],
        };
        string extension = command is "graph" or "grad" ? ".dot" : ".out";

        CliRun missing = CliRun.Of(Args(folder["no/such/x" + extension]));
        CliRun empty = CliRun.Of(Args(""));

        Assert.Contains("the folder", missing.AssertUsageError($"Option '{option}'"), StringComparison.Ordinal);
        if (command is not ("graph" or "grad"))
        {
            empty.AssertUsageError("The output file name is empty");
        }
        Assert.Equal(["d.csv", "m.json"], folder.Entries());
    }

    [Fact]
    public static void AtSign_IsAFileNameNotAResponseFile()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["args.txt"], "--dataset iris");

        CliRun run = CliRun.Of("train", "--csv", "@" + folder["args.txt"], "--target", "x");

        run.AssertUsageError("the file does not exist");
    }

    [Fact]
    public static void PendingTemporaryFiles_AreDeletedAndTheWriteNeverLands()
    {
        using var folder = new TempFolder();
        string? temp = null;

        Assert.Throws<OperationCanceledException>(() => OutputFile.Check(folder["m.json"]).Write(path =>
        {
            File.WriteAllText(path, "half");
            temp = path;
            Assert.Equal(1, OutputFile.DeletePendingTemporaryFiles(pending => pending.StartsWith(folder.Path, StringComparison.Ordinal)));
        }));

        Assert.NotNull(temp);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public static void WriteFailure_LikeAFullDisk_NamesTheOutputNotTheTemporaryFile()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["m.json"], "old");

        IOException e = Assert.Throws<IOException>(() => OutputFile.Check(folder["m.json"]).Write(temp =>
        {
            File.WriteAllText(temp, "half");
            throw new IOException($"No space left on device : '{temp}'");
        }));

        Assert.Equal($"Cannot write '{folder["m.json"]}': No space left on device : '{folder["m.json"]}'.", e.Message);
        Assert.Equal("old", File.ReadAllText(folder["m.json"]));
        Assert.Equal(["m.json"], folder.Entries());
    }

    [Fact]
    public static void CtrlC_DuringTraining_ExitsWith130SayingNothingWasSavedAndLeavesNoFile()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "Sending SIGINT needs a POSIX system.");
        using var folder = new TempFolder();
        File.WriteAllText(folder["m.json"], "a good model");
        using Process tool = MicronetProcess.Start("train", "--dataset", "digits", "--epochs", "1000000", "--out", folder["m.json"]);
        // The first epoch line says training has begun.
        while (tool.StandardOutput.ReadLine() is { } line && !line.StartsWith("epoch", StringComparison.Ordinal))
        {
        }

        Run("kill", "-INT", tool.Id.ToString(CultureInfo.InvariantCulture));
        Assert.True(tool.WaitForExit(TimeSpan.FromSeconds(30)));

        Assert.Equal(130, tool.ExitCode);
        Assert.Equal($"Interrupted by Ctrl-C: nothing was saved ('{folder["m.json"]}' left as it was), and no half-written file is left.",
            tool.StandardError.ReadToEnd().Trim());
        Assert.Equal("a good model", File.ReadAllText(folder["m.json"]));
        Assert.Equal(["m.json"], folder.Entries());
    }

    private static string WriteRows(TempFolder folder)
    {
        File.WriteAllText(folder["rows.csv"], "x1,x2,colour\n0.5,0.5,red\n");
        return folder["rows.csv"];
    }

    private static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output.Trim();
    }
}
