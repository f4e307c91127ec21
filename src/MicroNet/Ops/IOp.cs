namespace MicroNet.Ops;

/// <summary>
/// The definition of one operation: its forward formula and its local derivatives, side by side.
/// </summary>
/// <remarks>
/// Every engine reads these definitions and nothing else: the eager <see cref="Value"/> graph calls them node by node,
/// the compiled replay calls them on flat arrays, and <see cref="Autograd"/> runs the same <see cref="Backward"/> on
/// values, so that the derivative it builds is made of ops again and can itself be differentiated. Adding an op means
/// adding one type that implements this interface, one <see cref="OpCode"/> and its lines in <see cref="OpTable"/>.
/// </remarks>
internal interface IOp
{
    /// <summary>The code a node made by this op stores.</summary>
    static abstract OpCode Code { get; }

    /// <summary>The symbol shown in drawings, for example <c>+</c> or <c>**2</c>.</summary>
    static abstract string Symbol(double parameter);

    /// <summary>Computes the output from the inputs (and, for some ops, a constant parameter).</summary>
    static abstract double Forward(ReadOnlySpan<double> inputs, double parameter);

    /// <summary>
    /// The chain rule for this op: adds <c>(d output / d inputs[i]) * outputGrad</c> to <c>inputGrads[i]</c>, written
    /// once for any <see cref="IScalar{T}"/>: on <see cref="Real"/> it computes the numbers, on <see cref="Value"/> it
    /// builds them as a graph.
    /// </summary>
    static abstract void Backward<T>(ReadOnlySpan<T> inputs, T output, double parameter, T outputGrad, Span<T> inputGrads)
        where T : IScalar<T>;
}
