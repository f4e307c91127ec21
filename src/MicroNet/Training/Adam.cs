namespace MicroNet.Training;

/// <summary>
/// Adam (Kingma and Ba, 2015) with PyTorch's defaults and formulas (<c>torch.optim.Adam</c>, amsgrad off). Weight
/// decay, if any, is L2 added to the gradient; for decoupled weight decay use <see cref="AdamW"/>.
/// </summary>
/// <remarks>
/// At step <c>t</c> (from 1), per parameter: <c>g = p.Grad + weightDecay * p.Data</c>;
/// <c>m = beta1 * m + (1 - beta1) * g</c>; <c>v = beta2 * v + (1 - beta2) * g ** 2</c>;
/// <c>m_hat = m / (1 - beta1 ** t)</c>; <c>v_hat = v / (1 - beta2 ** t)</c>;
/// <c>p.Data -= learningRate * m_hat / (sqrt(v_hat) + epsilon)</c>. The moments start at 0 and live in the optimizer.
/// A NaN gradient makes the parameter and its moments NaN from then on.
/// </remarks>
public sealed class Adam : IOptimizer
{
    /// <summary>PyTorch's default learning rate, 0.001.</summary>
    public const double DefaultLearningRate = 1e-3;

    /// <summary>PyTorch's default weight decay for Adam, 0: none.</summary>
    public const double DefaultWeightDecay = 0;

    private readonly Value[] _parameters;
    private readonly AdamMoments _moments;
    private double _learningRate;

    /// <summary>Creates an optimizer for <paramref name="parameters"/>, with PyTorch's defaults for everything else.</summary>
    /// <param name="parameters">The values to update, usually <c>model.Parameters()</c>; each once.</param>
    /// <param name="learningRate">The step size; finite, 0 or more.</param>
    /// <param name="beta1">The decay of the gradient's running mean, in [0, 1).</param>
    /// <param name="beta2">The decay of the squared gradient's running mean, in [0, 1).</param>
    /// <param name="epsilon">Added to the denominator so that it is never 0; finite, 0 or more.</param>
    /// <param name="weightDecay">The L2 factor added to each gradient, <c>g = p.Grad + weightDecay * p.Data</c>; 0 (the default) for none.</param>
    /// <exception cref="ArgumentException">A parameter appears twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range.</exception>
    public Adam(IEnumerable<Value> parameters, double learningRate = DefaultLearningRate, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double weightDecay = DefaultWeightDecay)
    {
        _parameters = OptimizerArguments.Parameters(parameters, nameof(parameters));
        _moments = new AdamMoments(_parameters.Length);
        _learningRate = OptimizerArguments.LearningRate(learningRate, nameof(learningRate));
        Beta1 = OptimizerArguments.Beta(beta1, nameof(beta1));
        Beta2 = OptimizerArguments.Beta(beta2, nameof(beta2));
        Epsilon = OptimizerArguments.NonNegative(epsilon, nameof(epsilon), "epsilon");
        WeightDecay = OptimizerArguments.NonNegative(weightDecay, nameof(weightDecay), "weight decay");
    }

    /// <inheritdoc />
    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptimizerArguments.LearningRate(value, nameof(value));
    }

    /// <summary>The decay of the gradient's running mean (PyTorch's <c>betas[0]</c>).</summary>
    public double Beta1 { get; }

    /// <summary>The decay of the squared gradient's running mean (PyTorch's <c>betas[1]</c>).</summary>
    public double Beta2 { get; }

    /// <summary>Added to <c>sqrt(v_hat)</c> so that the denominator is never 0.</summary>
    public double Epsilon { get; }

    /// <summary>The L2 factor added to each gradient, <c>g = p.Grad + WeightDecay * p.Data</c>.</summary>
    public double WeightDecay { get; }

    /// <summary>How many times <see cref="Step"/> has run: the <c>t</c> of the bias corrections.</summary>
    public int StepCount => _moments.StepCount;

    /// <inheritdoc />
    public IReadOnlyList<Value> Parameters => _parameters;

    /// <summary>Updates the moment estimates from the current gradients and moves every parameter.</summary>
    public void Step() =>
        _moments.Step(_parameters, _learningRate, Beta1, Beta2, Epsilon, WeightDecay, decoupledWeightDecay: false);

    /// <inheritdoc />
    public void ZeroGrad() => OptimizerArguments.ZeroGrad(_parameters);
}
