namespace MicroNet.Compiled;

/// <summary>
/// A group of same-shaped interior nodes that a compiled replay runs as one unit (autobatching): the members compute
/// exactly what their op defines, each with the numbers it would have had node by node; a kernel only saves the dispatch
/// per node and shares loads between nodes.
/// </summary>
/// <remarks>
/// The members are independent (none reads another's output) and listed in the order the node-by-node backward pass
/// would meet them; wherever two members add to the same gradient, a kernel adds in that order, so the sums are the same
/// bit for bit. Kernels are immutable: replicas of a graph share them and pass their own arrays.
/// </remarks>
internal abstract class Kernel(int[] outputs, bool requiresGrad)
{
    /// <summary>The members' slots, in the order the node-by-node backward pass would visit them.</summary>
    public int[] Outputs { get; } = outputs;

    /// <summary>Whether the members require a gradient (they all do, or none does).</summary>
    public bool RequiresGrad { get; } = requiresGrad;

    /// <summary>How many numbers of scratch space <see cref="Forward"/> and <see cref="Backward"/> need.</summary>
    public virtual int ScratchSize => 0;

    /// <summary>Whether the members run as a grid (a matrix product) rather than one by one; for tests and reports.</summary>
    public virtual bool IsGrid => false;

    /// <summary>Computes every member's number from its children's numbers in <paramref name="data"/>.</summary>
    public abstract void Forward(double[] data, double[] scratch);

    /// <summary>Adds every member's gradient, times its local derivatives, to its children's gradients in <paramref name="grad"/>.</summary>
    public abstract void Backward(double[] data, double[] grad, double[] scratch);
}
