using System.Globalization;
using System.Text;
using MicroNet.Tests.Support;

namespace MicroNet.Tests.Cli;

/// <summary>
/// Nothing hung, nothing unbounded, nothing silently wrong: sizes checked before anything is allocated, inputs that never
/// end refused, echoed text cut and escaped, and numbers near double's range trained rather than refused.
/// </summary>
public static class ResourceBoundsTests
{
    [Theory]
    [InlineData("1000000000", "The network would have 8,000,000,003 parameters; the most MicroNet trains is 10,000,000")]
    [InlineData("50000,50000", "The network would have 2,500,450,003 parameters")]
    public static void Layers_OverTheParameterBudget_AreRefusedBeforeAllocating(string layers, string expected)
    {
        CliRun run = CliRun.Of("train", "--dataset", "iris", "--layers", layers);

        Assert.StartsWith($"Option '--layers': {expected}", run.AssertUsageError(expected), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--epochs", "2147483647", "a whole number from 1 to 1,000,000")]
    [InlineData("--epochs", "1000000000", "a whole number from 1 to 1,000,000")]
    [InlineData("--steps", "2147483647", "a whole number from 1 to 10,000,000")]
    public static void Counts_PastTheirCeiling_AreRefused(string option, string value, string expected)
    {
        string[] args = option == "--steps" ? ["train", option, value] : ["train", "--dataset", "iris", option, value];

        CliRun.Of(args).AssertUsageError(expected);
    }

    [Fact]
    public static void Notebook_LossBecomesNaN_StopsWithExitOneAsADatasetRunDoes()
    {
        CliRun run = CliRun.Of("train", "--learning-rate", "1e308");

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"^Loss became (NaN|infinite) at step \d+; try a lower learning rate \(now 1E\+308\)\.$", Assert.Single(run.ErrorLines));
        Assert.DoesNotContain("final loss", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public static void Csv_LineLongerThanTheLimit_IsOneSentenceWithExitTwo()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["wide.csv"], "a,b\n1," + new string('9', 17_000_000) + "\n");

        CliRun run = CliRun.Of("train", "--csv", folder["wide.csv"], "--target", "b");

        Assert.Contains("line 2: the line is longer than 16,777,216 characters", run.AssertUsageError("wide.csv"), StringComparison.Ordinal);
    }

    [Fact]
    public static void Csv_DevZero_EndsWithOneSentenceInsteadOfReadingForEver()
    {
        Assert.SkipUnless(File.Exists("/dev/zero"), "Needs /dev/zero (read, never written).");

        CliRun run = CliRun.Of("train", "--csv", "/dev/zero", "--target", "x");

        run.AssertUsageError("'/dev/zero' line 1: the line is longer than");
    }

    [Fact]
    public static void Model_DevZero_IsRefusedAtTheSizeLimit()
    {
        Assert.SkipUnless(File.Exists("/dev/zero"), "Needs /dev/zero (read, never written).");
        using var folder = new TempFolder();
        File.WriteAllText(folder["rows.csv"], "a\n1\n");

        CliRun run = CliRun.Of("predict", "--model", "/dev/zero", "--csv", folder["rows.csv"]);

        run.AssertUsageError("it is longer than 1024 MB");
    }

    [Fact]
    public static void EchoedValues_AreCutAndEscaped()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["d.csv"], "a,b\n1,x\n" + new string('7', 1_000_000) + "z,y\n2,x\n");

        CliRun escape = CliRun.Of("grad", "a+\u001b[31mb", "a=1", "b=2");
        CliRun option = CliRun.Of("train", "--dataset", "iris", "--epochs", "\u001b[31m" + new string('9', 5000));
        CliRun cell = CliRun.Of("train", "--csv", folder["d.csv"], "--target", "b", "--numeric", "a");

        Assert.Equal(2, escape.ExitCode);
        Assert.DoesNotContain('\u001b', escape.Error);
        Assert.Contains("Unexpected character '\\x1B' at position 2.", escape.Error, StringComparison.Ordinal);
        Assert.Contains("\\x1B[31m9999", option.AssertUsageError("--epochs"), StringComparison.Ordinal);
        Assert.True(option.Error.Length < 300, option.Error);
        Assert.True(cell.ExitCode == 2 && cell.Error.Length < 400, cell.Error);
    }

    [Fact]
    public static void Grad_SixtyThousandTerms_DrawsTheDotTextInsteadOfHangingInGraphviz()
    {
        using var folder = new TempFolder();
        string expression = string.Join('+', Enumerable.Repeat("a", 60_000));

        CliRun run = CliRun.Of("grad", expression, "a=1", "--graph", folder["huge.svg"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("60000", run.Output, StringComparison.Ordinal);
        Assert.Contains("more than Graphviz lays out in reasonable time", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(["huge.dot"], folder.Entries());
    }

    [Fact]
    public static void Csv_ValuesNearDoublesRange_TrainAndPredict()
    {
        using var folder = new TempFolder();
        var text = new StringBuilder("big,huge,y\n");
        for (int i = 0; i < 60; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(i % 10) * 1e199},{(i == 7 ? 1e308 : -i * 1e306)},{(i % 2 == 0 ? "p" : "q")}\n");
        }
        File.WriteAllText(folder["big.csv"], text.ToString());

        CliRun train = CliRun.Of("train", "--csv", folder["big.csv"], "--target", "y", "--epochs", "3", "--out", folder["m.json"]);
        CliRun predict = CliRun.Of("predict", "--model", folder["m.json"], "--csv", folder["big.csv"]);

        Assert.Equal(0, train.ExitCode);
        Assert.Equal(0, predict.ExitCode);
        Assert.Empty(predict.Error);
    }

    [Fact]
    public static void Split_ClassesTooSmallToStratify_KeepsThePartSizesAndSaysSo()
    {
        using var folder = new TempFolder();
        var text = new StringBuilder("x,y\n");
        for (int i = 0; i < 2000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i % 7},c{i / 2}\n");
        }
        File.WriteAllText(folder["tiny-classes.csv"], text.ToString());

        CliRun run = CliRun.Of("train", "--csv", folder["tiny-classes.csv"], "--target", "y", "--epochs", "1", "--layers", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1200 for training, 400 for validation, 400 for testing", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"so the split could not be fully stratified: \d+ from the validation rows and \d+ from the test rows of the 1000 classes are missing", run.Output);
    }

    [Fact]
    public static void Evaluate_NoRowWithAFiniteOutput_IsOneSentenceNotAnAccuracyOfNaN()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["data.csv"], "a,y\n" + string.Concat(Enumerable.Range(0, 40).Select(i => FormattableString.Invariant($"{i * 1e-5},{i % 3}.5\n"))));
        Assert.Equal(0, CliRun.Of("train", "--csv", folder["data.csv"], "--target", "y", "--epochs", "2", "--out", folder["m.json"]).ExitCode);
        File.WriteAllText(folder["far.csv"], "a,y\n1e306,1\n-1e306,2\n");

        CliRun run = CliRun.Of("evaluate", "--model", folder["m.json"], "--csv", folder["far.csv"]);

        run.AssertUsageError("none of its 2 rows gives a finite output");
    }
}
