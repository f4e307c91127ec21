using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
public sealed class Adam : IFlatOptimizer
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

    // Set by BeginStep for the step under way.
    private double _stepSize;
    private double _biasCorrection2Sqrt;

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
        BeginStep();
        double[] data = ArrayPool<double>.Shared.Rent(_parameters.Length), gradients = ArrayPool<double>.Shared.Rent(_parameters.Length);
        for (int i = 0; i < _parameters.Length; i++)
        {
            data[i] = _parameters[i].Data;
            gradients[i] = _parameters[i].Grad;
        }
        Update(0, data.AsSpan(0, _parameters.Length), data, gradients);
        for (int i = 0; i < _parameters.Length; i++)
        {
            _parameters[i].Data = data[i];
        }
        ArrayPool<double>.Shared.Return(data);
        ArrayPool<double>.Shared.Return(gradients);
    }

    void IFlatOptimizer.BeginStep() => BeginStep();

    void IFlatOptimizer.Update(int first, ReadOnlySpan<double> data, Span<double> updated, ReadOnlySpan<double> gradients) =>
        Update(first, data, updated, gradients);

    private void BeginStep()
    {
        StepCount++;
        double biasCorrection1 = 1 - Math.Pow(Beta1, StepCount);
        _biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(Beta2, StepCount));
        // lr * m_hat / (sqrt(v_hat) + eps), arranged as PyTorch does: (lr / bc1) * m / (sqrt(v) / sqrt(bc2) + eps).
        _stepSize = _learningRate / biasCorrection1;
    }

    // Parameters first .. first + data.Length, four at a time (the last few in a padded vector), read from data and written
    // to updated. Every operation is IEEE arithmetic in each lane, so the numbers are those of one parameter at a time.
    private void Update(int first, ReadOnlySpan<double> data, Span<double> updated, ReadOnlySpan<double> gradients)
    {
        int count = data.Length, blocked = count - count % 4;
        var step = new Constants(this);
        ref double p = ref MemoryMarshal.GetReference(data);
        ref double u = ref MemoryMarshal.GetReference(updated);
        ref double g = ref MemoryMarshal.GetReference(gradients);
        ref double m = ref MemoryMarshal.GetReference(_mean.AsSpan(first, count));
        ref double v = ref MemoryMarshal.GetReference(_squareMean.AsSpan(first, count));
        for (nuint i = 0; i < (nuint)blocked; i += 4)
        {
            Vector256<double> mean = Vector256.LoadUnsafe(ref m, i), squareMean = Vector256.LoadUnsafe(ref v, i);
            step.Update(Vector256.LoadUnsafe(ref p, i), Vector256.LoadUnsafe(ref g, i), ref mean, ref squareMean).StoreUnsafe(ref u, i);
            mean.StoreUnsafe(ref m, i);
            squareMean.StoreUnsafe(ref v, i);
        }
        if (blocked < count)
        {
            int rest = count - blocked;
            Span<double> padded = stackalloc double[16];
            data[blocked..].CopyTo(padded);
            gradients[blocked..count].CopyTo(padded[4..]);
            _mean.AsSpan(first + blocked, rest).CopyTo(padded[8..]);
            _squareMean.AsSpan(first + blocked, rest).CopyTo(padded[12..]);
            Vector256<double> mean = Vector256.Create<double>(padded[8..]), squareMean = Vector256.Create<double>(padded[12..]);
            step.Update(Vector256.Create<double>(padded), Vector256.Create<double>(padded[4..]), ref mean, ref squareMean).CopyTo(padded);
            mean.CopyTo(padded[8..]);
            squareMean.CopyTo(padded[12..]);
            padded[..rest].CopyTo(updated[blocked..]);
            padded[8..(8 + rest)].CopyTo(_mean.AsSpan(first + blocked, rest));
            padded[12..(12 + rest)].CopyTo(_squareMean.AsSpan(first + blocked, rest));
        }
    }

    /// <summary>One step's numbers in every lane, and the formulas of the class summary on four parameters.</summary>
    private readonly struct Constants(Adam adam)
    {
        private readonly bool _decay = adam.WeightDecay != 0, _decoupled = adam.DecoupledWeightDecay;
        private readonly Vector256<double> _shrink = Vector256.Create(1 - adam._learningRate * adam.WeightDecay);
        private readonly Vector256<double> _weightDecay = Vector256.Create(adam.WeightDecay);
        private readonly Vector256<double> _beta1 = Vector256.Create(adam.Beta1), _oneMinusBeta1 = Vector256.Create(1 - adam.Beta1);
        private readonly Vector256<double> _beta2 = Vector256.Create(adam.Beta2), _oneMinusBeta2 = Vector256.Create(1 - adam.Beta2);
        private readonly Vector256<double> _stepSize = Vector256.Create(adam._stepSize);
        private readonly Vector256<double> _biasCorrection2Sqrt = Vector256.Create(adam._biasCorrection2Sqrt);
        private readonly Vector256<double> _epsilon = Vector256.Create(adam.Epsilon);

        public Vector256<double> Update(Vector256<double> p, Vector256<double> g, ref Vector256<double> m, ref Vector256<double> v)
        {
            if (_decay)
            {
                if (_decoupled)
                {
                    p *= _shrink;
                }
                else
                {
                    g += _weightDecay * p;
                }
            }
            m = _beta1 * m + _oneMinusBeta1 * g;
            v = _beta2 * v + _oneMinusBeta2 * g * g;
            return p - _stepSize * m / (Vector256.Sqrt(v) / _biasCorrection2Sqrt + _epsilon);
        }
    }

    /// <inheritdoc />
    public void ZeroGrad() => OptimizerArguments.ZeroGrad(_parameters);
}
