using System.CommandLine;
using MicroNet.Models;
using MicroNet.Onnx;

namespace MicroNet.Cli.Commands.Export;

/// <summary><c>micronet export</c>: a saved model as an ONNX file that ONNX Runtime and other tools can run.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        Option<string> model = DataOptions.Model();
        Option<string> onnx = CliOptions.Path(
            "--onnx", "The ONNX file to write (atomically): input 'input' [N, features], output 'output' [N, outputs]; see docs/onnx.md.", required: true);
        Option<bool> float64 = CliOptions.Flag("--float64", "Write the graph in float64 (double), as MicroNet computes, instead of float32.");
        Option<bool> probabilities = CliOptions.Flag(
            "--probabilities", "End the graph with the probabilities (softmax over the classes, or sigmoid for a sigmoid model) instead of the raw outputs.");
        Command command = CliOptions.Command("export", "Export a saved model to ONNX: standardisation, every layer and optionally the probabilities, one graph.",
            [model, onnx, float64, probabilities],
            parseResult => Run(
                parseResult.GetRequiredValue(model),
                parseResult.GetRequiredValue(onnx),
                new OnnxExportOptions
                {
                    Precision = parseResult.GetValue(float64) ? OnnxPrecision.Float64 : OnnxPrecision.Float32,
                    IncludeProbabilities = parseResult.GetValue(probabilities),
                },
                parseResult.InvocationConfiguration.Output));
        OutputGuard.Add(command, onnx, model);
        return command;
    }

    private static int Run(string modelPath, string onnxPath, OnnxExportOptions options, TextWriter output)
    {
        Model model = ModelFile.Load(modelPath);
        OnnxExport.Save(model, onnxPath, options);
        string precision = options.Precision == OnnxPrecision.Float64 ? "float64" : "float32";
        string meaning = model.Output switch
        {
            ModelOutput.Softmax => options.IncludeProbabilities ? "class probabilities" : "class logits",
            ModelOutput.Sigmoid => options.IncludeProbabilities ? $"the probability of '{model.ClassNames[1]}'" : $"the logit of '{model.ClassNames[1]}'",
            ModelOutput.Margin => $"the score of '{model.ClassNames[1]}'",
            _ => $"the predicted '{model.Schema.TargetColumn}'",
        };
        output.WriteLine(FormattableString.Invariant(
            $"Wrote '{onnxPath}' (ONNX opset {OnnxExport.OpsetVersion}, {precision}): input '{OnnxExport.InputName}' [N, {model.Network.InputCount}] encoded features, output '{OnnxExport.OutputName}' [N, {model.Network.OutputCount}] {meaning}."));
        return ExitCodes.Success;
    }
}
