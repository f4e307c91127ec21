using System.Globalization;

namespace MicroNet.Training;

/// <summary>The optimizers <see cref="Optimizers"/> can create by name.</summary>
public enum OptimizerKind
{
    /// <summary><see cref="Training.Sgd"/>: gradient descent, optionally with momentum and (L2) weight decay.</summary>
    Sgd,

    /// <summary><see cref="Training.Adam"/>, with L2 weight decay if any.</summary>
    Adam,

    /// <summary><see cref="Training.AdamW"/>, Adam with decoupled weight decay (0.01 by default).</summary>
    AdamW,
}

/// <summary>Creates an <see cref="IOptimizer"/> from an <see cref="OptimizerKind"/> and its settings.</summary>
public static class Optimizers
{
    /// <summary>The learning rate every kind uses when none is given: PyTorch's default, 0.001.</summary>
    public const double DefaultLearningRate = 1e-3;

    /// <summary>Creates an optimizer of <paramref name="kind"/> for <paramref name="parameters"/>.</summary>
    /// <param name="kind">Which optimizer.</param>
    /// <param name="parameters">The values to update, usually <c>model.Parameters()</c>.</param>
    /// <param name="learningRate">The step size; <see cref="DefaultLearningRate"/> if null.</param>
    /// <param name="momentum">For <see cref="OptimizerKind.Sgd"/> only: the momentum factor in [0, 1); 0 for none.</param>
    /// <param name="weightDecay">
    /// The weight decay; if null, PyTorch's default for the kind: 0 for Sgd and Adam, 0.01 for AdamW.
    /// </param>
    /// <exception cref="ArgumentException">Momentum is given for Adam or AdamW (they have <c>beta1</c> instead).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range.</exception>
    public static IOptimizer Create(OptimizerKind kind, IEnumerable<Value> parameters, double? learningRate = null, double momentum = 0,
        double? weightDecay = null)
    {
        double rate = learningRate ?? DefaultLearningRate;
        if (kind != OptimizerKind.Sgd && momentum != 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Momentum applies to Sgd only; {kind} keeps its own running mean of the gradient (beta1)."), nameof(momentum));
        }
        return kind switch
        {
            OptimizerKind.Sgd => new Sgd(parameters, rate, momentum, weightDecay ?? 0),
            OptimizerKind.Adam => new Adam(parameters, rate, weightDecay: weightDecay ?? Adam.DefaultWeightDecay),
            OptimizerKind.AdamW => new AdamW(parameters, rate, weightDecay: weightDecay ?? AdamW.DefaultWeightDecay),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer."),
        };
    }

    /// <summary>
    /// A factory for <see cref="TrainingOptions.Optimizer"/> that calls <see cref="Create"/>. The settings are checked
    /// now, not when training starts.
    /// </summary>
    /// <exception cref="ArgumentException">Momentum is given for Adam or AdamW.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range.</exception>
    public static Func<IReadOnlyList<Value>, IOptimizer> Factory(OptimizerKind kind, double? learningRate = null, double momentum = 0,
        double? weightDecay = null)
    {
        _ = Create(kind, [], learningRate, momentum, weightDecay);
        return parameters => Create(kind, parameters, learningRate, momentum, weightDecay);
    }

    /// <summary>The lower-case name used in summaries and on the command line: <c>sgd</c>, <c>adam</c>, <c>adamw</c>.</summary>
    public static string ToName(this OptimizerKind kind) => kind switch
    {
        OptimizerKind.Sgd => "sgd",
        OptimizerKind.Adam => "adam",
        OptimizerKind.AdamW => "adamw",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer."),
    };
}
