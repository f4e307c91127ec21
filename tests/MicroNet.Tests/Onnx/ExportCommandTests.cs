using MicroNet.Models;
using MicroNet.Nn;
using MicroNet.Tests.Cli;
using MicroNet.Tests.Support;

namespace MicroNet.Tests.Onnx;

public static class ExportCommandTests
{
    private static TempFolder WithModel(ModelOutput output)
    {
        var folder = new TempFolder();
        ModelFile.Save(OnnxTestModels.Build(output, Activation.Tanh), folder["model.json"]);
        return folder;
    }

    [Fact]
    public static void Export_Softmax_WritesTheFileAndSaysWhatItHolds()
    {
        using TempFolder folder = WithModel(ModelOutput.Softmax);

        CliRun run = CliRun.Of("export", "--model", folder["model.json"], "--onnx", folder["model.onnx"], "--probabilities");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Equal(
            $"Wrote '{folder["model.onnx"]}' (ONNX opset 13, float32): input 'input' [N, 7] encoded features, output 'output' [N, 3] class probabilities.",
            run.Output.Trim());
        Assert.Equal(["model.json", "model.onnx"], folder.Entries());
    }

    [Fact]
    public static void Export_Float64_WritesDoubles()
    {
        using TempFolder folder = WithModel(ModelOutput.Value);

        CliRun run = CliRun.Of("export", "--model", folder["model.json"], "--onnx", folder["model.onnx"], "--float64");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("(ONNX opset 13, float64)", run.Output, StringComparison.Ordinal);
        Assert.EndsWith("output 'output' [N, 1] the predicted 'y'.", run.Output.Trim(), StringComparison.Ordinal);
        global::Onnx.ModelProto proto = global::Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(folder["model.onnx"]));
        Assert.Equal((int)global::Onnx.TensorProto.Types.DataType.Double, proto.Graph.Input[0].Type.TensorType.ElemType);
    }

    [Fact]
    public static void Export_MissingModelFile_ExitsTwoWithOneLine()
    {
        using var folder = new TempFolder();

        CliRun run = CliRun.Of("export", "--model", folder["none.json"], "--onnx", folder["m.onnx"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([$"Cannot load model '{folder["none.json"]}': the file does not exist."], run.ErrorLines);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public static void Export_MarginWithProbabilities_ExitsTwoWithOneLine()
    {
        using TempFolder folder = WithModel(ModelOutput.Margin);

        CliRun run = CliRun.Of("export", "--model", folder["model.json"], "--onnx", folder["m.onnx"], "--probabilities");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            ["Cannot export probabilities: a margin (hinge) model gives a score, not a probability; export it without probabilities (the class is 1 where the score is above 0)."],
            run.ErrorLines);
        Assert.Equal(["model.json"], folder.Entries());
    }

    [Fact]
    public static void Export_FolderMissing_ExitsTwoWithOneLineAndNoFile()
    {
        using TempFolder folder = WithModel(ModelOutput.Sigmoid);

        CliRun run = CliRun.Of("export", "--model", folder["model.json"], "--onnx", folder["out/m.onnx"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([$"Option '--onnx': Cannot write '{folder["out/m.onnx"]}': the folder '{folder["out"]}' does not exist."], run.ErrorLines);
        Assert.Equal(["model.json"], folder.Entries());
    }

    [Fact]
    public static void Export_OnnxPathIsAFolder_ExitsTwoAndKeepsTheFolder()
    {
        using TempFolder folder = WithModel(ModelOutput.Sigmoid);
        Directory.CreateDirectory(folder["m.onnx"]);

        CliRun run = CliRun.Of("export", "--model", folder["model.json"], "--onnx", folder["m.onnx"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([$"Option '--onnx': Cannot write '{folder["m.onnx"]}': it is a folder; give a file name inside it."], run.ErrorLines);
        Assert.Equal(["m.onnx", "model.json"], folder.Entries());
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder["m.onnx"]));
    }

    [Fact]
    public static void Export_WithoutOnnx_IsAUsageError()
    {
        using TempFolder folder = WithModel(ModelOutput.Sigmoid);

        CliRun run = CliRun.Of("export", "--model", folder["model.json"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Contains("--onnx", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public static void BareMicronet_NamesExportAmongTheCommands()
    {
        CliRun run = CliRun.Of();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'micronet export'", run.Error, StringComparison.Ordinal);
    }
}
