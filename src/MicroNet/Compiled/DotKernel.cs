using MicroNet.Ops;

namespace MicroNet.Compiled;

/// <summary>
/// Dot nodes of one length whose two halves each sit in consecutive slots: a layer's weighted sums across a batch. When
/// the members are every pair of some left rows (the layer's weight vectors) and some right rows (the samples' inputs),
/// they are a matrix product and run as one (<see cref="DotOp.ForwardGrid"/>, <see cref="DotOp.AccumulateGrid"/>);
/// otherwise each member runs <see cref="DotOp"/>'s own formulas on its slots.
/// </summary>
/// <remarks>
/// The grid's backward adds each weight row's contributions sample by sample and each input row's neuron by neuron. That
/// is the node-by-node order only if every left row meets the right rows in one common order and every right row the left
/// rows in one common order, and if no two rows share a slot; otherwise the members run one by one, in their order.
/// </remarks>
internal sealed class DotKernel : Kernel
{
    private readonly int _pairs;
    private readonly bool _leftGrad, _rightGrad;

    // One by one: member m's halves start at _memberLefts[m] and _memberRights[m].
    private readonly int[] _memberLefts, _memberRights;

    // As a grid: the rows in the order their contributions are added, and the member of each pair.
    private readonly int[]? _lefts, _rights, _gridOutputs;

    public DotKernel(int[] outputs, int[] lefts, int[] rights, int pairs, bool leftGrad, bool rightGrad, bool requiresGrad)
        : base(outputs, requiresGrad)
    {
        _pairs = pairs;
        _leftGrad = leftGrad;
        _rightGrad = rightGrad;
        _memberLefts = lefts;
        _memberRights = rights;
        if (TryGrid(out int[] leftOrder, out int[] rightOrder, out int[] gridOutputs))
        {
            (_lefts, _rights, _gridOutputs) = (leftOrder, rightOrder, gridOutputs);
        }
    }

    public override bool IsGrid => _gridOutputs is not null;

    public override int ScratchSize => _gridOutputs?.Length ?? 0;

    public override void Forward(double[] data, double[] scratch)
    {
        int[] outputs = Outputs;
        if (_gridOutputs is { } grid)
        {
            Span<double> products = scratch.AsSpan(0, grid.Length);
            DotOp.ForwardGrid(data, _lefts, _rights, _pairs, products);
            for (int i = 0; i < grid.Length; i++)
            {
                data[grid[i]] = products[i];
            }
            return;
        }
        for (int m = 0; m < outputs.Length; m++)
        {
            data[outputs[m]] = DotOp.Forward(data.AsSpan(_memberLefts[m], _pairs), data.AsSpan(_memberRights[m], _pairs));
        }
    }

    public override void Backward(double[] data, double[] grad, double[] scratch)
    {
        int[] outputs = Outputs;
        if (_gridOutputs is { } grid)
        {
            Span<double> factors = scratch.AsSpan(0, grid.Length);
            for (int i = 0; i < grid.Length; i++)
            {
                factors[i] = grad[grid[i]];
            }
            int rightCount = _rights!.Length;
            if (_leftGrad)
            {
                DotOp.AccumulateGrid(data, grad, _lefts, _rights, _pairs, factors, rightCount, 1);
            }
            if (_rightGrad)
            {
                DotOp.AccumulateGrid(data, grad, _rights, _lefts, _pairs, factors, 1, rightCount);
            }
            return;
        }
        for (int m = 0; m < outputs.Length; m++)
        {
            int left = _memberLefts[m], right = _memberRights[m];
            DotOp.Backward(
                data.AsSpan(left, _pairs), data.AsSpan(right, _pairs), grad[outputs[m]],
                _leftGrad ? grad.AsSpan(left, _pairs) : [], _rightGrad ? grad.AsSpan(right, _pairs) : []);
        }
    }

    // The members as a full grid of distinct, non-overlapping rows whose contributions arrive in one order per side.
    private bool TryGrid(out int[] leftOrder, out int[] rightOrder, out int[] gridOutputs)
    {
        leftOrder = rightOrder = gridOutputs = [];
        int members = Outputs.Length;
        // Each side's order: the rows the first member's row on the other side meets, in member order.
        leftOrder = [.. Enumerable.Range(0, members).Where(m => _memberRights[m] == _memberRights[0]).Select(m => _memberLefts[m])];
        rightOrder = [.. Enumerable.Range(0, members).Where(m => _memberLefts[m] == _memberLefts[0]).Select(m => _memberRights[m])];
        int leftCount = leftOrder.Length, rightCount = rightOrder.Length;
        if ((long)leftCount * rightCount != members || !Disjoint([.. leftOrder, .. rightOrder]))
        {
            return false;
        }
        Dictionary<int, int> leftIndex = Index(leftOrder), rightIndex = Index(rightOrder);
        var seenByLeft = new int[leftCount];
        var seenByRight = new int[rightCount];
        gridOutputs = new int[members];
        for (int m = 0; m < members; m++)
        {
            if (!leftIndex.TryGetValue(_memberLefts[m], out int l) || !rightIndex.TryGetValue(_memberRights[m], out int r)
                || seenByLeft[l] >= rightCount || rightOrder[seenByLeft[l]++] != _memberRights[m]
                || seenByRight[r] >= leftCount || leftOrder[seenByRight[r]++] != _memberLefts[m])
            {
                return false;
            }
            gridOutputs[l * rightCount + r] = Outputs[m];
        }
        return true;
    }

    private static Dictionary<int, int> Index(int[] rows)
    {
        var index = new Dictionary<int, int>(rows.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            index.TryAdd(rows[i], i);
        }
        return index;
    }

    // Whether rows of _pairs slots starting at these offsets share no slot (distinct offsets included).
    private bool Disjoint(int[] starts)
    {
        Array.Sort(starts);
        for (int i = 1; i < starts.Length; i++)
        {
            if (starts[i] < starts[i - 1] + _pairs)
            {
                return false;
            }
        }
        return true;
    }
}
