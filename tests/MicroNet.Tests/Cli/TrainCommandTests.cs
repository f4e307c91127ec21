using System.Globalization;
using System.Text.RegularExpressions;
using MicroNet.Cli.Examples;

namespace MicroNet.Tests.Cli;

public static partial class TrainCommandTests
{
    // The seed tests compare other runs with this one.
    private static readonly Lazy<CliRun> s_seedSeven = new(() => CliRun.Of("train", "--seed", "7"));

    [Fact]
    public static void Train_NoArguments_PrintsTheLibraryRunsFinalLossAndPredictions()
    {
        NotebookRun expected = NotebookExample.Train();

        CliRun run = CliRun.Of("train");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains(NotebookExample.CreateModel().ToString(), run.Output, StringComparison.Ordinal);
        Assert.Contains(Invariant($"final loss {expected.FinalLoss:F6}"), run.Output, StringComparison.Ordinal);
        foreach (double prediction in expected.Predictions)
        {
            Assert.Contains(Invariant($"{prediction:F4}"), run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public static void Train_NoArguments_PrintsLossAsItGoes()
    {
        NotebookRun expected = NotebookExample.Train();

        CliRun run = CliRun.Of("train");

        string[] lossLines = LossLines(run.Output);
        Assert.InRange(lossLines.Length, 5, 20);
        Assert.Contains(Invariant($"loss {expected.StepLosses[0]:F6}"), lossLines[0], StringComparison.Ordinal);
        Assert.Contains(Invariant($"loss {expected.StepLosses[^1]:F6}"), lossLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public static void Train_RedirectedOutput_HasNoEscapeCodes()
    {
        CliRun run = CliRun.Of("train");

        Assert.DoesNotContain('\u001b', run.Output);
        Assert.All(run.Output, c => Assert.True(c < 128, $"non-ASCII character U+{(int)c:X4} in redirected output"));
    }

    [Fact]
    public static void Train_Steps_ChangesTheRun()
    {
        NotebookRun expected = NotebookExample.Train(steps: 5);

        CliRun run = CliRun.Of("train", "--steps", "5");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(5, LossLines(run.Output).Length);
        Assert.Contains(Invariant($"final loss {expected.FinalLoss:F6}"), run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public static void Train_LearningRate_ChangesTheRun()
    {
        NotebookRun expected = NotebookExample.Train(learningRate: 0.1);
        NotebookRun defaults = NotebookExample.Train();
        Assert.NotEqual(Invariant($"{defaults.FinalLoss:F6}"), Invariant($"{expected.FinalLoss:F6}"));

        CliRun run = CliRun.Of("train", "--learning-rate", "0.1");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(Invariant($"final loss {expected.FinalLoss:F6}"), run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public static void Train_SameSeed_GivesIdenticalNumbers()
    {
        CliRun again = CliRun.Of("train", "--seed", "7");

        Assert.Equal(0, s_seedSeven.Value.ExitCode);
        Assert.Equal(WithoutTiming(s_seedSeven.Value.Output), WithoutTiming(again.Output));
    }

    [Fact]
    public static void Train_DifferentSeed_GivesDifferentNumbers()
    {
        CliRun eight = CliRun.Of("train", "--seed", "8");

        Assert.Equal(0, eight.ExitCode);
        Assert.NotEqual(LossLines(s_seedSeven.Value.Output), LossLines(eight.Output));
        Assert.Contains(Invariant($"final loss {NotebookExample.Train(seed: 8).FinalLoss:F6}"), eight.Output, StringComparison.Ordinal);
    }

    [Fact]
    public static void Train_UnderACommaDecimalCulture_PrintsInvariantNumbers()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            NotebookRun expected = NotebookExample.Train(learningRate: 0.1);

            CliRun run = CliRun.Of("train", "--learning-rate", "0.1");

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("learning rate 0.1", run.Output, StringComparison.Ordinal);
            Assert.Contains(Invariant($"final loss {expected.FinalLoss:F6}"), run.Output, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public static void Train_HelpUnderACommaDecimalCulture_ShowsTheInvariantDefault()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            CliRun run = CliRun.Of("train", "--help");

            Assert.Equal(0, run.ExitCode);
            Assert.Contains(Invariant($"{NotebookExample.DefaultLearningRate}"), run.Output, StringComparison.Ordinal);
            Assert.Same(CultureInfo.GetCultureInfo("de-DE"), CultureInfo.CurrentCulture);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public static void Train_Help_ListsTheOptionsAndExitsZero()
    {
        CliRun run = CliRun.Of("train", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("--steps", run.Output, StringComparison.Ordinal);
        Assert.Contains("--learning-rate", run.Output, StringComparison.Ordinal);
        Assert.Contains("--seed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public static void Version_PrintsTheVersionAndExitsZero()
    {
        CliRun run = CliRun.Of("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Output);
    }

    private static string[] LossLines(string output) =>
        [.. output.Split('\n').Where(line => line.StartsWith("step ", StringComparison.Ordinal))];

    private static string WithoutTiming(string output) => TimingPattern().Replace(output, "in (time)");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"in \d+ ms")]
    private static partial Regex TimingPattern();
}
