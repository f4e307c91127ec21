using System.Globalization;
using System.Text.RegularExpressions;
using MicroNet.Cli.Commands.Train;
using MicroNet.Training;

namespace MicroNet.Tests.Cli;

/// <summary><c>micronet train --dataset ...</c>: the general trainer from the command line, with redirected (plain) output.</summary>
public static partial class TrainDatasetTests
{
    [Fact]
    public static void Dataset_FiveEpochs_PrintsEveryEpochAndTheSummaryAsPlainText()
    {
        CliRun run = CliRun.Of("train", "--dataset", "moons", "--epochs", "5");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.DoesNotContain('\u001b', run.Output);
        Assert.All(run.Output, c => Assert.True(c < 128, $"non-ASCII character U+{(int)c:X4} in redirected output"));
        Assert.Contains("Dataset moons: 300 rows, 2 features, binary classification; 180 for training, 60 for validation, 60 for testing", run.Output, StringComparison.Ordinal);
        Assert.Contains("Mlp(2 -> [16 relu, 16 relu, 1 linear], 337 parameters)", run.Output, StringComparison.Ordinal);
        Assert.Contains("Loss bce, optimizer adam, learning rate 0.01 (constant), 5 epochs, batch size 32, seed 42.", run.Output, StringComparison.Ordinal);
        string[] epochs = EpochLines(run.Output);
        Assert.Equal(5, epochs.Length);
        Assert.All(epochs, line => Assert.Matches(EpochLinePattern(), line));
        Assert.Matches(@"(?m)^\s*split\s+rows\s+loss\s+accuracy\s*$", run.Output);
        Assert.Matches(@"(?m)^\s*train\s+180\s+\d+\.\d{4}\s+\d+\.\d%\s*$", run.Output);
        Assert.Matches(@"(?m)^\s*validation\s+60\s", run.Output);
        Assert.Matches(@"(?m)^\s*test\s+60\s", run.Output);
        Assert.Contains("Confusion matrix on the test rows", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"Trained 5 epochs \(30 steps\) in \d+\.\d s", run.Output);
    }

