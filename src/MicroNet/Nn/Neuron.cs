namespace MicroNet.Nn;

/// <summary>One neuron: <c>activation(w · x + b)</c>.</summary>
public sealed class Neuron : Module
{
    private readonly Value[] _weights;

    /// <summary>Creates a neuron with <paramref name="inputCount"/> weights and a bias, each drawn uniformly from [-1, 1].</summary>
    /// <param name="inputCount">How many inputs the neuron takes (at least 1).</param>
    /// <param name="random">The source of the initial weights; the same seed gives the same neuron.</param>
    /// <param name="activation">The nonlinearity applied to the weighted sum.</param>
    public Neuron(int inputCount, Random random, Activation activation = Activation.Tanh)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputCount, 1);
        ArgumentNullException.ThrowIfNull(random);
        _weights = new Value[inputCount];
        for (int i = 0; i < inputCount; i++)
        {
            _weights[i] = new Value(Uniform(random));
        }
        Bias = new Value(Uniform(random));
        Activation = activation;
    }

    /// <summary>Creates a neuron with the given weights and bias, for example ones read from a model file.</summary>
    /// <param name="weights">One weight per input (at least 1); each becomes a new parameter.</param>
    /// <param name="bias">The bias.</param>
    /// <param name="activation">The nonlinearity applied to the weighted sum.</param>
    public Neuron(IReadOnlyList<double> weights, double bias, Activation activation = Activation.Tanh)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfLessThan(weights.Count, 1, nameof(weights));
        _weights = new Value[weights.Count];
        for (int i = 0; i < _weights.Length; i++)
        {
            _weights[i] = new Value(weights[i]);
        }
        Bias = new Value(bias);
        Activation = activation;
    }

    /// <summary>The weights, one per input.</summary>
    public IReadOnlyList<Value> Weights => _weights;

    /// <summary>The bias added to the weighted sum.</summary>
    public Value Bias { get; }

    /// <summary>The nonlinearity applied to the weighted sum.</summary>
    public Activation Activation { get; }

    /// <summary>How the weighted sum is built in the graph; see <see cref="NeuronForm"/>.</summary>
    public NeuronForm Form { get; set; } = NeuronForm.Fused;

    /// <summary>How many inputs the neuron takes.</summary>
    public int InputCount => _weights.Length;

    /// <summary>Computes <c>activation(w · x + b)</c>, building its graph.</summary>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> does not have <see cref="InputCount"/> values.</exception>
    public Value Forward(IReadOnlyList<Value> inputs)
    {
        CheckInputCount(inputs, _weights.Length);
        Value sum;
        if (Form == NeuronForm.Fused)
        {
            sum = Value.Dot(_weights, inputs) + Bias;
        }
        else
        {
            sum = Bias;
            for (int i = 0; i < _weights.Length; i++)
            {
                sum += _weights[i] * inputs[i];
            }
        }
        return Activation.Apply(sum);
    }

    /// <inheritdoc />
    public override IReadOnlyList<Value> Parameters() => [.. _weights, Bias];

    /// <summary>For example <c>Neuron(3 inputs, tanh)</c>.</summary>
    public override string ToString() => $"Neuron({InputCount} inputs, {Activation.ToName()})";

    internal static void CheckInputCount(IReadOnlyList<Value> inputs, int expected)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count != expected)
        {
            throw new ArgumentException($"Expected {expected} inputs but got {inputs.Count}.", nameof(inputs));
        }
    }

    private static double Uniform(Random random) => random.NextDouble() * 2 - 1;
}
