using MicroNet.Tests.Support;
namespace MicroNet.Tests.Cli;

public static class UsageErrorTests
{
    public static TheoryData<string[], string> BadCommandLines => new()
    {
        { ["train", "--steps", "0"], "--steps" },
        { ["train", "--steps", "-3"], "--steps" },
        { ["train", "--steps", "abc"], "--steps" },
        { ["train", "--steps", "2.5"], "--steps" },
        { ["train", "--steps"], "--steps" },
        { ["train", "--learning-rate", "-1"], "--learning-rate" },
        { ["train", "--learning-rate", "0"], "--learning-rate" },
        { ["train", "--learning-rate", "nan"], "--learning-rate" },
        { ["train", "--learning-rate", "NaN"], "--learning-rate" },
        { ["train", "--learning-rate", "Infinity"], "--learning-rate" },
        { ["train", "--learning-rate", "1e999"], "--learning-rate" },
        { ["train", "--learning-rate", "0,05"], "--learning-rate" },
        { ["train", "--seed", "forty-two"], "--seed" },
        { ["train", "--seed", "99999999999"], "--seed" },
        { ["train", "--no-such-option"], "--no-such-option" },
        { ["graph"], "--out" },
        { ["graph", "--out", "neuron.jpg"], "--out" },
        { ["graph", "--out", "neuron"], "--out" },
        { ["graph", "--out", "neuron.dot", "--direction", "up"], "--direction" },
        { ["bench", "--chain-length", "0"], "--chain-length" },
        { ["bench", "--chain-length", "many"], "--chain-length" },
        { ["bench", "--quick", "--no-such-option"], "--no-such-option" },
        { ["no-such-command"], "no-such-command" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public static void BadCommandLine_ExitsTwoWithOneLineNamingTheOption(string[] args, string option) =>
        CliRun.Of(args).AssertUsageError(option);

    [Fact]
    public static void NoCommand_ExitsTwoNamingTheCommands()
    {
        CliRun run = CliRun.Of();

        Assert.Equal(2, run.ExitCode);
        string line = Assert.Single(run.ErrorLines);
        foreach (string command in new[] { "train", "predict", "evaluate", "graph", "grad" })
        {
            Assert.Contains($"'micronet {command}'", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public static void Graph_BadExtension_WritesNoFile()
    {
        using var folder = new TempFolder();

        CliRun run = CliRun.Of("graph", "--out", folder["neuron.jpg"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public static void Help_ExitsZeroAndListsTheCommands()
    {
        CliRun run = CliRun.Of("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("train", run.Output, StringComparison.Ordinal);
        Assert.Contains("graph", run.Output, StringComparison.Ordinal);
    }
}
