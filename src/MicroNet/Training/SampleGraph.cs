using MicroNet.Compiled;
using MicroNet.Data;
using MicroNet.Loss;
using MicroNet.Nn;

namespace MicroNet.Training;

/// <summary>
/// One sample's loss term as a compiled graph whose shape does not depend on the sample: the features and the encoded
/// target are constant leaves whose slots are rewritten for each sample, so one capture serves every sample of every
/// batch. Each worker thread has its own; they share the model's parameter leaves, which they only read.
/// </summary>
/// <remarks>
/// The term is the loss's own <see cref="LossFunction.Term"/>, the one the eager trainer builds per sample, so a replay
/// gives the eager numbers.
/// </remarks>
internal sealed class SampleGraph
{
    private readonly CompiledGraph _graph;
    private readonly int[] _inputSlots;
    private readonly int _firstInputSlot;
    private readonly int[] _targetSlots;
    private readonly double[] _encodedTarget;
    private readonly int[] _outputSlots;
    private readonly LossFunction _loss;
    private readonly double[] _grad;

    public SampleGraph(Mlp model, LossFunction loss, IReadOnlyList<Value>? parameters)
    {
        _loss = loss;
        Value[] inputs = Constants(model.InputCount);
        IReadOnlyList<Value> outputs = model.Forward(inputs);
        Value[] targets = Constants(loss.TargetCount(outputs.Count));
        _graph = CompiledGraph.Capture(loss.Term(outputs, targets), parameters, batching: true);
        _grad = new double[_graph.NodeCount];
        _inputSlots = _graph.SlotsOf(inputs);
        _firstInputSlot = _inputSlots.Select((slot, i) => slot - i).Distinct().Count() == 1 ? _inputSlots[0] : -1;
        _targetSlots = _graph.SlotsOf(targets);
        _encodedTarget = new double[targets.Length];
        _outputSlots = _graph.SlotsOf(outputs);
    }

    /// <summary>How many outputs the model has.</summary>
    public int OutputCount => _outputSlots.Length;

    /// <summary>Reads the parameters' current values; call once per step, before the samples.</summary>
    public void LoadParameters() => _graph.LoadLeaves();

    /// <summary>Runs sample <paramref name="row"/> of <paramref name="data"/> forward: its loss term, and the outputs in <paramref name="outputs"/>.</summary>
    public double Forward(Dataset data, int row, Span<double> outputs)
    {
        double[] slots = _graph.SlotData;
        IReadOnlyList<double> features = data.Features[row];
        if (_firstInputSlot >= 0 && features is double[] array)
        {
            array.CopyTo(slots, _firstInputSlot);
        }
        else
        {
            for (int j = 0; j < _inputSlots.Length; j++)
            {
                slots[_inputSlots[j]] = features[j];
            }
        }
        _loss.EncodeTarget(data.Targets[row], _encodedTarget);
        for (int j = 0; j < _targetSlots.Length; j++)
        {
            slots[_targetSlots[j]] = _encodedTarget[j];
        }
        _graph.ForwardLoaded();
        for (int i = 0; i < _outputSlots.Length; i++)
        {
            outputs[i] = slots[_outputSlots[i]];
        }
        return _graph.Output;
    }

    /// <summary>Backward from the last <see cref="Forward"/>, the loss term's gradient being <paramref name="scale"/>; adds into <paramref name="gradients"/> (parameter order).</summary>
    public void Backward(Span<double> gradients, double scale)
    {
        gradients.CopyTo(_grad);
        _graph.BackwardInto(_grad, scale);
        _grad.AsSpan(0, gradients.Length).CopyTo(gradients);
    }

    private static Value[] Constants(int count) => [.. Enumerable.Range(0, count).Select(_ => Value.Constant(0))];
}
