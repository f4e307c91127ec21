using MicroNet.Drawing;
using MicroNet.Tests.Support;

namespace MicroNet.Tests.Drawing;

/// <summary>Drawing to files: plain DOT, Graphviz renderings, and what happens when Graphviz is missing or fails.</summary>
public static class DrawTests
{
    private static readonly byte[] s_pngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static Value NeuronAfterBackward()
    {
        Value o = NotebookNeuron.Build().O;
        o.Backward();
        return o;
    }

    [Fact]
    public static void Draw_DotExtension_WritesTheDotText()
    {
        using var folder = new TempFolder();
        string path = folder["neuron.dot"];

        GraphDrawing.Draw(NeuronAfterBackward(), path);

        Assert.Equal(ToDotTests.ExpectedNeuronDot(), File.ReadAllText(path));
        Assert.Equal(["neuron.dot"], folder.Entries());
    }

    [Fact]
    public static void Draw_ExistingFile_IsReplaced()
    {
        using var folder = new TempFolder();
        string path = folder["neuron.dot"];
        File.WriteAllText(path, "old contents that are longer than nothing at all, and then some more to be sure");

        GraphDrawing.Draw(NeuronAfterBackward(), path);

        Assert.Equal(ToDotTests.ExpectedNeuronDot(), File.ReadAllText(path));
    }

    [Fact]
    public static void Draw_UnsupportedExtension_ThrowsArgumentExceptionNamingTheFile()
    {
        using var folder = new TempFolder();
        string path = folder["neuron.jpg"];

        ArgumentException e = Assert.Throws<ArgumentException>(() => GraphDrawing.Draw(NeuronAfterBackward(), path));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public static void Draw_MissingGraphviz_ThrowsWithInstallHintAndWritesDotBeside()
    {
        using var folder = new TempFolder();
        string path = folder["neuron.svg"];

        GraphvizException e = Assert.Throws<GraphvizException>(
            () => GraphDrawing.Draw(NeuronAfterBackward(), path, dotExecutable: "/nonexistent/dot"));

        Assert.Contains("apt-get install graphviz", e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        string dotPath = folder["neuron.dot"];
        Assert.Equal(dotPath, e.DotFilePath);
        Assert.Equal(ToDotTests.ExpectedNeuronDot(), File.ReadAllText(dotPath));
        Assert.False(File.Exists(path));
        Assert.Equal(["neuron.dot"], folder.Entries());
    }

    [Fact]
    public static void Draw_MissingGraphvizAndTheDotFileExists_KeepsItAndWritesAnotherName()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["neuron.dot"], "mine");

        GraphvizException e = Assert.Throws<GraphvizException>(
            () => GraphDrawing.Draw(NeuronAfterBackward(), folder["neuron.svg"], dotExecutable: "/nonexistent/dot"));

        Assert.Equal(folder["neuron-2.dot"], e.DotFilePath);
        Assert.Equal("mine", File.ReadAllText(folder["neuron.dot"]));
        Assert.Equal(ToDotTests.ExpectedNeuronDot(), File.ReadAllText(folder["neuron-2.dot"]));
    }

    [Fact]
    public static void Draw_MoreValuesThanGraphvizLaysOut_WritesTheDotTextInsteadWithoutRunningIt()
    {
        using var folder = new TempFolder();
        Value x = new Value(0), one = new Value(1);
        for (int i = 0; i < GraphDrawing.MaxLayoutNodes; i++)
        {
            x += one;
        }

        // A dot that would hang: it is never started.
        GraphvizException e = Assert.Throws<GraphvizException>(() => GraphDrawing.Draw(x, folder["big.svg"], dotExecutable: FakeDot(folder, "sleep 600")));

        Assert.Contains("the graph has 5,002 values, more than Graphviz lays out in reasonable time (5,000)", e.Message, StringComparison.Ordinal);
        Assert.Equal(GraphDrawing.ToDot(x), File.ReadAllText(folder["big.dot"]));
        Assert.False(File.Exists(folder["big.svg"]));
    }

