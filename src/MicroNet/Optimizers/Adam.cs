namespace MicroNet.Optimizers;

/// <summary>
/// Adam (Kingma and Ba, 2015) with PyTorch's defaults and formulas (<c>torch.optim.Adam</c>, amsgrad off), and with
/// <see cref="DecoupledWeightDecay"/> AdamW (Loshchilov and Hutter, 2019; <c>torch.optim.AdamW</c>).
/// </summary>
/// <remarks>
/// At step <c>t</c> (from 1), per parameter, with <c>g = p.Grad</c>: weight decay either adds to the gradient
/// (<c>g += weightDecay * p.Data</c>, Adam) or, decoupled, shrinks the parameter first
/// (<c>p.Data *= 1 - learningRate * weightDecay</c>, AdamW); then <c>m = beta1 * m + (1 - beta1) * g</c>;
/// <c>v = beta2 * v + (1 - beta2) * g ** 2</c>; <c>m_hat = m / (1 - beta1 ** t)</c>; <c>v_hat = v / (1 - beta2 ** t)</c>;
/// <c>p.Data -= learningRate * m_hat / (sqrt(v_hat) + epsilon)</c>. The moments start at 0 and live in the optimizer.
/// A NaN gradient makes the parameter and its moments NaN from then on.
/// </remarks>
public sealed class Adam : IOptimizer
{
    /// <summary>PyTorch's default learning rate, 0.001.</summary>
    public const double DefaultLearningRate = 1e-3;

    /// <summary>PyTorch's default weight decay for Adam, 0: none.</summary>
    public const double DefaultWeightDecay = 0;

    /// <summary>PyTorch's default weight decay for AdamW (decoupled), 0.01.</summary>
    public const double DefaultDecoupledWeightDecay = 0.01;

    private readonly Value[] _parameters;
    private readonly double[] _mean;
    private readonly double[] _squareMean;
    private double _learningRate;

    /// <summary>Creates an optimizer for <paramref name="parameters"/>, with PyTorch's defaults for everything else.</summary>
    /// <param name="parameters">The values to update, usually <c>model.Parameters()</c>; each once.</param>
    /// <param name="learningRate">The step size; finite, 0 or more.</param>
    /// <param name="beta1">The decay of the gradient's running mean, in [0, 1).</param>
    /// <param name="beta2">The decay of the squared gradient's running mean, in [0, 1).</param>
    /// <param name="epsilon">Added to the denominator so that it is never 0; finite, 0 or more.</param>
    /// <param name="weightDecay">
    /// The weight decay factor; finite, 0 or more. If null, PyTorch's default: 0 for Adam, 0.01 for AdamW (decoupled).
    /// </param>
    /// <param name="decoupledWeightDecay">True for AdamW: decay the parameters apart from the gradient, not through it.</param>
    /// <exception cref="ArgumentException">A parameter appears twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range.</exception>
    public Adam(IEnumerable<Value> parameters, double learningRate = DefaultLearningRate, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double? weightDecay = null, bool decoupledWeightDecay = false)
    {
        _parameters = OptimizerArguments.Parameters(parameters, nameof(parameters));
        _mean = new double[_parameters.Length];
        _squareMean = new double[_parameters.Length];
        _learningRate = OptimizerArguments.LearningRate(learningRate, nameof(learningRate));
        Beta1 = OptimizerArguments.Beta(beta1, nameof(beta1));
        Beta2 = OptimizerArguments.Beta(beta2, nameof(beta2));
        Epsilon = OptimizerArguments.NonNegative(epsilon, nameof(epsilon), "epsilon");
        DecoupledWeightDecay = decoupledWeightDecay;
        WeightDecay = OptimizerArguments.NonNegative(
            weightDecay ?? (decoupledWeightDecay ? DefaultDecoupledWeightDecay : DefaultWeightDecay), nameof(weightDecay), "weight decay");
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

    /// <summary>The weight decay factor: added to the gradient as <c>WeightDecay * p.Data</c>, or with <see cref="DecoupledWeightDecay"/> applied to the parameter.</summary>
    public double WeightDecay { get; }

    /// <summary>True for AdamW: each step multiplies the parameter by <c>1 - LearningRate * WeightDecay</c> before the Adam update.</summary>
    public bool DecoupledWeightDecay { get; }

    /// <summary>How many times <see cref="Step"/> has run: the <c>t</c> of the bias corrections.</summary>
    public int StepCount { get; private set; }

    /// <inheritdoc />
    public IReadOnlyList<Value> Parameters => _parameters;

    /// <summary>Updates the moment estimates from the current gradients and moves every parameter.</summary>
    public void Step()
    {
        StepCount++;
        double biasCorrection1 = 1 - Math.Pow(Beta1, StepCount);
        double biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(Beta2, StepCount));
        // lr * m_hat / (sqrt(v_hat) + eps), arranged as PyTorch does: (lr / bc1) * m / (sqrt(v) / sqrt(bc2) + eps).
        double stepSize = _learningRate / biasCorrection1;
        for (int i = 0; i < _parameters.Length; i++)
        {
            Value p = _parameters[i];
            double g = p.Grad;
            if (WeightDecay != 0)
            {
                if (DecoupledWeightDecay)
                {
                    p.Data *= 1 - _learningRate * WeightDecay;
                }
                else
                {
                    g += WeightDecay * p.Data;
                }
            }
            _mean[i] = Beta1 * _mean[i] + (1 - Beta1) * g;
            _squareMean[i] = Beta2 * _squareMean[i] + (1 - Beta2) * g * g;
            p.Data -= stepSize * _mean[i] / (Math.Sqrt(_squareMean[i]) / biasCorrection2Sqrt + Epsilon);
        }
    }

    /// <inheritdoc />
    public void ZeroGrad() => OptimizerArguments.ZeroGrad(_parameters);
}
