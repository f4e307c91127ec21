using MicroNet.Compiled;
using MicroNet.Data;
using MicroNet.Loss;
using MicroNet.Models;
using MicroNet.Nn;

namespace MicroNet.Training;

/// <summary>
/// The loss terms of a chunk of consecutive samples as one compiled graph, <c>Sum(term[0], ..., term[m - 1])</c>, whose
/// shape does not depend on the samples: their features and encoded targets are constant leaves whose slots are rewritten
/// for each chunk, so one capture serves every chunk of that size. The capture batches the samples' nodes, so each layer's
/// weighted sums across the chunk run as one matrix product.
/// </summary>
/// <remarks>
/// The terms are the loss's own <see cref="LossFunction.Term"/>, the ones the eager trainer builds, and the model's
/// parameters are the graph's first slots, in their order, so that they load and their gradients come out as one block.
/// Each worker thread has its own replica (<see cref="Replica"/>); the replicas share one capture.
/// </remarks>
internal sealed class ChunkGraph
{
    private readonly CompiledGraph _graph;
    private readonly LossFunction _loss;
    private readonly int _featureCount;
    private readonly int[] _inputSlots;
    private readonly bool _inputsConsecutive;
    private readonly int[] _targetSlots;
    private readonly int[] _outputSlots;
    private readonly int[] _termSlots;
    private readonly double[] _encodedTarget;
    private readonly double[] _outputs;

    public ChunkGraph(Mlp model, LossFunction loss, IReadOnlyList<Value> parameters, int samples, bool batching = true)
    {
        _loss = loss;
        _featureCount = model.InputCount;
        Value[][] inputs = [.. Enumerable.Range(0, samples).Select(_ => Constants(model.InputCount))];
        Value[][] targets = [.. Enumerable.Range(0, samples).Select(_ => Constants(loss.TargetCount(model.OutputCount)))];
        IReadOnlyList<Value>[] outputs = [.. inputs.Select(model.Forward)];
        Value[] terms = [.. Enumerable.Range(0, samples).Select(s => loss.Term(outputs[s], targets[s]))];
        _graph = CompiledGraph.Capture(Value.Sum(terms), parameters, batching);
        // One lookup for every node the chunk reads or writes: inputs, targets, outputs, terms.
        int[] slots = _graph.SlotsOf([.. inputs.SelectMany(x => x), .. targets.SelectMany(t => t), .. outputs.SelectMany(o => o), .. terms]);
        int inputCount = samples * model.InputCount, targetCount = samples * targets[0].Length, outputCount = samples * model.OutputCount;
        _inputSlots = slots[..inputCount];
        _inputsConsecutive = Enumerable.Range(0, _inputSlots.Length).All(i => _inputSlots[i] == _inputSlots[0] + i);
        _targetSlots = slots[inputCount..(inputCount + targetCount)];
        _outputSlots = slots[(inputCount + targetCount)..(inputCount + targetCount + outputCount)];
        _termSlots = slots[(inputCount + targetCount + outputCount)..];
        _encodedTarget = new double[targets[0].Length];
        _outputs = new double[model.OutputCount];
        ParameterCount = parameters.Count;
    }

    private ChunkGraph(ChunkGraph source)
    {
        _graph = source._graph.Replica();
        _loss = source._loss;
        _featureCount = source._featureCount;
        _inputSlots = source._inputSlots;
        _inputsConsecutive = source._inputsConsecutive;
        _targetSlots = source._targetSlots;
        _outputSlots = source._outputSlots;
        _termSlots = source._termSlots;
        _encodedTarget = new double[source._encodedTarget.Length];
        _outputs = new double[source._outputs.Length];
        ParameterCount = source.ParameterCount;
    }

    /// <summary>How many samples a chunk has.</summary>
    public int Samples => _termSlots.Length;

    /// <summary>How many numbers a gradient array for <see cref="Backward"/> holds: one per slot.</summary>
    public int NodeCount => _graph.NodeCount;

    /// <summary>How many parameters lead the slots (and a gradient array).</summary>
    public int ParameterCount { get; }

    /// <summary>A copy that shares the capture, for another thread.</summary>
    public ChunkGraph Replica() => new(this);

    /// <summary>Sets the parameters' numbers, in their order.</summary>
    public void LoadParameters(ReadOnlySpan<double> parameters) => parameters.CopyTo(_graph.SlotData);

    /// <summary>
    /// Runs the samples <paramref name="first"/> .. <paramref name="first"/> + <see cref="Samples"/> of <paramref name="data"/>
    /// forward: each one's loss term in <paramref name="losses"/>, and its prediction (its class, or the first output for
    /// numbers) in <paramref name="predictions"/>, both indexed by row.
    /// </summary>
    public void Forward(Dataset data, int first, double[] losses, double[] predictions, bool classification)
    {
        double[] slots = _graph.SlotData;
        int samples = Samples, targetCount = _encodedTarget.Length;
        for (int s = 0; s < samples; s++)
        {
            IReadOnlyList<double> features = data.Features[first + s];
            if (_inputsConsecutive && features is double[] array)
            {
                array.CopyTo(slots, _inputSlots[0] + s * _featureCount);
            }
            else
            {
                for (int j = 0; j < _featureCount; j++)
                {
                    slots[_inputSlots[s * _featureCount + j]] = features[j];
                }
            }
            _loss.EncodeTarget(data.Targets[first + s], _encodedTarget);
            for (int j = 0; j < targetCount; j++)
            {
                slots[_targetSlots[s * targetCount + j]] = _encodedTarget[j];
            }
        }
        _graph.ForwardLoaded();
        double[] outputs = _outputs;
        int outputCount = outputs.Length;
        for (int s = 0; s < samples; s++)
        {
            for (int k = 0; k < outputCount; k++)
            {
                outputs[k] = slots[_outputSlots[s * outputCount + k]];
            }
            losses[first + s] = slots[_termSlots[s]];
            predictions[first + s] = classification ? ModelOutputExtensions.ClassOf(outputs) : outputs[0];
        }
    }

    /// <summary>
    /// Backward from the last <see cref="Forward"/>, each term's gradient being <paramref name="scale"/>: adds to
    /// <paramref name="gradients"/>, one number per slot (<see cref="NodeCount"/>), whose first <see cref="ParameterCount"/>
    /// hold the parameters' gradients so far. Within the chunk the samples' contributions arrive from the last sample to the
    /// first, as in the eager engine.
    /// </summary>
    public void Backward(double[] gradients, double scale) => _graph.BackwardInto(gradients, scale);

    private static Value[] Constants(int count) => [.. Enumerable.Range(0, count).Select(_ => Value.Constant(0))];
}
