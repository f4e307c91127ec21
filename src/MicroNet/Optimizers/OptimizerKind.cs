using System.Globalization;

namespace MicroNet.Optimizers;

/// <summary>The optimizers that can be created by name, as <c>micronet train --optimizer</c> does.</summary>
public enum OptimizerKind
{
    /// <summary><see cref="Optimizers.Sgd"/>: gradient descent, optionally with momentum and (L2) weight decay.</summary>
    Sgd,

    /// <summary><see cref="Optimizers.Adam"/>, with L2 weight decay if any.</summary>
    Adam,

    /// <summary><see cref="Optimizers.Adam"/> with decoupled weight decay (AdamW), 0.01 by default.</summary>
    AdamW,
}

/// <summary>Names an <see cref="OptimizerKind"/> and creates its <see cref="IOptimizer"/>.</summary>
public static class OptimizerKindExtensions
{
    /// <summary>The learning rate every kind uses when none is given: PyTorch's default, 0.001.</summary>
    public const double DefaultLearningRate = 1e-3;

    /// <summary>The names on the command line and in summaries: <c>sgd</c>, <c>adam</c>, <c>adamw</c>.</summary>
    public static NameTable<OptimizerKind> Names { get; } = new("optimizer",
        (OptimizerKind.Sgd, "sgd"), (OptimizerKind.Adam, "adam"), (OptimizerKind.AdamW, "adamw"));

    /// <summary>The name of <paramref name="kind"/> in <see cref="Names"/>, such as <c>adam</c>.</summary>
    public static string ToName(this OptimizerKind kind) => Names.NameOf(kind);

    /// <summary>Whether <paramref name="kind"/> takes a momentum factor: only <see cref="OptimizerKind.Sgd"/> does (Adam keeps its own running mean, beta1).</summary>
    public static bool HasMomentum(this OptimizerKind kind) => kind == OptimizerKind.Sgd;

    /// <summary>Creates an optimizer of <paramref name="kind"/> for <paramref name="parameters"/>.</summary>
    /// <param name="kind">Which optimizer.</param>
    /// <param name="parameters">The values to update, usually <c>model.Parameters()</c>.</param>
    /// <param name="learningRate">The step size; <see cref="DefaultLearningRate"/> if null.</param>
    /// <param name="momentum">For <see cref="OptimizerKind.Sgd"/> only: the momentum factor in [0, 1); 0 for none.</param>
    /// <param name="weightDecay">The weight decay; if null, PyTorch's default for the kind: 0 for Sgd and Adam, 0.01 for AdamW.</param>
    /// <exception cref="ArgumentException">Momentum is given for Adam or AdamW (they have <c>beta1</c> instead).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range, or the kind is not defined.</exception>
    public static IOptimizer Create(this OptimizerKind kind, IEnumerable<Value> parameters, double? learningRate = null, double momentum = 0,
        double? weightDecay = null)
    {
        double rate = learningRate ?? DefaultLearningRate;
        if (!kind.HasMomentum() && momentum != 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Momentum applies to sgd only; {kind.ToName()} keeps its own running mean of the gradient (beta1)."), nameof(momentum));
        }
        return kind switch
        {
            OptimizerKind.Sgd => new Sgd(parameters, rate, momentum, weightDecay ?? 0),
            OptimizerKind.Adam => new Adam(parameters, rate, weightDecay: weightDecay),
            OptimizerKind.AdamW => new Adam(parameters, rate, weightDecay: weightDecay, decoupledWeightDecay: true),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Unknown optimizer; the optimizers are {Names.Choices}."),
        };
    }

    /// <summary>
    /// A factory for <c>TrainingOptions.Optimizer</c> that calls <see cref="Create"/>. The settings are checked now, not
    /// when training starts.
    /// </summary>
    /// <exception cref="ArgumentException">Momentum is given for Adam or AdamW.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range.</exception>
    public static Func<IReadOnlyList<Value>, IOptimizer> Factory(this OptimizerKind kind, double? learningRate = null, double momentum = 0,
        double? weightDecay = null)
    {
        _ = kind.Create([], learningRate, momentum, weightDecay);
        return parameters => kind.Create(parameters, learningRate, momentum, weightDecay);
    }
}
