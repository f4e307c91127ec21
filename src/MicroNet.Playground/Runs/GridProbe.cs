using MicroNet.Compiled;
using MicroNet.Data;
using MicroNet.Nn;

namespace MicroNet.Playground.Runs;

/// <summary>
/// Every neuron's output at every cell of the view's grid, for the boundary heatmap and the neurons' own heatmaps. The
/// network is run once on constant inputs, every neuron's output is gathered under one sum, and that graph is captured
/// (<see cref="CompiledGraph"/>); each cell then writes its inputs and replays it, with the ops' own definitions, no new
/// objects and the network's current weights.
/// </summary>
internal sealed class GridProbe
{
    private readonly Value[] _inputs;
    private readonly Value[] _neurons;
    private readonly CompiledGraph _graph;
    private readonly double[][] _cellInputs;

    /// <param name="network">The network; the probe reads its weights at each <see cref="Evaluate"/>.</param>
    /// <param name="view">The rectangle the grid covers.</param>
    /// <param name="size">The grid's cells on each side.</param>
    /// <param name="features">The network's inputs, computed from each cell centre.</param>
    /// <param name="standardizer">Standardises the inputs as training did.</param>
    public GridProbe(Mlp network, ViewBox view, int size, IReadOnlyList<InputFeature> features, Standardizer standardizer)
    {
        _inputs = [.. Enumerable.Range(0, network.InputCount).Select(_ => Value.Constant(0))];
        var neurons = new List<Value>();
        IReadOnlyList<Value> x = _inputs;
        foreach (Layer layer in network.Layers)
        {
            x = layer.Forward(x);
            neurons.AddRange(x);
        }
        _neurons = [.. neurons];
        OutputCount = network.OutputCount;
        _graph = CompiledGraph.Capture(Value.Sum(_neurons));
        Size = size;
        _cellInputs = new double[size * size][];
        for (int row = 0; row < size; row++)
        {
            for (int column = 0; column < size; column++)
            {
                (double cx, double cy) = view.CellCenter(column, row, size);
                _cellInputs[row * size + column] = standardizer.Transform(InputFeature.Row(features, cx, cy));
            }
        }
    }

    /// <summary>The grid's cells on each side; cells are numbered row by row from the top left.</summary>
    public int Size { get; }

    /// <summary>How many neurons each cell reports: every hidden neuron, layer by layer, then the outputs.</summary>
    public int NeuronCount => _neurons.Length;

    /// <summary>How many of the last neurons are the network's outputs.</summary>
    public int OutputCount { get; }

    /// <summary>Fills <c>values[cell * NeuronCount + k]</c> with neuron <c>k</c>'s output at each cell.</summary>
    public void Evaluate(double[] values)
    {
        int n = _neurons.Length;
        for (int cell = 0; cell < _cellInputs.Length; cell++)
        {
            double[] inputs = _cellInputs[cell];
            for (int j = 0; j < inputs.Length; j++)
            {
                _inputs[j].Data = inputs[j];
            }
            _graph.Forward();
            _graph.CopyToValues();
            for (int k = 0; k < n; k++)
            {
                values[cell * n + k] = _neurons[k].Data;
            }
        }
    }
}
