using MicroNet.Compiled;

namespace MicroNet.Models;

/// <summary>
/// Predicts many rows with one <see cref="Model"/>: its network captured once as a compiled graph with input leaves whose
/// numbers are rewritten per row, so no graph is built per row. Create one with <see cref="Model.CreatePredictor"/>.
/// </summary>
public sealed class ModelPredictor
{
    private readonly Model _model;
    private readonly CompiledGraph _graph;
    private readonly int[] _inputSlots;
    private readonly int[] _outputSlots;
    private readonly double[] _outputs;

    internal ModelPredictor(Model model)
    {
        _model = model;
        Value[] inputs = [.. Enumerable.Range(0, model.Network.InputCount).Select(_ => Value.Constant(0))];
        IReadOnlyList<Value> outputs = model.Network.Forward(inputs);
        // One root that reaches every output, so that a single capture holds them all.
        _graph = CompiledGraph.Capture(outputs.Count == 1 ? outputs[0] : Value.Sum(outputs));
        _graph.LoadLeaves();
        _inputSlots = _graph.SlotsOf(inputs);
        _outputSlots = _graph.SlotsOf(outputs);
        _outputs = new double[outputs.Count];
    }

    /// <summary>Predicts from encoded features (not yet standardised), as <see cref="Model.Predict(IReadOnlyList{double})"/> does.</summary>
    /// <exception cref="ArgumentException"><paramref name="features"/> does not have the schema's feature count.</exception>
    public Prediction Predict(IReadOnlyList<double> features)
    {
        double[] standardized = _model.Schema.Standardize(features);
        double[] slots = _graph.SlotData;
        for (int i = 0; i < _inputSlots.Length; i++)
        {
            slots[_inputSlots[i]] = standardized[i];
        }
        _graph.ForwardLoaded();
        for (int k = 0; k < _outputs.Length; k++)
        {
            _outputs[k] = slots[_outputSlots[k]];
        }
        return _model.Decide([.. _outputs]);
    }
}
