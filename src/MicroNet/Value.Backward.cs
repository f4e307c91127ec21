using MicroNet.Compiled;
using MicroNet.Ops;

namespace MicroNet;

public sealed partial class Value
{
    // Inputs and gradients of up to this many children go on the stack; larger nodes (a long Dot or Sum) use the heap.
    private const int StackLimit = 64;

    private static long s_lastWalk;

    [ThreadStatic]
    private static List<Value>? t_order;

    [ThreadStatic]
    private static Stack<(Value Node, int NextChild)>? t_stack;

    // The id of the last graph walk that reached this node; replaces a visited hash set.
    private long _visitedBy;

    // Where this node sits in the order of the last walk that numbered it (Autograd); valid only while that order's
    // entry at this position is this node. Fits in the object's padding, so it costs no memory.
    private int _position;

    /// <summary>
    /// Backpropagation: sets this value's gradient to 1 and applies the chain rule to every value it depends on,
    /// from this value back to the leaves (reverse topological order).
    /// </summary>
    /// <remarks>
    /// Gradients of leaves (inputs and parameters) <em>accumulate</em>: each call adds to what is already in
    /// <see cref="Grad"/>, as in micrograd and PyTorch, so zero them between training steps with
    /// <see cref="ZeroGrad"/> or <c>Module.ZeroGrad()</c>. Gradients of interior nodes are reset by each call, so
    /// after it they show this call's gradients. The walk uses an explicit stack: graphs of millions of nodes
    /// are fine.
    /// <para>
    /// Values that do not <see cref="RequiresGrad">require a gradient</see> (constants, and inputs wrapped by
    /// <c>Mlp.Forward</c>) are skipped: their <see cref="Grad"/> stays as it was (0 unless set by hand) and the
    /// walk does not descend below them. If this value itself requires no gradient, nothing happens.
    /// </para>
    /// </remarks>
    public void Backward()
    {
        if (!_requiresGrad)
        {
            return;
        }
        List<Value> order = t_order ??= [];
        try
        {
            CollectTopologicalOrder(order, requiringGradOnly: true);
            foreach (Value node in order)
            {
                if (!node.IsLeaf)
                {
                    node.Grad = 0;
                }
            }
            Grad = 1;
            for (int i = order.Count - 1; i >= 0; i--)
            {
                order[i].PropagateGrad();
            }
        }
        finally
        {
            order.Clear();
        }
    }

    /// <summary>
    /// Captures the graph below this value for fast replays: see <see cref="CompiledGraph"/>. Same as
    /// <see cref="CompiledGraph.Capture(Value)"/>.
    /// </summary>
    public CompiledGraph Compile() => CompiledGraph.Capture(this);

    /// <summary>Sets the gradient of this value and of every value it depends on to 0.</summary>
    public void ZeroGrad()
    {
        List<Value> order = t_order ??= [];
        try
        {
            CollectTopologicalOrder(order);
            foreach (Value node in order)
            {
                node.Grad = 0;
            }
        }
        finally
        {
            order.Clear();
        }
    }

    /// <summary>
    /// Every value this one depends on, each once, children before the values computed from them; this value is last.
    /// </summary>
    public IReadOnlyList<Value> TopologicalOrder()
    {
        var order = new List<Value>();
        CollectTopologicalOrder(order);
        return order;
    }

    /// <summary>
    /// Appends the graph below this node to <paramref name="order"/> in post-order, without recursion; with
    /// <paramref name="requiringGradOnly"/>, only the nodes that require a gradient (the part backward visits).
    /// </summary>
    internal void CollectTopologicalOrder(List<Value> order, bool requiringGradOnly = false)
    {
        long walk = Interlocked.Increment(ref s_lastWalk);
        Stack<(Value Node, int NextChild)> stack = t_stack ??= new();
        stack.Clear();
        _visitedBy = walk;
        stack.Push((this, 0));
        while (stack.Count > 0)
        {
            (Value node, int next) = stack.Pop();
            ReadOnlySpan<Value> children = node.ChildSpan;
            while (next < children.Length
                && (children[next]._visitedBy == walk || (requiringGradOnly && !children[next]._requiresGrad)))
            {
                next++;
            }
            if (next < children.Length)
            {
                stack.Push((node, next + 1));
                Value child = children[next];
                child._visitedBy = walk;
                stack.Push((child, 0));
            }
            else
            {
                order.Add(node);
            }
        }
    }

    /// <summary>The index of this node in <paramref name="order"/>, or -1 if it is not there, after <see cref="Number"/>.</summary>
    internal int PositionIn(List<Value> order) =>
        (uint)_position < (uint)order.Count && ReferenceEquals(order[_position], this) ? _position : -1;

    /// <summary>Records each node's index in <paramref name="order"/>, for <see cref="PositionIn"/>.</summary>
    internal static void Number(List<Value> order)
    {
        for (int i = 0; i < order.Count; i++)
        {
            order[i]._position = i;
        }
    }

    /// <summary>The chain rule at one node: adds this node's gradient times each local derivative to its children.</summary>
    private void PropagateGrad()
    {
        ReadOnlySpan<Value> children = ChildSpan;
        int n = children.Length;
        if (n == 0)
        {
            return;
        }
        Span<double> inputs = n <= StackLimit ? stackalloc double[n] : new double[n];
        Span<double> grads = n <= StackLimit ? stackalloc double[n] : new double[n];
        grads.Clear();
        for (int i = 0; i < n; i++)
        {
            inputs[i] = children[i]._data;
        }
        OpTable.Backward(_op, inputs, _data, _parameter, Grad, grads);
        for (int i = 0; i < n; i++)
        {
            Value child = children[i];
            if (child._requiresGrad)
            {
                child.Grad += grads[i];
            }
        }
    }
}
