namespace MicroNet.Nn;

/// <summary>A fully connected layer: <c>outputCount</c> neurons that all see the same inputs.</summary>
public sealed class Layer : Module
{
    private readonly Neuron[] _neurons;

    /// <summary>Creates a layer of <paramref name="outputCount"/> neurons, each with <paramref name="inputCount"/> weights drawn from [-1, 1].</summary>
    public Layer(int inputCount, int outputCount, Random random, Activation activation = Activation.Tanh)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputCount, 1);
        ArgumentNullException.ThrowIfNull(random);
        _neurons = new Neuron[outputCount];
        for (int i = 0; i < outputCount; i++)
        {
            _neurons[i] = new Neuron(inputCount, random, activation);
        }
    }

    /// <summary>Creates a layer from existing neurons (for example built from saved weights), in output order.</summary>
    /// <exception cref="ArgumentException">There are no neurons, or they differ in input count or activation.</exception>
    public Layer(IReadOnlyList<Neuron> neurons)
    {
        ArgumentNullException.ThrowIfNull(neurons);
        if (neurons.Count == 0)
        {
            throw new ArgumentException("A layer needs at least one neuron.", nameof(neurons));
        }
        _neurons = [.. neurons];
        for (int i = 0; i < _neurons.Length; i++)
        {
            Neuron neuron = _neurons[i] ?? throw new ArgumentException($"Neuron {i} is null.", nameof(neurons));
            if (neuron.InputCount != _neurons[0].InputCount || neuron.Activation != _neurons[0].Activation)
            {
                throw new ArgumentException(
                    $"Neuron {i} is {neuron} but neuron 0 is {_neurons[0]}; a layer's neurons share input count and activation.", nameof(neurons));
            }
        }
    }

    /// <summary>The neurons, in output order.</summary>
    public IReadOnlyList<Neuron> Neurons => _neurons;

    /// <summary>How many inputs each neuron takes.</summary>
    public int InputCount => _neurons[0].InputCount;

    /// <summary>How many outputs (neurons) the layer has.</summary>
    public int OutputCount => _neurons.Length;

    /// <summary>The activation every neuron of this layer applies.</summary>
    public Activation Activation => _neurons[0].Activation;

    /// <summary>How the neurons build their weighted sums; setting it sets every neuron's.</summary>
    public NeuronForm Form
    {
        get => _neurons[0].Form;
        set
        {
            foreach (Neuron neuron in _neurons)
            {
                neuron.Form = value;
            }
        }
    }

    /// <summary>Runs every neuron on <paramref name="inputs"/>; one output per neuron.</summary>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> does not have <see cref="InputCount"/> values.</exception>
    public IReadOnlyList<Value> Forward(IReadOnlyList<Value> inputs)
    {
        Neuron.CheckInputCount(inputs, InputCount);
        var outputs = new Value[_neurons.Length];
        for (int i = 0; i < _neurons.Length; i++)
        {
            outputs[i] = _neurons[i].Forward(inputs);
        }
        return outputs;
    }

    /// <inheritdoc />
    public override IReadOnlyList<Value> Parameters()
    {
        var parameters = new List<Value>(_neurons.Length * (InputCount + 1));
        foreach (Neuron neuron in _neurons)
        {
            parameters.AddRange(neuron.Parameters());
        }
        return parameters;
    }

    /// <summary>For example <c>Layer(3 -> 4 tanh)</c>.</summary>
    public override string ToString() => $"Layer({InputCount} -> {OutputCount} {Activation.ToName()})";
}
