using MicroNet.Ops;

namespace MicroNet.Compiled;

/// <summary>
/// Backward into a caller's buffer instead of the leaves' <see cref="Value.Grad"/>, so that replicas of one graph that
/// share their parameter leaves can run on several threads at once.
/// </summary>
public sealed partial class CompiledGraph
{
    /// <summary>
    /// Chooses where <see cref="BackwardInto"/> keeps leaf gradients: the gradient of
    /// <paramref name="order"/>[i] is entry i of the buffer it is given. Every leaf of the graph that requires a gradient
    /// must be in <paramref name="order"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A leaf that requires a gradient is not in <paramref name="order"/>.</exception>
    internal void BindGradients(IReadOnlyList<Value> order)
    {
        var indexOf = new Dictionary<Value, int>(order.Count, ReferenceEqualityComparer.Instance);
        for (int i = 0; i < order.Count; i++)
        {
            indexOf.TryAdd(order[i], i);
        }
        var bufferIndex = new int[_nodes.Length];
        Array.Fill(bufferIndex, -1);
        foreach (int slot in _gradLeafSlots)
        {
            bufferIndex[slot] = indexOf.TryGetValue(_nodes[slot], out int index)
                ? index
                : throw new ArgumentException("A leaf of the graph that requires a gradient is not in the gradient order.", nameof(order));
        }
        var uses = new int[_nodes.Length];
        foreach (int slot in _childSlots)
        {
            uses[slot]++;
        }
        var inBuffer = new bool[_nodes.Length];
        var dotWeightTarget = new int[_interiorSlots.Length];
        Array.Fill(dotWeightTarget, -1);
        for (int p = 0; p < _interiorSlots.Length; p++)
        {
            int weights = _dotWeights[p];
            if (weights < 0)
            {
                continue;
            }
            int n = DotOp.PairCount(_childStart[p + 1] - _childStart[p]);
            int first = bufferIndex[weights];
            bool direct = first >= 0;
            for (int i = 0; direct && i < n; i++)
            {
                direct = bufferIndex[weights + i] == first + i && uses[weights + i] == 1;
            }
            if (direct)
            {
                dotWeightTarget[p] = first;
                inBuffer.AsSpan(weights, n).Fill(true);
            }
        }
        _dotWeightTarget = dotWeightTarget;
        _boundSlots = [.. _gradLeafSlots.Where(slot => !inBuffer[slot])];
        _boundIndex = [.. _boundSlots.Select(slot => bufferIndex[slot])];
    }

    /// <summary>
    /// Backpropagation as <see cref="Backward()"/>, except that the output's gradient is <paramref name="outputGradient"/>
    /// and leaf gradients are added to <paramref name="gradients"/>, laid out by <see cref="BindGradients"/>, instead of
    /// the leaves' <see cref="Value.Grad"/>: the same additions in the same order, so the buffer ends up with the bits
    /// the leaves would have had. No <see cref="Value"/> is written, so replicas of a graph that share their parameter
    /// leaves can run on several threads at once, each with its own buffer.
    /// </summary>
    internal void BackwardInto(Span<double> gradients, double outputGradient)
    {
        if (_dotWeightTarget is null)
        {
            throw new InvalidOperationException("Call BindGradients before backward into a buffer.");
        }
        if (!Root.RequiresGrad || Root.IsLeaf)
        {
            return;
        }
        double[] grad = _grad;
        int[] boundSlots = _boundSlots, boundIndex = _boundIndex;
        for (int i = 0; i < boundSlots.Length; i++)
        {
            grad[boundSlots[i]] = gradients[boundIndex[i]];
        }
        RunBackward(outputGradient, gradients, _dotWeightTarget);
        for (int i = 0; i < boundSlots.Length; i++)
        {
            gradients[boundIndex[i]] = grad[boundSlots[i]];
        }
    }
}