    [Fact]
    public static void Draw_GraphvizTakesTooLong_IsStoppedAndTheDotTextWrittenInstead()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "The fake dot is a shell script.");
        using var folder = new TempFolder();
        string fakeDot = FakeDot(folder, "cat > /dev/null\nsleep 600");
        var watch = System.Diagnostics.Stopwatch.StartNew();

        GraphvizException e = Assert.Throws<GraphvizException>(() => GraphDrawing.Draw(
            [NeuronAfterBackward()], folder["neuron.svg"], RankDirection.LeftToRight, fakeDot, TimeSpan.FromSeconds(1)));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "the sleeping dot was waited on");
        Assert.Contains("took more than 1 seconds and was stopped", e.Message, StringComparison.Ordinal);
        Assert.Equal(ToDotTests.ExpectedNeuronDot(), File.ReadAllText(folder["neuron.dot"]));
        Assert.False(File.Exists(folder["neuron.svg"]));
    }

    [Fact]
    public static void Draw_GraphvizFails_ThrowsWithItsMessageAndLeavesNoFile()
    {
        using var folder = new TempFolder();
        // Writes a partial output file, as a crashing renderer might, then fails.
        string fakeDot = FakeDot(folder, "cat > \"$3\"\necho 'syntax error in line 1' >&2\nexit 3");
        string path = folder["neuron.svg"];

        GraphvizException e = Assert.Throws<GraphvizException>(
            () => GraphDrawing.Draw(NeuronAfterBackward(), path, dotExecutable: fakeDot));

        Assert.Contains("exit code 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("syntax error in line 1", e.Message, StringComparison.Ordinal);
        Assert.Equal([Path.GetFileName(fakeDot)], folder.Entries());
    }

    [Fact]
    public static void Draw_GraphvizQuitsBeforeReadingTheGraph_ThrowsGraphvizExceptionWithItsMessage()
    {
        // A Graphviz built without PNG support stops at the format, before reading the graph from its input.
        using var folder = new TempFolder();
        string fakeDot = FakeDot(folder, "echo 'Format: \"png\" not recognized.' >&2\nexit 1");
        var one = new Value(1);
        Value x = new Value(0);
        for (int i = 0; i < 4000; i++)
        {
            x += one;
        }
        // Far more DOT text than a pipe buffers, so writing it must fail once dot has quit.
        Assert.True(GraphDrawing.ToDot(x).Length > 1 << 18);

        GraphvizException e = Assert.Throws<GraphvizException>(
            () => GraphDrawing.Draw(x, folder["big.png"], dotExecutable: fakeDot));

        Assert.Contains("exit code 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("not recognized", e.Message, StringComparison.Ordinal);
        Assert.Equal([Path.GetFileName(fakeDot)], folder.Entries());
    }

    [Fact]
    public static void Draw_SvgWithGraphviz_WritesSvgAndNoTemporaryFiles()
    {
        Graphviz.SkipUnlessDotIsOnPath();
        using var folder = new TempFolder();
        string path = folder["neuron.svg"];

        GraphDrawing.Draw(NeuronAfterBackward(), path);

        string svg = File.ReadAllText(path);
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("x1*w1 + x2*w2", svg, StringComparison.Ordinal);
        Assert.Equal(["neuron.svg"], folder.Entries());
    }

    [Fact]
    public static void Draw_PngWithGraphviz_WritesPngAndNoTemporaryFiles()
    {
        Graphviz.SkipUnlessDotIsOnPath();
        using var folder = new TempFolder();
        string path = folder["neuron.png"];

        GraphDrawing.Draw(NeuronAfterBackward(), path, RankDirection.TopToBottom);

        byte[] png = File.ReadAllBytes(path);
        Assert.True(png.Length > s_pngSignature.Length);
        Assert.Equal(s_pngSignature, png[..s_pngSignature.Length]);
        Assert.Equal(["neuron.png"], folder.Entries());
    }

    // A stand-in for Graphviz's dot: a shell script with the given body. Skips the test where there is no shell.
    private static string FakeDot(TempFolder folder, string body)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("The stand-in for Graphviz's 'dot' is a shell script.");
            return "";
        }
        string script = folder["fake-dot.sh"];
        File.WriteAllText(script, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }
}
