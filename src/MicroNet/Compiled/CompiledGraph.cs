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
/// engine calls, on the same inputs. Capture batches same-shaped nodes, such as a layer's weighted sums across the
/// samples of a batch, into kernels (a matrix product, a loop over one op), and adds every gradient in the eager order:
/// values and gradients are bit-identical to an eager graph built from the same leaf data. Which nodes
/// <see cref="Value.RequiresGrad">require a gradient</see> is fixed at capture. Interior <see cref="Value"/> objects are not updated by a replay; call <see cref="CopyToValues"/> to
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
    // _data itself, with no gather or scatter. The order of computation is separate: _program.Slots lists the interior
    // nodes' slots in the order the forward pass runs them (BatchPlan), and everything else indexed by "position"
    // follows it. The backward pass runs the same order in reverse.
    private readonly Value[] _nodes;
    private readonly double[] _data;
    private readonly double[] _grad;
    private readonly int _outputSlot;

    // The leaves in the order the walk met them, and their slots.
    private readonly Value[] _leaves;
    private readonly int[] _leafSlots;

    // Leaf slots that require a gradient: backward reads their Grad before and writes it back after.
    private readonly int[] _gradLeafSlots;

    // What the capture compiled, shared by every replica (CompiledGraph.Program.cs). Its arrays are indexed by position,
    // the order in which the forward pass runs the interior nodes: each node's slot, op, parameter and whether it requires
    // a gradient; the segments (a run of single positions, or a kernel that runs a group of positions at once); a single
    // node's children in CSR layout, ChildSlots[ChildStart[p] .. ChildStart[p + 1]] (empty for a kernel's members, whose
    // kernel holds them); for a direct Dot, the first slot of its weights and of its inputs (-1 otherwise) and whether
    // each half holds a child that requires a gradient (a half that holds none gets none; the eager engine computes it and
    // throws it away); for another node whose children sit in consecutive slots, each its own (every unary node), the
    // first of them, so its op runs on _data and _grad directly (-1 otherwise).
    private readonly Program _program;

    // Per edge of a single node: the child's data as gathered by the last forward pass, the op's input span.
    private readonly double[] _edgeData;

    // The local gradients of one single node's children, as its op's Backward adds them: all zeros between nodes.
    private readonly double[] _scratch;

    // The kernels' working space.
    private readonly double[] _kernelScratch;

    private CompiledGraph(Value root, List<Value> order, IReadOnlyList<Value>? leadingLeaves, bool batching)
    {
        Root = root;
        // From here on node.PositionIn(order) is the node's index in the order, which the arrays below are indexed by.
        Value.Number(order);
        int[] slotOf = AssignSlots(order, leadingLeaves);
        int count = order.Count;
        _nodes = new Value[count];
        _data = new double[count];
        _grad = new double[count];
        for (int i = 0; i < count; i++)
        {
            _nodes[slotOf[i]] = order[i];
            // The eager graph's numbers, so that Backward right after capture matches the eager Backward exactly.
            _data[slotOf[i]] = order[i].Data;
        }
        _outputSlot = slotOf[count - 1];
        int[] leaves = [.. Enumerable.Range(0, count).Where(i => order[i].IsLeaf)];
        _leaves = [.. leaves.Select(i => order[i])];
        _leafSlots = [.. leaves.Select(i => slotOf[i])];
        _gradLeafSlots = [.. leaves.Where(i => order[i].RequiresGrad).Select(i => slotOf[i])];
        _program = Program.Create(order, slotOf, batching);
        _edgeData = new double[_program.ChildSlots.Length];
        for (int p = 0; p < _program.Slots.Length; p++)
        {
            for (int edge = _program.ChildStart[p]; edge < _program.ChildStart[p + 1]; edge++)
            {
                _edgeData[edge] = _data[_program.ChildSlots[edge]];
            }
        }
        _scratch = new double[Enumerable.Range(0, _program.Slots.Length).Select(p => _program.ChildStart[p + 1] - _program.ChildStart[p]).DefaultIfEmpty(0).Max()];
        _kernelScratch = new double[_program.Segments.Select(s => s.Kernel?.ScratchSize ?? 0).DefaultIfEmpty(0).Max()];
    }

    /// <summary>The value the graph was captured from: its output node. A replay does not change its <see cref="Value.Data"/>; read <see cref="Output"/>.</summary>
    public Value Root { get; }

    /// <summary>The output's number as of the last <see cref="Forward"/> (or the capture).</summary>
    public double Output => _data[_outputSlot];

    /// <summary>How many nodes the graph has, leaves included.</summary>
    public int NodeCount => _nodes.Length;

    /// <summary>How many single Dot nodes run on their slots directly, without a gather (for tests).</summary>
    internal int DirectDotCount => _program.DotWeights.Count(w => w >= 0);

    /// <summary>How many other single nodes run on their slots directly, without a gather (for tests).</summary>
    internal int DirectOtherCount => _program.DirectChildren.Count(w => w >= 0);

    /// <summary>The kernels the capture formed (for tests and reports).</summary>
    internal IEnumerable<Kernel> Kernels => _program.Segments.Where(s => s.Kernel is not null).Select(s => s.Kernel!);

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
    public static CompiledGraph Capture(Value output) => Capture(output, null, batching: true);

    /// <summary>
    /// <see cref="Capture(Value)"/> with <paramref name="leadingLeaves"/> (leaves of the graph) in slots 0, 1, ... in that
    /// order, so that a caller can read and write them as one block of <see cref="SlotData"/> and of a gradient array; and
    /// without <paramref name="batching"/>, node by node (the reference the batched replay is tested against).
    /// </summary>
    internal static CompiledGraph Capture(Value output, IReadOnlyList<Value>? leadingLeaves, bool batching)
    {
        ArgumentNullException.ThrowIfNull(output);
        var order = new List<Value>();
        output.CollectTopologicalOrder(order);
        return new CompiledGraph(output, order, leadingLeaves, batching);
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
        RunBackward(grad, 1);
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
        foreach (int slot in _program.Slots)
        {
            _nodes[slot].Data = _data[slot];
        }
        for (int p = 0; p < _program.Slots.Length; p++)
        {
            if (_program.RequiresGrad[p])
            {
                int slot = _program.Slots[p];
                _nodes[slot].Grad = _grad[slot];
            }
        }
    }
}
