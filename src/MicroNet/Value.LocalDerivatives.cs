using MicroNet.Ops;

namespace MicroNet;

public sealed partial class Value
{
    /// <summary>
    /// The local derivative of this value with respect to each of its <see cref="Children"/>, <c>d this / d Children[i]</c>,
    /// as its op defines it, at the children's current <see cref="Data"/>. Empty for a leaf.
    /// </summary>
    /// <remarks>
    /// This is the factor <see cref="Backward"/> multiplies by this value's gradient to get what it adds to child
    /// <c>i</c>'s gradient (the chain rule, <c>child.Grad += local * this.Grad</c>), read from the same op definition with an
    /// upstream gradient of 1. A child that appears twice (<c>x * x</c>) has one entry per position, and receives both.
    /// Use it to show backpropagation one step at a time; a training loop has no need for it.
    /// </remarks>
    public IReadOnlyList<double> LocalDerivatives()
    {
        ReadOnlySpan<Value> children = ChildSpan;
        int n = children.Length;
        if (n == 0)
        {
            return [];
        }
        var inputs = new double[n];
        for (int i = 0; i < n; i++)
        {
            inputs[i] = children[i].Data;
        }
        var locals = new double[n];
        OpTable.Backward(_op, inputs, Data, _parameter, 1, locals);
        return locals;
    }
}
