using MicroNet.Loss;
using MicroNet.Nn;
using MicroNet.Training;

namespace MicroNet.Cli.Examples;

/// <summary>
/// The notebook's training job: a tanh <c>Mlp(3, [4, 4, 1])</c> fitted to four samples with the sum of squared
/// errors and plain gradient descent. <c>micronet train</c> runs it when given no dataset, and <c>micronet graph</c>
/// draws its hand-built neuron.
/// </summary>
internal static class NotebookExample
{
    /// <summary>The seed of the default run.</summary>
    public const int DefaultSeed = 42;

    /// <summary>The default number of gradient-descent steps.</summary>
    public const int DefaultSteps = 50;

    /// <summary>The default learning rate.</summary>
    public const double DefaultLearningRate = 0.05;

    /// <summary>The bias of <see cref="Neuron"/>, which makes <c>n</c> 0.8814 and <c>o</c> 0.7071.</summary>
    public const double NeuronBias = 6.8813735870195432;

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

    /// <summary>The notebook's untrained network: 3 inputs, layers of 4, 4 and 1 neurons, tanh everywhere.</summary>
    /// <param name="seed">Seeds the initial weights, drawn uniformly from [-1, 1].</param>
    public static Mlp CreateModel(int seed = DefaultSeed) => new(3, [4, 4, 1], seed);

    /// <summary>
    /// Trains a fresh network (<see cref="CreateModel"/>): each step runs the forward pass, the loss, zeroes the gradients, runs backward and
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
        Mlp model = CreateModel(seed);
        var step = new FullBatchStep(Engine.Eager, model, learningRate, m => Loss(m, out _));
        var losses = new List<double>();
        for (int i = 0; i < steps; i++)
        {
            losses.Add(step.Step());
            onStep?.Invoke(i, losses[i]);
            if (!double.IsFinite(losses[i]))
            {
                // As a dataset run does: a NaN loss only gives NaN gradients from here on.
                return new NotebookRun(model, losses, losses[i], []) { Divergence = new TrainingDivergence(1, i + 1, losses[i], learningRate) };
            }
        }
        Value finalLoss = Loss(model, out Value[] predictions);
        return new NotebookRun(model, losses, finalLoss.Data, [.. predictions.Select(p => p.Data)]);
    }

    /// <summary>
    /// The notebook's hand-built neuron, <c>o = tanh(x1 * w1 + x2 * w2 + b)</c>, after <c>o.Backward()</c>: every value
    /// is labelled as in the notebook (<c>x1</c>, <c>w1</c>, <c>x1*w1</c>, <c>x1*w1 + x2*w2</c>, <c>n</c>, <c>o</c>, ...) and holds
    /// its gradient, ready to draw.
    /// </summary>
    /// <returns>The output <c>o</c>; its graph reaches every other value.</returns>
    public static Value Neuron()
    {
        Value o = BuildNeuron();
        o.Backward();
        return o;
    }

    /// <summary>
    /// The notebook's hand-built neuron before backward, labelled as in the notebook. The bias is chosen so that <c>n</c>
    /// is 0.8814 and <c>o</c> is 0.7071.
    /// </summary>
    public static Value BuildNeuron()
    {
        var x1 = new Value(2.0, "x1");
        var x2 = new Value(0.0, "x2");
        var w1 = new Value(-3.0, "w1");
        var w2 = new Value(1.0, "w2");
        var b = new Value(NeuronBias, "b");
        Value x1w1 = x1 * w1;
        x1w1.Label = "x1*w1";
        Value x2w2 = x2 * w2;
        x2w2.Label = "x2*w2";
        Value x1w1x2w2 = x1w1 + x2w2;
        x1w1x2w2.Label = "x1*w1 + x2*w2";
        Value n = x1w1x2w2 + b;
        n.Label = "n";
        Value o = n.Tanh();
        o.Label = "o";
        return o;
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
internal sealed record NotebookRun(Mlp Model, IReadOnlyList<double> StepLosses, double FinalLoss, IReadOnlyList<double> Predictions)
{
    /// <summary>The step whose loss was NaN or infinite, where the run stopped; null if every step's loss was finite.</summary>
    public TrainingDivergence? Divergence { get; init; }
}
