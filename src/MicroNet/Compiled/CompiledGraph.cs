using MicroNet.Ops;

namespace MicroNet.Compiled;

/// <summary>
/// A graph captured once from an eager <see cref="Value"/> graph and replayed on flat arrays: <see cref="Forward"/>
/// recomputes every node from the leaves' current <see cref="Value.Data"/>, <see cref="Backward"/> adds the
/// gradients into the leaves' <see cref="Value.Grad"/>, without building or walking any objects.
/// </summary>
/// <remarks>
/// <para>
/// Use it when the same graph shape runs many times, as in full-batch training: build the loss once, capture it,
/// then each step write new inputs into the input leaves' <see cref="Value.Data"/> (if they change), call
/// <see cref="Forward"/>, zero the gradients, call <see cref="Backward"/> and let the optimizer update the
/// parameters. Leaves stay the same <see cref="Value"/> objects, so optimizers, <c>ZeroGrad</c> and model files
/// work unchanged.
/// </para>
/// <para>
/// Every node is computed by its op's own definition, the same static <c>Forward</c> and <c>Backward</c> the eager
/// engine calls, on the same inputs in the same order: values and gradients are bit-identical to an eager graph
/// built from the same leaf data. Which nodes <see cref="Value.RequiresGrad">require a gradient</see> is fixed at
/// capture. Interior <see cref="Value"/> objects are not updated by a replay; call <see cref="CopyToValues"/> to
/// see the replay's numbers on them (for a drawing, say). A compiled graph is not safe to use from several threads
/// at once.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// Value loss = Losses.Mse(inputs.Select(model.ForwardSingle).ToList(), targets);
/// CompiledGraph step = loss.Compile();
/// for (int i = 0; i &lt; 100; i++)
/// {
///     step.Forward();
///     optimizer.ZeroGrad();
///     step.Backward();
///     optimizer.Step();
/// }
/// </code>
/// </example>
public sealed partial class CompiledGraph
{
    // Every node has a storage slot in _nodes, _data and _grad. Slots are laid out so that the two halves of a Dot
    // node's children (weights, inputs) sit in consecutive slots where possible: such a "direct" Dot runs DotOp on
    // _data itself, with no gather or scatter. The order of computation is separate: _interiorSlots lists the
    // interior nodes' slots in the eager engine's topological order, and everything else indexed by "position" follows it.
    private readonly Value[] _nodes;
    private readonly double[] _data;
    private readonly double[] _grad;
    private readonly int _outputSlot;

    // The leaves in the order the walk met them, and their slots.
    private readonly Value[] _leaves;
    private readonly int[] _leafSlots;

    // Leaf slots that require a gradient: backward reads their Grad before and writes it back after.
    private readonly int[] _gradLeafSlots;

    // Per position: the node's slot, op and parameter.
    private readonly int[] _interiorSlots;
    private readonly OpCode[] _ops;
    private readonly double[] _parameters;

    // Children in CSR layout: the children of position p are _childSlots[_childStart[p] .. _childStart[p + 1]].
    // Per edge, _edgeData holds the child's data as gathered by the last forward pass: the op's input span.
    private readonly int[] _childStart;
    private readonly int[] _childSlots;
    private readonly double[] _edgeData;

    // Per position: for a direct Dot, the first slot of its weights and of its inputs; -1 otherwise.
    private readonly int[] _dotWeights;
    private readonly int[] _dotInputs;

    // Per position: for another node whose children sit in consecutive slots, each its own (every unary node), the
    // first of them, so its op runs on _data and _grad directly; -1 otherwise.
    private readonly int[] _directChildren;

    // The local gradients of one node's children, as its op's Backward adds them; all zeros between nodes.
    private readonly double[] _scratch;

    // Positions that require a gradient, output first: the nodes backward visits, in the order it visits them.
    private readonly int[] _backwardPositions;

    // Per position, for a direct Dot: whether its weights half and its inputs half hold any child that requires a gradient.
    // A half that holds none gets no gradient from the replay (the eager engine computes it and throws it away).
    private readonly bool[] _dotWeightsNeedGrad;
    private readonly bool[] _dotInputsNeedGrad;

