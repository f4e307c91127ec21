namespace MicroNet.Nn;

/// <summary>A multi-layer perceptron: layers applied one after another.</summary>
/// <example>
/// The notebook's network, three inputs, two hidden layers of four and one output, tanh everywhere:
/// <code>var model = new Mlp(3, [4, 4, 1], seed: 42);</code>
/// </example>
public sealed class Mlp : Module
{
    private readonly Layer[] _layers;

    /// <summary>Creates an MLP whose weights are drawn from [-1, 1] by <paramref name="random"/>.</summary>
    /// <param name="inputCount">How many inputs the network takes.</param>
    /// <param name="layerSizes">The number of neurons in each layer; the last is the output count.</param>
    /// <param name="random">The source of the initial weights; the same seed gives the same network.</param>
    /// <param name="hiddenActivation">The activation of every layer but the last.</param>
    /// <param name="outputActivation">The activation of the last layer.</param>
    public Mlp(int inputCount, IReadOnlyList<int> layerSizes, Random random,
        Activation hiddenActivation = Activation.Tanh, Activation outputActivation = Activation.Tanh)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputCount, 1);
        ArgumentNullException.ThrowIfNull(layerSizes);
        ArgumentNullException.ThrowIfNull(random);
        if (layerSizes.Count == 0)
        {
            throw new ArgumentException("An MLP needs at least one layer.", nameof(layerSizes));
        }
        _layers = new Layer[layerSizes.Count];
        int previous = inputCount;
        for (int i = 0; i < layerSizes.Count; i++)
        {
            if (layerSizes[i] < 1)
            {
                throw new ArgumentException($"Layer {i + 1} has {layerSizes[i]} neurons; every layer needs at least 1.", nameof(layerSizes));
            }
            Activation activation = i == layerSizes.Count - 1 ? outputActivation : hiddenActivation;
            _layers[i] = new Layer(previous, layerSizes[i], random, activation);
            previous = layerSizes[i];
        }
    }

    /// <summary>Creates an MLP whose weights are drawn from [-1, 1] by a <see cref="Random"/> seeded with <paramref name="seed"/>.</summary>
    public Mlp(int inputCount, IReadOnlyList<int> layerSizes, int seed,
        Activation hiddenActivation = Activation.Tanh, Activation outputActivation = Activation.Tanh)
        : this(inputCount, layerSizes, new Random(seed), hiddenActivation, outputActivation)
    {
    }

    /// <summary>Creates an MLP from existing layers, input side first (for example built from saved weights).</summary>
    /// <exception cref="ArgumentException">There are no layers, or a layer's input count is not the previous layer's output count.</exception>
    public Mlp(IReadOnlyList<Layer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
        {
            throw new ArgumentException("An MLP needs at least one layer.", nameof(layers));
        }
        _layers = [.. layers];
        for (int i = 0; i < _layers.Length; i++)
        {
            Layer layer = _layers[i] ?? throw new ArgumentException($"Layer {i + 1} is null.", nameof(layers));
            if (i > 0 && layer.InputCount != _layers[i - 1].OutputCount)
            {
                throw new ArgumentException(
                    $"Layer {i + 1} takes {layer.InputCount} inputs, but layer {i} gives {_layers[i - 1].OutputCount} outputs.", nameof(layers));
            }
        }
    }

    /// <summary>The layers, input side first.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>How many inputs the network takes.</summary>
    public int InputCount => _layers[0].InputCount;

    /// <summary>How many outputs the last layer gives.</summary>
    public int OutputCount => _layers[^1].OutputCount;

    /// <summary>How neurons build their weighted sums; setting it sets every neuron's. See <see cref="NeuronForm"/>.</summary>
    public NeuronForm Form
    {
        get => _layers[0].Form;
        set
        {
            foreach (Layer layer in _layers)
            {
                layer.Form = value;
            }
        }
    }

    /// <summary>Runs the layers in turn; one output per neuron of the last layer.</summary>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> does not have <see cref="InputCount"/> values.</exception>
    public IReadOnlyList<Value> Forward(IReadOnlyList<Value> inputs)
    {
        Neuron.CheckInputCount(inputs, InputCount);
        IReadOnlyList<Value> x = inputs;
        foreach (Layer layer in _layers)
        {
            x = layer.Forward(x);
        }
        return x;
    }

    /// <summary>
    /// Runs the network on plain numbers, wrapping each as a leaf value that does not
    /// <see cref="Value.RequiresGrad">require a gradient</see>, so backward spends no work on the inputs.
    /// </summary>
    public IReadOnlyList<Value> Forward(IReadOnlyList<double> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var values = new Value[inputs.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = new Value(inputs[i]) { RequiresGrad = false };
        }
        return Forward(values);
    }

    /// <summary>The single output of a network whose last layer has one neuron.</summary>
    /// <exception cref="InvalidOperationException">The last layer has more than one neuron.</exception>
    public Value ForwardSingle(IReadOnlyList<Value> inputs)
    {
        if (OutputCount != 1)
        {
            throw new InvalidOperationException($"ForwardSingle needs a network with 1 output, but this one has {OutputCount}; use Forward.");
        }
        return Forward(inputs)[0];
    }

    /// <summary>The single output of a network whose last layer has one neuron, on plain numbers.</summary>
    /// <exception cref="InvalidOperationException">The last layer has more than one neuron.</exception>
    public Value ForwardSingle(IReadOnlyList<double> inputs)
    {
        if (OutputCount != 1)
        {
            throw new InvalidOperationException($"ForwardSingle needs a network with 1 output, but this one has {OutputCount}; use Forward.");
        }
        return Forward(inputs)[0];
    }

    /// <inheritdoc />
    public override IReadOnlyList<Value> Parameters()
    {
        var parameters = new List<Value>();
        foreach (Layer layer in _layers)
        {
            parameters.AddRange(layer.Parameters());
        }
        return parameters;
    }

    /// <summary>A summary such as <c>Mlp(3 -> [4 tanh, 4 tanh, 1 tanh], 41 parameters)</c>.</summary>
    public override string ToString()
    {
        string layers = string.Join(", ", _layers.Select(l => $"{l.OutputCount} {l.Activation.ToName()}"));
        int count = _layers.Sum(l => l.OutputCount * (l.InputCount + 1));
        return $"Mlp({InputCount} -> [{layers}], {count} parameters)";
    }
}
