using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MicroNet.Ops;

namespace MicroNet;

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
public sealed class CompiledGraph
{
    // Node slots: the leaves first (0 .. _leafCount - 1, in the order the walk met them), then the interior nodes in
    // topological order, so the output is the last slot. Per slot: its Value, op, parameter, data and gradient.
    private readonly Value[] _nodes;
    private readonly int _leafCount;
    private readonly OpCode[] _ops;
    private readonly double[] _parameters;
    private readonly double[] _data;
    private readonly double[] _grad;

    // Children in CSR layout: the children of slot i are _childSlots[_childStart[i] .. _childStart[i + 1]].
    // Per edge, _edgeData holds the child's data as gathered by the last forward pass: the op's input span.
    private readonly int[] _childStart;
    private readonly int[] _childSlots;
    private readonly double[] _edgeData;

    // The local gradients of one node's children, as its op's Backward adds them; all zeros between nodes.
    private readonly double[] _scratch;

    // Interior slots that require a gradient, output first: the nodes backward visits, in the order it visits them.
    private readonly int[] _backwardSlots;

    // Leaf slots that require a gradient: backward reads their Grad before and writes it back after.
    private readonly int[] _gradLeafSlots;

    private CompiledGraph(Value root, List<Value> order)
    {
        Root = root;
        int count = order.Count;
        _nodes = new Value[count];
        int leafCount = 0, edgeCount = 0;
        foreach (Value node in order)
        {
            if (node.IsLeaf)
            {
                leafCount++;
            }
            edgeCount += node.ChildArray.Length;
        }
        _leafCount = leafCount;
        var slotOf = new Dictionary<Value, int>(count, ReferenceEqualityComparer.Instance);
        int nextLeaf = 0, nextInterior = leafCount;
        foreach (Value node in order)
        {
            int slot = node.IsLeaf ? nextLeaf++ : nextInterior++;
            _nodes[slot] = node;
            slotOf.Add(node, slot);
        }

        _ops = new OpCode[count];
        _parameters = new double[count];
        _data = new double[count];
        _grad = new double[count];
        _childStart = new int[count + 1];
        _childSlots = new int[edgeCount];
        _edgeData = new double[edgeCount];
        int widest = 0;
        var backwardSlots = new List<int>();
        var gradLeafSlots = new List<int>();
        int edge = 0;
        for (int slot = 0; slot < count; slot++)
        {
            Value node = _nodes[slot];
            _ops[slot] = node.OpCode;
            _parameters[slot] = node.Parameter;
            // The eager graph's numbers, so that Backward right after capture matches the eager Backward exactly.
            _data[slot] = node.Data;
            _childStart[slot] = edge;
            widest = Math.Max(widest, node.ChildArray.Length);
            foreach (Value child in node.ChildArray)
            {
                _childSlots[edge] = slotOf[child];
                _edgeData[edge] = child.Data;
                edge++;
            }
            if (node.RequiresGrad)
            {
                (node.IsLeaf ? gradLeafSlots : backwardSlots).Add(slot);
            }
        }
        _childStart[count] = edge;
        _scratch = new double[widest];
        backwardSlots.Reverse();
        _backwardSlots = [.. backwardSlots];
        _gradLeafSlots = [.. gradLeafSlots];
    }

    /// <summary>The value the graph was captured from: its output node. A replay does not change its <see cref="Value.Data"/>; read <see cref="Output"/>.</summary>
    public Value Root { get; }

    /// <summary>The output's number as of the last <see cref="Forward"/> (or the capture).</summary>
    public double Output => _data[^1];

    /// <summary>How many nodes the graph has, leaves included.</summary>
    public int NodeCount => _nodes.Length;