    // Set by BindGradients: where BackwardInto keeps each leaf's gradient. Leaves that only one direct Dot
    // reads, in a run that maps to consecutive buffer entries, are added to in the buffer itself (_dotWeightTarget, per
    // position, else -1); the other gradient leaves are loaded into their slots and stored back (_boundSlots, _boundIndex).
    private int[]? _dotWeightTarget;
    private int[] _boundSlots = [];
    private int[] _boundIndex = [];

    private CompiledGraph(Value root, List<Value> order)
    {
        Root = root;
        Dictionary<Value, int> slotOf = AssignSlots(order);
        int count = order.Count;
        _nodes = new Value[count];
        _data = new double[count];
        _grad = new double[count];
        foreach ((Value node, int slot) in slotOf)
        {
            _nodes[slot] = node;
            // The eager graph's numbers, so that Backward right after capture matches the eager Backward exactly.
            _data[slot] = node.Data;
        }
        _outputSlot = slotOf[root];

        var leaves = new List<Value>();
        var interior = new List<Value>();
        int edgeCount = 0, widest = 0;
        foreach (Value node in order)
        {
            (node.IsLeaf ? leaves : interior).Add(node);
            edgeCount += node.ChildSpan.Length;
            widest = Math.Max(widest, node.ChildSpan.Length);
        }
        _leaves = [.. leaves];
        _leafSlots = [.. leaves.Select(v => slotOf[v])];
        _gradLeafSlots = [.. leaves.Where(v => v.RequiresGrad).Select(v => slotOf[v])];

        int positions = interior.Count;
        _interiorSlots = new int[positions];
        _ops = new OpCode[positions];
        _parameters = new double[positions];
        _childStart = new int[positions + 1];
        _childSlots = new int[edgeCount];
        _edgeData = new double[edgeCount];
        _dotWeights = new int[positions];
        _dotInputs = new int[positions];
        _directChildren = new int[positions];
        _dotWeightsNeedGrad = new bool[positions];
        _dotInputsNeedGrad = new bool[positions];
        _scratch = new double[widest];
        var backwardPositions = new List<int>();
        int edge = 0;
        for (int p = 0; p < positions; p++)
        {
            Value node = interior[p];
            _interiorSlots[p] = slotOf[node];
            _ops[p] = node.OpCode;
            _parameters[p] = node.Parameter;
            _childStart[p] = edge;
            foreach (Value child in node.ChildSpan)
            {
                _childSlots[edge] = slotOf[child];
                _edgeData[edge] = child.Data;
                edge++;
            }
            var children = new ReadOnlySpan<int>(_childSlots, _childStart[p], edge - _childStart[p]);
            (_dotWeights[p], _dotInputs[p]) = node.OpCode == OpCode.Dot ? DirectDot(children) : (-1, -1);
            _directChildren[p] = node.OpCode != OpCode.Dot && children.Length > 0 && IsConsecutive(children) ? children[0] : -1;
            if (_dotWeights[p] >= 0)
            {
                _dotWeightsNeedGrad[p] = DotOp.WeightsOf(node.ChildSpan).ToArray().Any(c => c.RequiresGrad);
                _dotInputsNeedGrad[p] = DotOp.InputsOf(node.ChildSpan).ToArray().Any(c => c.RequiresGrad);
            }
            if (node.RequiresGrad)
            {
                backwardPositions.Add(p);
            }
        }
        _childStart[positions] = edge;
        backwardPositions.Reverse();
        _backwardPositions = [.. backwardPositions];
    }

    /// <summary>The value the graph was captured from: its output node. A replay does not change its <see cref="Value.Data"/>; read <see cref="Output"/>.</summary>
    public Value Root { get; }

    /// <summary>The output's number as of the last <see cref="Forward"/> (or the capture).</summary>
    public double Output => _data[_outputSlot];

    /// <summary>How many nodes the graph has, leaves included.</summary>
    public int NodeCount => _nodes.Length;

    /// <summary>How many Dot nodes run on their slots directly, without a gather (for tests).</summary>
    internal int DirectDotCount => _dotWeights.Count(w => w >= 0);

    /// <summary>How many other nodes run on their slots directly, without a gather (for tests).</summary>
    internal int DirectOtherCount => _directChildren.Count(w => w >= 0);

