using MicroNet.Data;
using MicroNet.Nn;

namespace MicroNet.Training;

/// <summary>
/// One sample's loss as a compiled graph whose shape does not depend on the sample: the features and the target are
/// constant leaves whose slots are rewritten for each sample, so one capture serves every sample of every batch. Each
/// worker thread has its own; they share the model's parameter leaves, which they only read.
/// </summary>
/// <remarks>
/// The loss term is the one <see cref="Losses"/> builds for a sample, with the target as a leaf instead of a number:
/// mse <c>(y - t) ** 2</c>, hinge <c>relu(1 + (-label) * y)</c>, bce <c>softplus(z) - t * z</c> (also for <c>t = 0</c>,
/// where <see cref="Losses"/> drops the zero term), and cross-entropy <c>logsumexp(z) - dot(onehot, z)</c> instead of
/// <c>logsumexp(z) - z[target]</c>. Adding or multiplying the zeros these forms introduce changes no bit of a finite
/// result, so a replay gives the eager numbers.
/// </remarks>
internal sealed class SampleGraph
{
    private readonly CompiledGraph _graph;
    private readonly int[] _inputSlots;
    private readonly int _firstInputSlot;
    private readonly int[] _targetSlots;
    private readonly int[] _outputSlots;
    private readonly LossKind _loss;

    public SampleGraph(Mlp model, LossKind loss, IReadOnlyList<Value>? parameters)
    {
        _loss = loss;
        Value[] inputs = [.. Enumerable.Range(0, model.InputCount).Select(_ => Value.Constant(0))];
        IReadOnlyList<Value> outputs = model.Forward(inputs);
        Value[] targets = [.. Enumerable.Range(0, loss == LossKind.CrossEntropy ? outputs.Count : 1).Select(_ => Value.Constant(0))];
        Value term = loss switch
        {
            LossKind.Mse => (outputs[0] - targets[0]).Pow(2),
            LossKind.Hinge => (Value.Constant(1) + targets[0] * outputs[0]).Relu(),
            LossKind.BinaryCrossEntropy => outputs[0].Softplus() - targets[0] * outputs[0],
            LossKind.CrossEntropy => Value.LogSumExp(outputs) - Value.Dot(targets, outputs),
            _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Resolve the loss before training."),
        };
        _graph = CompiledGraph.Capture(term);
        if (parameters is not null)
        {
            _graph.BindGradients(parameters);
        }
        _inputSlots = _graph.SlotsOf(inputs);
        _firstInputSlot = _inputSlots.Select((slot, i) => slot - i).Distinct().Count() == 1 ? _inputSlots[0] : -1;
        _targetSlots = _graph.SlotsOf(targets);
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
        double target = data.Targets[row];
        switch (_loss)
        {
            case LossKind.CrossEntropy:
                foreach (int slot in _targetSlots)
                {
                    slots[slot] = 0;
                }
                slots[_targetSlots[(int)target]] = 1;
                break;
            case LossKind.Hinge:
                slots[_targetSlots[0]] = -(2 * target - 1);
                break;
            default:
                slots[_targetSlots[0]] = target;
                break;
        }
        _graph.ForwardLoaded();
        for (int i = 0; i < _outputSlots.Length; i++)
        {
            outputs[i] = slots[_outputSlots[i]];
        }
        return _graph.Output;
    }

    /// <summary>Backward from the last <see cref="Forward"/>, the loss term's gradient being <paramref name="scale"/>; adds into <paramref name="gradients"/> (parameter order).</summary>
    public void Backward(Span<double> gradients, double scale) => _graph.BackwardInto(gradients, scale);

    /// <summary>The class outputs predict, as <see cref="Predictions.ClassOf"/>.</summary>
    public static int ClassOf(ReadOnlySpan<double> outputs)
    {
        if (outputs.Length == 1)
        {
            return outputs[0] > 0 ? 1 : 0;
        }
        int best = 0;
        for (int i = 1; i < outputs.Length; i++)
        {
            if (outputs[i] > outputs[best])
            {
                best = i;
            }
        }
        return best;
    }
}