    /// <summary>
    /// The leaves the graph reads (parameters, inputs and constants), each once. <see cref="Forward"/> reads their
    /// <see cref="Value.Data"/>; <see cref="Backward"/> adds to the <see cref="Value.Grad"/> of those that require a gradient.
    /// </summary>
    public IReadOnlyList<Value> Leaves => new ArraySegment<Value>(_nodes, 0, _leafCount);

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
        Value[] nodes = _nodes;
        double[] data = _data;
        for (int slot = 0; slot < _leafCount; slot++)
        {
            data[slot] = nodes[slot].Data;
        }
        // The hot loop indexes through refs: every slot and edge index was checked at capture, and bounds checks on
        // three arrays per edge cost more than the ops themselves.
        ref double dataRef = ref MemoryMarshal.GetArrayDataReference(data);
        ref int childStart = ref MemoryMarshal.GetArrayDataReference(_childStart);
        ref int childSlots = ref MemoryMarshal.GetArrayDataReference(_childSlots);
        ref double edgeData = ref MemoryMarshal.GetArrayDataReference(_edgeData);
        ref OpCode ops = ref MemoryMarshal.GetArrayDataReference(_ops);
        ref double parameters = ref MemoryMarshal.GetArrayDataReference(_parameters);
        for (int slot = _leafCount; slot < data.Length; slot++)
        {
            int start = Unsafe.Add(ref childStart, slot), end = Unsafe.Add(ref childStart, slot + 1);
            for (int edge = start; edge < end; edge++)
            {
                Unsafe.Add(ref edgeData, edge) = Unsafe.Add(ref dataRef, Unsafe.Add(ref childSlots, edge));
            }
            Unsafe.Add(ref dataRef, slot) = OpTable.Forward(
                Unsafe.Add(ref ops, slot),
                MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref edgeData, start), end - start),
                Unsafe.Add(ref parameters, slot));
        }
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
        Value[] nodes = _nodes;
        if (!Root.RequiresGrad)
        {
            return;
        }
        if (_leafCount == nodes.Length)
        {
            Root.Grad = 1;
            return;
        }
        double[] grad = _grad;
        int[] gradLeafSlots = _gradLeafSlots;
        foreach (int slot in gradLeafSlots)
        {
            grad[slot] = nodes[slot].Grad;
        }
        Array.Clear(grad, _leafCount, grad.Length - _leafCount);
        grad[^1] = 1;
        ref double gradRef = ref MemoryMarshal.GetArrayDataReference(grad);
        ref double dataRef = ref MemoryMarshal.GetArrayDataReference(_data);
        ref int childStart = ref MemoryMarshal.GetArrayDataReference(_childStart);
        ref int childSlots = ref MemoryMarshal.GetArrayDataReference(_childSlots);
        ref double edgeData = ref MemoryMarshal.GetArrayDataReference(_edgeData);
        ref OpCode ops = ref MemoryMarshal.GetArrayDataReference(_ops);
        ref double parameters = ref MemoryMarshal.GetArrayDataReference(_parameters);
        // The op adds into a zeroed buffer as large as the widest node; the scatter below zeroes it again as it
        // reads, so it never needs a separate clear.
        ref double scratch = ref MemoryMarshal.GetArrayDataReference(_scratch);
        foreach (int slot in _backwardSlots)
        {
            int start = Unsafe.Add(ref childStart, slot), count = Unsafe.Add(ref childStart, slot + 1) - start;
            OpTable.Backward(
                Unsafe.Add(ref ops, slot),
                MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref edgeData, start), count),
                Unsafe.Add(ref dataRef, slot),
                Unsafe.Add(ref parameters, slot),
                Unsafe.Add(ref gradRef, slot),
                MemoryMarshal.CreateSpan(ref scratch, count));
            ref int children = ref Unsafe.Add(ref childSlots, start);
            for (int i = 0; i < count; i++)
            {
                Unsafe.Add(ref gradRef, Unsafe.Add(ref children, i)) += Unsafe.Add(ref scratch, i);
                Unsafe.Add(ref scratch, i) = 0;
            }
        }
        foreach (int slot in gradLeafSlots)
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
        for (int slot = _leafCount; slot < _nodes.Length; slot++)
        {
            _nodes[slot].Data = _data[slot];
        }
        foreach (int slot in _backwardSlots)
        {
            _nodes[slot].Grad = _grad[slot];
        }
    }
}