    /// <summary>
    /// The leaves the graph reads (parameters, inputs and constants), each once. <see cref="Forward"/> reads their
    /// <see cref="Value.Data"/>; <see cref="Backward"/> adds to the <see cref="Value.Grad"/> of those that require a gradient.
    /// </summary>
    public IReadOnlyList<Value> Leaves => _leaves;

    /// <summary>
    /// Captures the graph below <paramref name="output"/>: its topological order, ops, parameters and child lists, as
    /// flat arrays. The walk is iterative, so graphs of millions of nodes are fine.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
    public static CompiledGraph Capture(Value output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var order = new List<Value>();
        output.CollectTopologicalOrder(order);
        return new CompiledGraph(output, order);
    }

    /// <summary>
    /// The forward pass: copies every leaf's current <see cref="Value.Data"/> and recomputes every interior node with
    /// its op's definition, in topological order. Read the result from <see cref="Output"/>.
    /// </summary>
    public void Forward()
    {
        LoadLeaves();
        ForwardLoaded();
    }

    /// <summary>Copies every leaf's current <see cref="Value.Data"/> into its slot: the first half of <see cref="Forward"/>.</summary>
    internal void LoadLeaves()
    {
        double[] data = _data;
        Value[] leaves = _leaves;
        int[] leafSlots = _leafSlots;
        for (int i = 0; i < leaves.Length; i++)
        {
            data[leafSlots[i]] = leaves[i].Data;
        }
    }

    /// <summary>
    /// The slots' numbers, indexed by <see cref="SlotsOf"/>: a caller that replays many inputs through one graph writes
    /// them here and calls <see cref="ForwardLoaded"/>, instead of going through the leaves' <see cref="Value.Data"/>.
    /// </summary>
    internal double[] SlotData => _data;

    /// <summary>The slot of each of <paramref name="nodes"/>, all of which must be in the graph.</summary>
    internal int[] SlotsOf(IReadOnlyList<Value> nodes)
    {
        var slotOf = new Dictionary<Value, int>(_nodes.Length, ReferenceEqualityComparer.Instance);
        for (int slot = 0; slot < _nodes.Length; slot++)
        {
            slotOf[_nodes[slot]] = slot;
        }
        return [.. nodes.Select(n => slotOf.TryGetValue(n, out int slot) ? slot : throw new ArgumentException("A node is not part of the compiled graph.", nameof(nodes)))];
    }

    /// <summary>
    /// Backpropagation on the numbers of the last <see cref="Forward"/> (or the capture): the output's gradient is 1,
    /// the chain rule runs in reverse topological order, and each leaf that requires a gradient gets its gradient
    /// <em>added</em> to its <see cref="Value.Grad"/>, exactly as <see cref="Value.Backward"/> would.
    /// </summary>
    /// <remarks>
    /// Leaf gradients accumulate across calls, so zero them between steps (<c>optimizer.ZeroGrad()</c>). If the output
    /// requires no gradient, nothing happens; if it is a leaf, its gradient is set to 1, as the eager engine does.
    /// </remarks>
    public void Backward()
    {
        if (!Root.RequiresGrad)
        {
            return;
        }
        if (Root.IsLeaf)
        {
            Root.Grad = 1;
            return;
        }
        double[] grad = _grad;
        Value[] nodes = _nodes;
        foreach (int slot in _gradLeafSlots)
        {
            grad[slot] = nodes[slot].Grad;
        }
        RunBackward(1, [], null);
        foreach (int slot in _gradLeafSlots)
        {
            nodes[slot].Grad = grad[slot];
        }
    }

    /// <summary>
    /// Writes the last replay's numbers back to the interior <see cref="Value"/> objects: every interior node's
    /// <see cref="Value.Data"/>, and the <see cref="Value.Grad"/> of those that require a gradient (as of the last
    /// <see cref="Backward"/>). Leaves are never changed by this.
    /// </summary>
    public void CopyToValues()
    {
        foreach (int slot in _interiorSlots)
        {
            _nodes[slot].Data = _data[slot];
        }
        foreach (int p in _backwardPositions)
        {
            int slot = _interiorSlots[p];
            _nodes[slot].Grad = _grad[slot];
        }
    }
}
