using MicroNet.Models;
using MicroNet.Tests.Plots;
using MicroNet.Tests.Support;

namespace MicroNet.Tests.Cli;

/// <summary>What a newcomer meets in the first hour: the notebook's plot, a model without hidden layers, words in the right number, a suggestion for a typo, a model file that says how it was made.</summary>
public static class FirstHourTests
{
    [Fact]
    public static void Notebook_Plots_WritesTheLossCurvePerStep()
    {
        using var folder = new TempFolder();

        CliRun run = CliRun.Of("train", "--steps", "20", "--plots", folder["plots"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Wrote '{folder["plots/curves.png"]}'.", run.Output, StringComparison.Ordinal);
        using PlotImage image = PlotImage.Read(folder["plots/curves.png"]);
        Assert.Equal(400, image.Height);
    }

    [Fact]
    public static void Notebook_SaysWhichLossEachLineShows()
    {
        CliRun run = CliRun.Of("train", "--steps", "1");

        Assert.Contains("1 step, learning rate 0.05", run.Output, StringComparison.Ordinal);
        Assert.Contains("Each step line shows the loss before that step's update.", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"final loss \d\.\d{6} after the last update \(1 step in \d+ ms\)", run.Output);
    }

    [Theory]
    [InlineData("train")]
    [InlineData("predict")]
    [InlineData("evaluate")]
    [InlineData("export")]
    [InlineData("graph")]
    [InlineData("grad")]
    [InlineData("bench")]
    [InlineData("playground")]
    public static void Help_NeverSendsAnInstalledToolsUserToTheSourceTree(string command)
    {
        CliRun run = CliRun.Of(command, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet run", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("src/MicroNet", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("")]
    public static void Layers_None_TrainsAModelWithoutHiddenLayers(string layers)
    {
        CliRun run = CliRun.Of("train", "--dataset", "iris", "--epochs", "1", "--layers", layers);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Mlp(4 -> [3 linear], 15 parameters)", run.Output, StringComparison.Ordinal);
        Assert.Contains(", 1 epoch, batch size", run.Output, StringComparison.Ordinal);
        Assert.Contains("Trained 1 epoch (", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("trian", "'trian' is not a micronet command; did you mean 'train'? ('micronet --help' lists the commands.)")]
    [InlineData("predcit", "'predcit' is not a micronet command; did you mean 'predict'? ('micronet --help' lists the commands.)")]
    [InlineData("frobnicate", "'frobnicate' is not a micronet command. ('micronet --help' lists the commands.)")]
    public static void MistypedCommand_GetsTheNearestOne(string typed, string expected) =>
        Assert.Equal(expected, CliRun.Of(typed).AssertUsageError(typed));

    [Fact]
    public static void ModelFile_RecordsEveryTrainingSettingWithoutEscapedQuotes()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["data.csv"], SampleCsv.ClassificationCsv(60, seed: 2));

        Assert.Equal(0, CliRun.Of("train", "--csv", folder["data.csv"], "--target", "label", "--epochs", "3", "--layers", "5",
            "--optimizer", "sgd", "--momentum", "0.9", "--learning-rate", "0.1", "--l2", "0.001", "--batch-size", "8", "--out", folder["m.json"]).ExitCode);

        string json = File.ReadAllText(folder["m.json"]);
        Assert.DoesNotContain("\\u0027", json, StringComparison.Ordinal);
        Assert.Contains($"\"trainedOn\": \"File '{folder["data.csv"]}', target 'label'\"", json, StringComparison.Ordinal);
        IReadOnlyDictionary<string, string> metadata = ModelFile.Load(folder["m.json"]).Metadata;
        Assert.Equal("5", metadata["hiddenLayers"]);
        Assert.Equal("sgd", metadata["optimizer"]);
        Assert.Equal("0.9", metadata["momentum"]);
        Assert.Equal("0.1", metadata["learningRate"]);
        Assert.Equal("0.001", metadata["l2"]);
        Assert.Equal("8", metadata["batchSize"]);
        Assert.Equal("3", metadata["epochs"]);
        Assert.Equal("bce", metadata["loss"]);
        Assert.Equal("relu", metadata["activation"]);
    }

    [Fact]
    public static void Predict_ColumnInAnotherCase_GetsTheHintTrainGives()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["data.csv"], SampleCsv.ClassificationCsv(40, seed: 2));
        Assert.Equal(0, CliRun.Of("train", "--csv", folder["data.csv"], "--target", "label", "--epochs", "1", "--out", folder["m.json"]).ExitCode);
        File.WriteAllText(folder["new.csv"], "x1,x2,Colour\n1,2,red\n");

        CliRun run = CliRun.Of("predict", "--model", folder["m.json"], "--csv", folder["new.csv"]);

        Assert.EndsWith("did you mean 'Colour' (names are case-sensitive)?", run.AssertUsageError("there is no column 'colour'"), StringComparison.Ordinal);
    }
}
