namespace MicroNet.Models;

/// <summary>What a model's network outputs mean, which decides how they become a prediction (and which loss trains them).</summary>
public enum ModelOutput
{
    /// <summary>
    /// One logit per class (train with <c>Losses.CrossEntropy</c>): the class is the largest, probabilities are
    /// <c>softmax(z)[k] = exp(z[k]) / sum(exp(z))</c>.
    /// </summary>
    Softmax,

    /// <summary>
    /// Two classes, one logit <c>z</c> (train with <c>Losses.BinaryCrossEntropyWithLogits</c>): the probability of class 1
    /// is <c>sigmoid(z)</c>; the class is 1 when <c>z &gt; 0</c>.
    /// </summary>
    Sigmoid,

    /// <summary>
    /// Two classes, one score <c>s</c> with labels -1 and +1 (train with <c>Losses.Hinge</c>, micrograd's demo): the
    /// class is 1 when <c>s &gt; 0</c>; there is no probability.
    /// </summary>
    Margin,

    /// <summary>
    /// Regression, one output <c>y</c> (train with <c>Losses.Mse</c>): the prediction is <c>mean + standardDeviation * y</c>
    /// with the model's <see cref="TargetScaling"/> (0 and 1 unless the targets were standardised for training).
    /// </summary>
    Value,
}