    [Fact]
    public static void Dataset_HundredEpochs_PrintsAboutTenLinesEndingWithTheLast()
    {
        CliRun run = CliRun.Of("train", "--dataset", "xor", "--epochs", "30", "--batch-size", "1000", "--layers", "4");

        string[] epochs = EpochLines(run.Output);
        Assert.InRange(epochs.Length, 5, 12);
        Assert.StartsWith("epoch  1/30", epochs[0], StringComparison.Ordinal);
        Assert.StartsWith("epoch 30/30", epochs[^1], StringComparison.Ordinal);
        Assert.Contains("(30 steps)", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("moons")]
    [InlineData("circles")]
    [InlineData("spiral")]
    [InlineData("xor")]
    [InlineData("blobs")]
    public static void Dataset_EveryName_Trains(string name)
    {
        CliRun run = CliRun.Of("train", "--dataset", name, "--epochs", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Dataset {name}:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public static void Dataset_Moons_ReachesHighTestAccuracyWithTheDefaults()
    {
        CliRun run = CliRun.Of("train", "--dataset", "moons", "--epochs", "40");

        Match test = Regex.Match(run.Output, @"(?m)^\s*test\s+60\s+\S+\s+(\d+\.\d)%");
        Assert.True(test.Success, run.Output);
        Assert.InRange(double.Parse(test.Groups[1].Value, CultureInfo.InvariantCulture), 95, 100);
    }

    [Fact]
    public static void Dataset_SameSeed_GivesIdenticalNumbers()
    {
        string[] args = ["train", "--dataset", "spiral", "--epochs", "3", "--seed", "5", "--optimizer", "sgd", "--momentum", "0.9", "--schedule", "cosine"];

        CliRun first = CliRun.Of(args);
        CliRun second = CliRun.Of(args);
        CliRun other = CliRun.Of([.. args[..^2], "--seed", "6"]);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(WithoutTiming(first.Output), WithoutTiming(second.Output));
        Assert.NotEqual(EpochLines(first.Output), EpochLines(other.Output));
    }

    [Fact]
    public static void Dataset_OptionsReachTheRun()
    {
        CliRun run = CliRun.Of("train", "--dataset", "blobs", "--layers", "8,4", "--activation", "tanh", "--optimizer", "adamw",
            "--learning-rate", "0.02", "--schedule", "step", "--epochs", "2", "--batch-size", "50", "--validation", "0", "--test", "0.5", "--l2", "0.001");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Mlp(2 -> [8 tanh, 4 tanh, 3 linear], 75 parameters)", run.Output, StringComparison.Ordinal);
        Assert.Contains("Loss cross-entropy, optimizer adamw, learning rate 0.02 (step), 2 epochs, batch size 50, seed 42.", run.Output, StringComparison.Ordinal);
        Assert.Contains("150 for training, 0 for validation, 150 for testing", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("val_loss", run.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s*validation\s", run.Output);
        // 150 training rows in batches of 50: 3 steps per epoch.
        Assert.Contains("(6 steps)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public static void Dataset_UnderACommaDecimalCulture_PrintsInvariantNumbers()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            CliRun run = CliRun.Of("train", "--dataset", "moons", "--epochs", "2", "--learning-rate", "0.05");

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("learning rate 0.05", run.Output, StringComparison.Ordinal);
            Assert.All(EpochLines(run.Output), line => Assert.Matches(EpochLinePattern(), line));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public static void Dataset_LossBecomesNaN_ExitsOneWithOneLineAndStillSummarises()
    {
        CliRun run = CliRun.Of("train", "--dataset", "moons", "--optimizer", "sgd", "--learning-rate", "1e200", "--epochs", "5");

        Assert.Equal(1, run.ExitCode);
        string line = Assert.Single(run.ErrorLines);
        Assert.Matches(@"^Loss became (NaN|infinite) at epoch 1, step \d+; try a lower learning rate \(now 1E\+200\)\.$", line);
        Assert.Contains("Stopped after 0 of 5 epochs", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s*test\s+60\s", run.Output);
        GraphCommandTests.AssertNoStackTrace(run.Error);
    }

    public static TheoryData<string[], string> BadCommandLines => new()
    {
        { ["train", "--dataset", "moons", "--layers", "16,,x"], "--layers" },
        { ["train", "--dataset", "moons", "--layers", "16,0"], "--layers" },
        { ["train", "--dataset", "moons", "--layers", "-4"], "--layers" },
        { ["train", "--dataset", "moons", "--layers", "16 16"], "--layers" },
        { ["train", "--dataset", "moons", "--epochs", "-5"], "--epochs" },
        { ["train", "--dataset", "moons", "--epochs", "0"], "--epochs" },
        { ["train", "--dataset", "moons", "--learning-rate", "0"], "--learning-rate" },
        { ["train", "--dataset", "moons", "--learning-rate", "-0.1"], "--learning-rate" },
        { ["train", "--dataset", "moons", "--batch-size", "0"], "--batch-size" },
        { ["train", "--dataset", "moons", "--batch-size", "ten"], "--batch-size" },
        { ["train", "--dataset", "moons", "--validation", "1"], "--validation" },
        { ["train", "--dataset", "moons", "--validation", "-0.1"], "--validation" },
        { ["train", "--dataset", "moons", "--validation", "20%"], "--validation" },
        { ["train", "--dataset", "moons", "--test", "1.5"], "--test" },
        { ["train", "--dataset", "moons", "--validation", "0.5", "--test", "0.5"], "--validation" },
        { ["train", "--dataset", "moons", "--l2", "-1"], "--l2" },
        { ["train", "--dataset", "moons", "--l2", "NaN"], "--l2" },
        { ["train", "--dataset", "moons", "--weight-decay", "-0.01"], "--weight-decay" },
        { ["train", "--dataset", "moons", "--momentum", "1"], "--momentum" },
        { ["train", "--dataset", "moons", "--momentum", "0.9"], "--momentum" },
        { ["train", "--dataset", "moons", "--optimizer", "adam", "--momentum", "0.9"], "--momentum" },
        { ["train", "--dataset", "moons", "--optimizer", "rmsprop"], "--optimizer" },
        { ["train", "--dataset", "moons", "--optimizer", "rmsprop", "--momentum", "0.9"], "--optimizer" },
        { ["train", "--dataset", "moons", "--activation", "gelu"], "--activation" },
        { ["train", "--dataset", "moons", "--schedule", "exponential"], "--schedule" },
        { ["train", "--dataset", "moons", "--loss", "softmax"], "--loss" },
        { ["train", "--dataset", "moons", "--loss", "mse"], "--loss" },
        { ["train", "--dataset", "blobs", "--loss", "hinge"], "--loss" },
        { ["train", "--dataset", "spiral", "--loss", "bce"], "--loss" },
        { ["train", "--dataset", "mnist"], "--dataset" },
        { ["train", "--dataset"], "--dataset" },
        { ["train", "--dataset", "moons", "--steps", "10"], "--steps" },
        { ["train", "--epochs", "10"], "--epochs" },
        { ["train", "--layers", "4"], "--layers" },
        { ["train", "--loss", "mse"], "--loss" },
        { ["train", "--layers", "x"], "--layers" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public static void BadCommandLine_ExitsTwoWithOneLineNamingTheOption(string[] args, string option)
    {
        string line = CliRun.Of(args).AssertUsageError(option);

        Assert.EndsWith(".", line, StringComparison.Ordinal);
    }

    [Fact]
    public static void Help_ListsTheDatasetOptionsAndTheirChoices()
    {
        CliRun run = CliRun.Of("train", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (string option in new[] { "--dataset", "--layers", "--activation", "--loss", "--optimizer", "--momentum", "--weight-decay", "--schedule", "--epochs", "--batch-size", "--validation", "--test", "--l2" })
        {
            Assert.Contains(option, run.Output, StringComparison.Ordinal);
        }
        Assert.Contains("moons|circles|spiral|xor|blobs", run.Output, StringComparison.Ordinal);
        Assert.Contains("auto|mse|hinge|bce|cross-entropy", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public static void EpochLine_Regression_ShowsRmseInsteadOfAccuracy()
    {
        var report = new EpochReport(7, 20, 70, 0.01, 0.25, null, 0.5, 0.36, null, 0.6, TimeSpan.Zero);

        Assert.Equal("epoch  7/20  loss 0.2500  rmse 0.5000  val_loss 0.3600  val_rmse 0.6000", TrainingProgress.Line(report));
    }

    [Fact]
    public static void EpochLine_Classification_ShowsPercentages()
    {
        var report = new EpochReport(10, 100, 50, 0.01, 0.1234, 0.975, null, 0.2345, 0.95, null, TimeSpan.Zero);

        Assert.Equal("epoch  10/100  loss 0.1234  accuracy 97.5%  val_loss 0.2345  val_accuracy 95.0%", TrainingProgress.Line(report));
        Assert.Equal("epoch  10/100 loss 0.1234 acc 97.5% val_acc 95.0%", TrainingProgress.CompactLine(report));
    }

    private static string[] EpochLines(string output) =>
        [.. output.Split('\n').Select(l => l.TrimEnd('\r')).Where(line => line.StartsWith("epoch ", StringComparison.Ordinal))];

    private static string WithoutTiming(string output) => TimingPattern().Replace(output, "in (time)");

    [GeneratedRegex(@"^epoch +\d+/\d+  loss \d+\.\d{4}  accuracy \d+\.\d%  val_loss \d+\.\d{4}  val_accuracy \d+\.\d%$")]
    private static partial Regex EpochLinePattern();

    [GeneratedRegex(@"in \d+\.\d s, \d+ ms per epoch")]
    private static partial Regex TimingPattern();
}
