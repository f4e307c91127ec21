using System.Text.Json.Nodes;
using MicroNet.Models;
using MicroNet.Tests.Support;

namespace MicroNet.Tests.Cli;

/// <summary>
/// The list of mistakes a new user makes with <c>micronet train --csv</c>, each tried with <c>--out</c> and
/// <c>--plots</c>: one sentence naming the file, line, column or option, exit code 2, and nothing written.
/// </summary>
public static class BadInputTests
{
    private const string GoodCsv = "a,b,y\n1,2,yes\n2,1,no\n3,5,yes\n4,2,no\n5,6,yes\n6,1,no\n";

    public static TheoryData<string, string?, string[], string[]> Cases => new()
    {
        // name, the CSV's text (null: no file), extra arguments, what the one line must contain
        { "missing file", null, [], ["data.csv", "does not exist"] },
        { "empty file", "", [], ["data.csv", "empty"] },
        { "header only", "a,b,y\n", [], ["data.csv", "no data rows"] },
        { "unknown target", GoodCsv, ["--target", "label"], ["data.csv", "'label'"] },
        { "text in a numeric column", "a,b,y\n1,2,yes\n2,1,no\n3,five,yes\n4,2,no\n5,6,yes\n", [], ["data.csv", "line 4", "column 'b'", "five"] },
        { "missing value", "a,b,y\n1,2,yes\n2,,no\n3,5,yes\n4,2,no\n", [], ["data.csv", "line 3", "column 'b'", "--missing drop"] },
        { "missing target value", "a,b,y\n1,2,yes\n2,1,NA\n3,5,yes\n4,2,no\n", [], ["data.csv", "line 3", "column 'y'"] },
        { "bad layers", GoodCsv, ["--layers", "16,,x"], ["--layers", "16,,x"] },
        { "negative epochs", GoodCsv, ["--epochs", "-5"], ["--epochs", "-5"] },
        { "zero learning rate", GoodCsv, ["--learning-rate", "0"], ["--learning-rate", "'0'"] },
        { "csv without target", GoodCsv, ["--no-target"], ["--csv", "--target"] },
        { "dataset and csv", GoodCsv, ["--dataset", "iris"], ["--dataset", "--csv"] },
        { "missing policy", GoodCsv, ["--missing", "ignore"], ["--missing", "ignore"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public static void Train_BadInput_OneLineExitTwoAndNoFiles(string name, string? csv, string[] extra, string[] expected)
    {
        using var folder = new TempFolder();
        if (csv is not null)
        {
            File.WriteAllText(folder["data.csv"], csv);
        }
        List<string> args = ["train", "--csv", folder["data.csv"], "--out", folder["model.json"], "--plots", folder["plots"]];
        if (!extra.Contains("--target") && !extra.Contains("--no-target"))
        {
            args.AddRange(["--target", "y"]);
        }
        args.AddRange(extra.Where(a => a != "--no-target"));

        CliRun run = CliRun.Of([.. args]);

        Assert.True(run.ExitCode == 2, $"{name}: exit code {run.ExitCode}, error '{run.Error}'");
        string line = Assert.Single(run.ErrorLines);
        foreach (string part in expected)
        {
            Assert.Contains(part, line, StringComparison.Ordinal);
        }
        Assert.EndsWith(".", line, StringComparison.Ordinal);
        GraphCommandTests.AssertNoStackTrace(run.Error);
        Assert.Equal(csv is null ? [] : ["data.csv"], folder.Entries());
    }

    [Fact]
    public static void Train_OutIntoAFolderThatDoesNotExist_ExitsTwoBeforeTraining()
    {
        using var folder = new TempFolder();

        CliRun run = CliRun.Of("train", "--dataset", "moons", "--out", Path.Combine(folder.Path, "no-such-folder", "model.json"), "--plots", folder["plots"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        string line = Assert.Single(run.ErrorLines);
        Assert.Contains("--out", line, StringComparison.Ordinal);
        Assert.Contains("no-such-folder", line, StringComparison.Ordinal);
        Assert.Empty(folder.Entries());
    }

    [Theory]
    [InlineData("predict")]
    [InlineData("evaluate")]
    public static void ModelFromAnotherVersion_ExitsTwoWithOneLineAndNoOutput(string command)
    {
        using var folder = new TempFolder();
        ModelFile.Save(TrainedModels.Iris(), folder["model.json"]);
        JsonNode json = JsonNode.Parse(File.ReadAllText(folder["model.json"]))!;
        json["version"] = 3;
        File.WriteAllText(folder["model.json"], json.ToJsonString());
        File.WriteAllText(folder["iris.csv"], "sepal_length,sepal_width,petal_length,petal_width,species\n5.1,3.5,1.4,0.2,setosa\n");
        string[] args = command == "predict"
            ? ["predict", "--model", folder["model.json"], "--csv", folder["iris.csv"], "--out", folder["out.csv"]]
            : ["evaluate", "--model", folder["model.json"], "--csv", folder["iris.csv"]];

        CliRun run = CliRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        string line = Assert.Single(run.ErrorLines);
        Assert.Contains("version 3 model file, but this build of micronet reads version 2 and older", line, StringComparison.Ordinal);
        Assert.Contains(folder["model.json"], line, StringComparison.Ordinal);
        GraphCommandTests.AssertNoStackTrace(run.Error);
        Assert.Equal(["iris.csv", "model.json"], folder.Entries());
    }
}
