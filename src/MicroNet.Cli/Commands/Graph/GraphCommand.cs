using System.CommandLine;
using MicroNet.Drawing;
using MicroNet.Cli.Examples;

namespace MicroNet.Cli.Commands.Graph;

/// <summary><c>micronet graph</c>: draws the notebook's example neuron, with its gradients, as the notebook's draw_dot does.</summary>
internal static class GraphCommand
{
    public static Command Create(string dotExecutable)
    {
        Option<string> output = CliOptions.DrawingPath("--out", "The file to draw to; its extension picks the format: .dot (text), .svg or .png (need Graphviz).", required: true);
        Option<RankDirection?> direction = CliOptions.Choice(
            "--direction", "Which way the graph flows: lr (left to right, as in the notebook) or tb (top to bottom). [default: lr]", RankDirectionExtensions.Names);
        Command command = CliOptions.Command("graph", "Draw the notebook's neuron o = tanh(x1*w1 + x2*w2 + b) after backward, with each value's data and grad.",
            [output, direction],
            parseResult =>
            {
                string path = parseResult.GetRequiredValue(output);
                GraphDrawing.Draw(NotebookExample.Neuron(), path, parseResult.GetValue(direction) ?? RankDirection.LeftToRight, dotExecutable);
                parseResult.InvocationConfiguration.Output.WriteLine($"Drew the notebook's neuron to '{path}'.");
                return ExitCodes.Success;
            });
        OutputGuard.Add(command, output);
        return command;
    }
}
