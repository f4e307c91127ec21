namespace MicroNet.Training;

/// <summary>
/// Stochastic gradient descent: <c>p.Data -= learningRate * p.Grad</c> for every parameter, optionally with momentum.
/// </summary>
/// <remarks>
/// With momentum <c>m</c>, each parameter keeps a velocity <c>v = m * v + p.Grad</c> and moves by
/// <c>learningRate * v</c>, as PyTorch's <c>torch.optim.SGD</c> does.
/// </remarks>
public sealed class Sgd
{
    private readonly Value[] _parameters;
    private readonly double[] _velocity;
    private double _learningRate;

    /// <summary>Creates an optimizer for <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The values to update, usually <c>model.Parameters()</c>.</param>
    /// <param name="learningRate">The step size; positive and finite.</param>
    /// <param name="momentum">The momentum factor in [0, 1); 0 (the default) is plain gradient descent.</param>
    public Sgd(IEnumerable<Value> parameters, double learningRate, double momentum = 0)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = [.. parameters];
        _velocity = new double[_parameters.Length];
        LearningRate = learningRate;
        if (!(momentum >= 0 && momentum < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must be at least 0 and below 1.");
        }
        Momentum = momentum;
    }

    /// <summary>The step size. Settable, so a schedule can change it between steps.</summary>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            if (!(value > 0 && double.IsFinite(value)))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be a positive, finite number.");
            }
            _learningRate = value;
        }
    }

    /// <summary>The momentum factor; 0 for plain gradient descent.</summary>
    public double Momentum { get; }

    /// <summary>The parameters this optimizer updates.</summary>
    public IReadOnlyList<Value> Parameters => _parameters;

    /// <summary>Moves every parameter against its gradient.</summary>
    public void Step()
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            Value p = _parameters[i];
            double direction = p.Grad;
            if (Momentum != 0)
            {
                _velocity[i] = Momentum * _velocity[i] + p.Grad;
                direction = _velocity[i];
            }
            p.Data -= _learningRate * direction;
        }
    }

    /// <summary>Sets every parameter's gradient to 0. Call it before each backward pass: gradients accumulate.</summary>
    public void ZeroGrad()
    {
        foreach (Value p in _parameters)
        {
            p.Grad = 0;
        }
    }
}
