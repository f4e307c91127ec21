using MicroNet.Nn;

namespace MicroNet.Training;

/// <summary>
/// The notebook's training job: a tanh <c>Mlp(3, [4, 4, 1])</c> fitted to four samples with the sum of squared
/// errors and plain gradient descent. <c>micronet train</c> runs it when given no dataset.
/// </summary>
public static class NotebookExample
{
    /// <summary>The seed of the default run.</summary>
    public const int DefaultSeed = 42;

    /// <summary>The default number of gradient-descent steps.</summary>
    public const int DefaultSteps = 50;

    /// <summary>The default learning rate.</summary>
    public const double DefaultLearningRate = 0.05;

    /// <summary>The notebook's four input rows, three features each.</summary>
    public static IReadOnlyList<IReadOnlyList<double>> Inputs { get; } =
    [
        [2.0, 3.0, -1.0],
        [3.0, -1.0, 0.5],
        [0.5, 1.0, 1.0],
        [1.0, 1.0, -1.0],
    ];

    /// <summary>The notebook's targets, one per input row.</summary>
    public static IReadOnlyList<double> Targets { get; } = [1.0, -1.0, -1.0, 1.0];

    /// <summary>
    /// Trains a fresh network: each step runs the forward pass, the loss, zeroes the gradients, runs backward and
    /// moves every parameter by <c>-learningRate * grad</c>.
    /// </summary>
    /// <param name="steps">How many steps to take (0 or more).</param>
    /// <param name="learningRate">The gradient-descent step size; positive and finite.</param>
    /// <param name="seed">Seeds the initial weights: the same seed gives the identical run.</param>
    /// <param name="onStep">Called after each step with its 0-based index and the loss before the update.</param>
    public static NotebookRun Train(
        int steps = DefaultSteps, double learningRate = DefaultLearningRate, int seed = DefaultSeed, Action<int, double>? onStep = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var model = new Mlp(3, [4, 4, 1], seed);
        var optimizer = new Sgd(model.Parameters(), learningRate);
        var losses = new double[steps];
        for (int step = 0; step < steps; step++)
        {
            Value loss = Loss(model, out _);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
            losses[step] = loss.Data;
            onStep?.Invoke(step, loss.Data);
        }
        Value finalLoss = Loss(model, out Value[] predictions);
        return new NotebookRun(model, losses, finalLoss.Data, [.. predictions.Select(p => p.Data)]);
    }

    /// <summary>The notebook's loss, <c>sum((prediction - target) ** 2)</c>, over the four samples.</summary>
    public static Value Loss(Mlp model, out Value[] predictions)
    {
        ArgumentNullException.ThrowIfNull(model);
        predictions = [.. Inputs.Select(model.ForwardSingle)];
        return Losses.Mse(predictions, Targets, Reduction.Sum);
    }
}

/// <summary>The outcome of <see cref="NotebookExample.Train"/>.</summary>
/// <param name="Model">The trained network.</param>
/// <param name="StepLosses">The loss at each step, before that step's update.</param>
/// <param name="FinalLoss">The loss of the trained network.</param>
/// <param name="Predictions">The trained network's output for each input row.</param>
public sealed record NotebookRun(Mlp Model, IReadOnlyList<double> StepLosses, double FinalLoss, IReadOnlyList<double> Predictions);
