namespace MicroNet.Optimizers;

/// <summary>
/// Stochastic gradient descent: <c>p.Data -= learningRate * p.Grad</c> for every parameter, optionally with momentum
/// and weight decay, as PyTorch's <c>torch.optim.SGD</c> (no dampening, no Nesterov).
/// </summary>
/// <remarks>
/// Each step, per parameter: <c>g = p.Grad + weightDecay * p.Data</c>; with momentum <c>m</c>, a velocity
/// <c>v = m * v + g</c> (starting at 0) replaces <c>g</c>; then <c>p.Data -= learningRate * g</c>. A NaN gradient makes
/// the parameter (and, with momentum, its velocity from then on) NaN.
/// </remarks>
public sealed class Sgd : IFlatOptimizer
{
    private readonly Value[] _parameters;
    private readonly double[] _velocity;
    private double _learningRate;

    /// <summary>Creates an optimizer for <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The values to update, usually <c>model.Parameters()</c>; each once.</param>
    /// <param name="learningRate">The step size; finite, 0 or more.</param>
    /// <param name="momentum">The momentum factor in [0, 1); 0 (the default) is plain gradient descent.</param>
    /// <param name="weightDecay">The L2 factor added to each gradient as <c>weightDecay * p.Data</c>; 0 (the default) for none.</param>
    /// <exception cref="ArgumentException">A parameter appears twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range.</exception>
    public Sgd(IEnumerable<Value> parameters, double learningRate, double momentum = 0, double weightDecay = 0)
    {
        _parameters = OptimizerArguments.Parameters(parameters, nameof(parameters));
        _velocity = new double[_parameters.Length];
        _learningRate = OptimizerArguments.LearningRate(learningRate, nameof(learningRate));
        if (!(momentum >= 0 && momentum < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must be at least 0 and below 1.");
        }
        Momentum = momentum;
        WeightDecay = OptimizerArguments.NonNegative(weightDecay, nameof(weightDecay), "weight decay");
    }

    /// <inheritdoc />
    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptimizerArguments.LearningRate(value, nameof(value));
    }

    /// <summary>The momentum factor; 0 for plain gradient descent.</summary>
    public double Momentum { get; }

    /// <summary>The L2 factor added to each gradient before momentum: <c>g = p.Grad + WeightDecay * p.Data</c>.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc />
    public IReadOnlyList<Value> Parameters => _parameters;

    /// <summary>Moves every parameter against its (decayed, momentum-averaged) gradient.</summary>
    public void Step()
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            Value p = _parameters[i];
            double data = p.Data;
            Update(i, ref data, p.Grad);
            p.Data = data;
        }
    }

    void IFlatOptimizer.BeginStep()
    {
    }

    void IFlatOptimizer.Update(int first, ReadOnlySpan<double> data, Span<double> updated, ReadOnlySpan<double> gradients)
    {
        for (int i = 0; i < data.Length; i++)
        {
            double value = data[i];
            Update(first + i, ref value, gradients[i]);
            updated[i] = value;
        }
    }

    // One parameter's update, the formulas of the class summary.
    private void Update(int i, ref double data, double direction)
    {
        if (WeightDecay != 0)
        {
            direction += WeightDecay * data;
        }
        if (Momentum != 0)
        {
            _velocity[i] = Momentum * _velocity[i] + direction;
            direction = _velocity[i];
        }
        data -= _learningRate * direction;
    }

    /// <inheritdoc />
    public void ZeroGrad() => OptimizerArguments.ZeroGrad(_parameters);
}
