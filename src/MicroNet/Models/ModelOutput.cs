using MicroNet.Data;
using MicroNet.Ops;

namespace MicroNet.Models;

/// <summary>What a model's network outputs mean, which decides how they become a prediction (and which losses train them).</summary>
public enum ModelOutput
{
    /// <summary>
    /// One logit per class (cross-entropy): the class is the largest, probabilities are
    /// <c>softmax(z)[k] = exp(z[k]) / sum(exp(z))</c>.
    /// </summary>
    Softmax,

    /// <summary>
    /// Two classes, one logit <c>z</c> (binary cross-entropy): the probability of class 1 is <c>sigmoid(z)</c>; the class is
    /// 1 when <c>z &gt; 0</c>.
    /// </summary>
    Sigmoid,

    /// <summary>
    /// Two classes, one score <c>s</c> with labels -1 and +1 (hinge, micrograd's demo): the class is 1 when <c>s &gt; 0</c>;
    /// there is no probability.
    /// </summary>
    Margin,

    /// <summary>
    /// Regression, one output <c>y</c> (mse, huber): the prediction is <c>mean + standardDeviation * y</c> with the model's
    /// <see cref="TargetScaling"/> (0 and 1 unless the targets were standardised for training).
    /// </summary>
    Value,
}

/// <summary>
/// The rules an output kind stands for, each written once: its name, the problems it fits, how many network outputs it
/// needs, and how outputs become a class and probabilities. Predictions, training metrics, losses and the model file
/// all read them.
/// </summary>
public static class ModelOutputExtensions
{
    /// <summary>The names model files use: <c>softmax</c>, <c>sigmoid</c>, <c>margin</c>, <c>value</c>.</summary>
    public static NameTable<ModelOutput> Names { get; } = new("model output",
        (ModelOutput.Softmax, "softmax"), (ModelOutput.Sigmoid, "sigmoid"), (ModelOutput.Margin, "margin"), (ModelOutput.Value, "value"));

    /// <summary>
    /// Whether <paramref name="output"/> can answer <paramref name="kind"/>: softmax any classification, sigmoid and margin
    /// two classes, value regression.
    /// </summary>
    public static bool Fits(this ModelOutput output, ProblemKind kind) => output switch
    {
        ModelOutput.Softmax => kind.IsClassification(),
        ModelOutput.Sigmoid or ModelOutput.Margin => kind == ProblemKind.BinaryClassification,
        ModelOutput.Value => kind == ProblemKind.Regression,
        _ => throw new ArgumentOutOfRangeException(nameof(output), output, $"Unknown model output; the outputs are {Names.Choices}."),
    };

    /// <summary>How many network outputs <paramref name="output"/> reads: one per class for softmax, otherwise one.</summary>
    public static int OutputCount(this ModelOutput output, int classCount) => output == ModelOutput.Softmax ? classCount : 1;

    /// <summary>Whether <paramref name="output"/> gives class probabilities: softmax and sigmoid do, margin and value do not.</summary>
    public static bool HasProbabilities(this ModelOutput output) => output is ModelOutput.Softmax or ModelOutput.Sigmoid;

    /// <summary>
    /// The class that network outputs predict: for one output, 1 if it is above 0 (a sigmoid probability above 0.5, a
    /// positive margin) and 0 otherwise; for several, the index of the largest (the first on a tie).
    /// </summary>
    public static int ClassOf(ReadOnlySpan<double> outputs)
    {
        if (outputs.Length == 1)
        {
            return outputs[0] > 0 ? 1 : 0;
        }
        int best = 0;
        for (int i = 1; i < outputs.Length; i++)
        {
            if (outputs[i] > outputs[best])
            {
                best = i;
            }
        }
        return best;
    }

    /// <summary>
    /// One probability per class from network outputs: softmax as <see cref="LogSumExpOp"/> computes its gradient, or
    /// <c>[1 - p, p]</c> with <c>p</c> the stable <see cref="SigmoidOp"/> of the one logit. Empty for margin and value outputs.
    /// </summary>
    public static double[] Probabilities(this ModelOutput output, ReadOnlySpan<double> outputs)
    {
        switch (output)
        {
            case ModelOutput.Softmax:
                var probabilities = new double[outputs.Length];
                LogSumExpOp.Softmax(outputs, probabilities);
                return probabilities;
            case ModelOutput.Sigmoid:
                double p = SigmoidOp.Forward(outputs, 0);
                return [1 - p, p];
            default:
                return [];
        }
    }
}
