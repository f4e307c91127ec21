namespace MicroNet.Compiled;

/// <summary>
/// Backward into a caller's array instead of the leaves' <see cref="Value.Grad"/>, and replicas that share one capture,
/// so that copies of one graph can run on several threads at once, each on its own arrays.
/// </summary>
public sealed partial class CompiledGraph
{
    // A replica: the same program and kernels (immutable), its own numbers.
    private CompiledGraph(CompiledGraph source)
    {
        Root = source.Root;
        _nodes = source._nodes;
        _data = (double[])source._data.Clone();
        _grad = new double[source._grad.Length];
        _outputSlot = source._outputSlot;
        _leaves = source._leaves;
        _leafSlots = source._leafSlots;
        _gradLeafSlots = source._gradLeafSlots;
        _program = source._program;
        _edgeData = (double[])source._edgeData.Clone();
        _scratch = new double[source._scratch.Length];
        _kernelScratch = new double[source._kernelScratch.Length];
    }

    /// <summary>
    /// A copy that shares this graph's capture (its plan and kernels) and starts from its current numbers, but keeps its
    /// own: a replica and its source can run on two threads at once. They share their leaves, which a replay only reads.
    /// </summary>
    internal CompiledGraph Replica() => new(this);

    /// <summary>
    /// Backpropagation as <see cref="Backward()"/> on <paramref name="grad"/>, one number per slot (at least
    /// <see cref="NodeCount"/>), instead of the graph's own array and the leaves' <see cref="Value.Grad"/>: the leaves' slots
    /// hold their gradients so far and receive the same additions in the same order, the output's gradient is
    /// <paramref name="outputGradient"/>. No <see cref="Value"/> is written, so replicas that share their parameter leaves
    /// can run on several threads at once, each with its own array.
    /// </summary>
    internal void BackwardInto(double[] grad, double outputGradient)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(grad.Length, _nodes.Length, nameof(grad));
        if (!Root.RequiresGrad || Root.IsLeaf)
        {
            return;
        }
        RunBackward(grad, outputGradient);
    }
}
