using MicroNet.Models;

namespace MicroNet.Playground.Runs;

/// <summary>
/// How the network's outputs become the heatmaps' colours, from -1 (orange, class 0) through 0 (white) to 1 (blue, class 1),
/// using the model's own output rules (<see cref="ModelOutputExtensions"/>): twice the probability of class 1 minus one
/// for a sigmoid or two-class softmax, the margin clipped to [-1, 1] for hinge, the prediction in target units scaled
/// from the data's range for regression; and for more than two classes, the predicted class and its probability.
/// </summary>
internal sealed class OutputDisplay(ModelOutput output, TargetScaling? scaling, (double Min, double Max) targetRange, int classCount)
{
    /// <summary>Whether the boundary shows a class and a confidence per cell rather than one signed number.</summary>
    public bool Multiclass => output == ModelOutput.Softmax && classCount > 2;

    /// <summary>The signed colour of one cell's outputs; for more than two classes, the confidence of the predicted class.</summary>
    public double Signed(ReadOnlySpan<double> outputs) => output switch
    {
        ModelOutput.Value => Scale(scaling!.Apply(outputs[0])),
        ModelOutput.Margin => Math.Clamp(outputs[0], -1, 1),
        _ when Multiclass => 2 * output.Probabilities(outputs)[ModelOutputExtensions.ClassOf(outputs)] - 1,
        _ => 2 * output.Probabilities(outputs)[1] - 1,
    };

    /// <summary>The class the outputs predict.</summary>
    public static int ClassOf(ReadOnlySpan<double> outputs) => ModelOutputExtensions.ClassOf(outputs);

    /// <summary>The colour of output neuron <paramref name="k"/>'s own heatmap: the cell's colour, or for several outputs the class's probability.</summary>
    public double OutputNeuron(ReadOnlySpan<double> outputs, int k) =>
        outputs.Length == 1 ? Signed(outputs) : 2 * output.Probabilities(outputs)[k] - 1;

    private double Scale(double value) =>
        Math.Clamp(2 * (value - targetRange.Min) / (targetRange.Max - targetRange.Min) - 1, -1, 1);
}
