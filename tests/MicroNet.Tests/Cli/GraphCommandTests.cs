using MicroNet.Tests.Support;
using System.Text;

namespace MicroNet.Tests.Cli;

public static class GraphCommandTests
{
    [Fact]
    public static void Graph_ToDot_WritesTheNeuronWithItsGradients()
    {
        using var folder = new TempFolder();

        CliRun run = CliRun.Of("graph", "--out", folder["neuron.dot"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        string dot = File.ReadAllText(folder["neuron.dot"]);
        Assert.StartsWith("digraph", dot, StringComparison.Ordinal);
        // The notebook's gradients: do/dn = 0.5, so x1 gets 0.5 * w1 = -1.5, w1 gets 0.5 * x1 = 1, x2 gets 0.5 * w2 = 0.5, w2 gets 0.
        Assert.Contains("grad -1.5000", RecordOf(dot, "x1"), StringComparison.Ordinal);
        Assert.Contains("grad 1.0000", RecordOf(dot, "w1"), StringComparison.Ordinal);
        Assert.Contains("grad 0.5000", RecordOf(dot, "x2"), StringComparison.Ordinal);
        Assert.Contains("grad 0.0000", RecordOf(dot, "w2"), StringComparison.Ordinal);
        Assert.Contains("grad 0.5000", RecordOf(dot, "b"), StringComparison.Ordinal);
        Assert.Contains("grad 1.0000", RecordOf(dot, "o"), StringComparison.Ordinal);
        Assert.Equal(["neuron.dot"], folder.Entries());
    }

    [Theory]
    [InlineData(new string[0], "rankdir=LR")]
    [InlineData(new[] { "--direction", "lr" }, "rankdir=LR")]
    [InlineData(new[] { "--direction", "tb" }, "rankdir=TB")]
    [InlineData(new[] { "--direction", "TB" }, "rankdir=TB")]
    public static void Graph_Direction_SetsTheRankDirection(string[] directionArgs, string expected)
    {
        using var folder = new TempFolder();

        CliRun run = CliRun.Of(["graph", "--out", folder["neuron.dot"], .. directionArgs]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(expected, File.ReadAllText(folder["neuron.dot"]), StringComparison.Ordinal);
    }

    [Fact]
    public static void Graph_ToSvg_DrawsAnSvgWithTheLabels()
    {
        string svg = Encoding.UTF8.GetString(DrawWithGraphviz("neuron.svg"));

        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Contains(">x1<", svg, StringComparison.Ordinal);
        Assert.Contains("grad &#45;1.5000", svg, StringComparison.Ordinal);
    }

    [Fact]
    public static void Graph_ToPng_DrawsAPng()
    {
        byte[] png = DrawWithGraphviz("neuron.png");

        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }

    [Fact]
    public static void Graph_GraphvizMissing_ExitsOneNamesTheInstallAndLeavesTheDotFile()
    {
        using var folder = new TempFolder();
        string missingDot = "micronet-test-no-such-dot-" + Guid.NewGuid().ToString("N");

        CliRun run = CliRun.WithDot(missingDot, "graph", "--out", folder["neuron.svg"]);

        Assert.Equal(1, run.ExitCode);
        string line = Assert.Single(run.ErrorLines);
        Assert.Contains("install graphviz", line, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("neuron.dot", line, StringComparison.Ordinal);
        AssertNoStackTrace(run.Error);
        Assert.Equal(["neuron.dot"], folder.Entries());
        Assert.StartsWith("digraph", File.ReadAllText(folder["neuron.dot"]), StringComparison.Ordinal);
    }

    [Fact]
    public static void Graph_GraphvizFails_ExitsOneWithOneLineAndNoPartialFile()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "uses the Unix 'false' program as a dot that fails");
        using var folder = new TempFolder();

        CliRun run = CliRun.WithDot("false", "graph", "--out", folder["neuron.svg"]);

        Assert.Equal(1, run.ExitCode);
        string line = Assert.Single(run.ErrorLines);
        Assert.Contains("exit code 1", line, StringComparison.Ordinal);
        AssertNoStackTrace(run.Error);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public static void Graph_MissingFolder_ExitsTwoAndWritesNothing()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder["missing"], "neuron.dot");

        CliRun run = CliRun.Of("graph", "--out", path);

        Assert.Equal(2, run.ExitCode);
        string line = Assert.Single(run.ErrorLines);
        Assert.Contains(path, line, StringComparison.Ordinal);
        AssertNoStackTrace(run.Error);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public static void Graph_OutIsAFolder_ExitsTwoAndLeavesNoPartialFile()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["taken.dot"]);

        CliRun run = CliRun.Of("graph", "--out", folder["taken.dot"]);

        Assert.Equal(2, run.ExitCode);
        string line = Assert.Single(run.ErrorLines);
        Assert.Contains(folder["taken.dot"], line, StringComparison.Ordinal);
        AssertNoStackTrace(run.Error);
        Assert.Equal(["taken.dot"], folder.Entries());
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder["taken.dot"]));
    }

    [Fact]
    public static void Graph_ExistingFile_IsReplacedWhole()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["neuron.dot"], new string('x', 100_000), Encoding.UTF8);

        CliRun run = CliRun.Of("graph", "--out", folder["neuron.dot"]);

        Assert.Equal(0, run.ExitCode);
        string dot = File.ReadAllText(folder["neuron.dot"]);
        Assert.StartsWith("digraph", dot, StringComparison.Ordinal);
        Assert.DoesNotContain("xxx", dot, StringComparison.Ordinal);
    }

    // 'micronet graph --out' into a new folder, drawn by Graphviz: exit code 0, nothing on standard error, and only
    // that file written. Returns the file's bytes.
    private static byte[] DrawWithGraphviz(string fileName)
    {
        Graphviz.SkipUnlessDotIsOnPath();
        using var folder = new TempFolder();

        CliRun run = CliRun.Of("graph", "--out", folder[fileName]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Equal([fileName], folder.Entries());
        return File.ReadAllBytes(folder[fileName]);
    }

    internal static void AssertNoStackTrace(string error)
    {
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    // The DOT line of the record whose label is exactly `label`.
    private static string RecordOf(string dot, string label) =>
        Assert.Single(dot.Split('\n'), line => line.Contains($"label=\"{{ {label} |", StringComparison.Ordinal));
}
