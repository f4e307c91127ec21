namespace MicroNet.Ops;

/// <summary>
/// The numbers an op's local derivative is written in, so that it is written once: <see cref="Real"/>, a plain
/// <c>double</c>, for the fast backward pass of the eager engine and the compiled replay; <see cref="Value"/> for
/// <see cref="Autograd"/>'s graph-building pass, where the same formula builds nodes that can be differentiated again.
/// </summary>
/// <remarks>
/// <para>
/// An op's <c>Backward</c> adds <c>local derivative * outputGrad</c> to each input's gradient with <c>+=</c>. On
/// <see cref="Real"/> that is arithmetic. On <see cref="Value"/> each operator makes a node (a number makes a
/// <see cref="Value.Constant"/>), and the gradients an op receives start empty (null): the first contribution is
/// stored as it is and later ones are added, as in PyTorch's input buffer.
/// </para>
/// <para>
/// A formula calls other ops through <see cref="Apply{TOp}(ReadOnlySpan{T}, double)"/>: on doubles that is the op's
/// <c>Forward</c>, on values a new node of that op, whose own derivative is then that op's <c>Backward</c>.
/// </para>
/// </remarks>
internal interface IScalar<T>
    where T : IScalar<T>
{
    /// <summary>The number: itself for <see cref="Real"/>, <see cref="Value.Data"/> for a value.</summary>
    double Data { get; }

    /// <summary>A constant (a <see cref="Value.Constant"/> on values).</summary>
    static abstract implicit operator T(double value);

    static abstract T operator +(T left, T right);

    static abstract T operator -(T left, T right);

    static abstract T operator *(T left, T right);

    static abstract T operator /(T left, T right);

    static abstract T operator -(T operand);

    /// <summary>What a node stands for in a formula: its <see cref="Value.Data"/> as a <see cref="Real"/>, or the node itself.</summary>
    static abstract T Of(Value node);

    /// <summary>The op <typeparamref name="TOp"/> on <paramref name="inputs"/>: its forward formula, or a new node.</summary>
    static abstract T Apply<TOp>(ReadOnlySpan<T> inputs, double parameter)
        where TOp : IOp;

    /// <summary>The op <typeparamref name="TOp"/> on one input.</summary>
    static abstract T Apply<TOp>(T input, double parameter)
        where TOp : IOp;

    /// <summary>
    /// <c>gradients[i] += source[i] * factor</c> for every i, as one vector operation (see <see cref="Unbind"/>): on
    /// doubles four lanes at a time where vectors are accelerated, with the same multiply then add in every lane.
    /// </summary>
    static abstract void AddScaled(ReadOnlySpan<T> source, T factor, Span<T> gradients);

    /// <summary>
    /// Marks an op's gradients as the elements of one vector, as PyTorch computes the gradient of <c>logsumexp</c> or
    /// <c>dot</c> of a stacked tensor. Nothing on doubles; on values each gradient becomes an <see cref="ElementOp"/> node
    /// that reads its own element but sends a zero to the others, so that differentiating one element multiplies that
    /// zero through the others' formulas (NaN where they hold an infinity), as PyTorch's <c>unbind</c> does.
    /// </summary>
    static abstract void Unbind(Span<T> gradients);
}
