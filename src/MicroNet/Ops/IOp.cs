namespace MicroNet.Ops;

/// <summary>
/// The definition of one operation: its forward formula and its local derivatives, side by side.
/// </summary>
/// <remarks>
/// Every engine reads these definitions and nothing else: the eager <see cref="Value"/> graph calls them
/// node by node, and a compiled replay can call them on flat arrays. Adding an op means adding one type
/// that implements this interface, one <see cref="OpCode"/> and one line in <see cref="OpTable"/>.
/// </remarks>
internal interface IOp
{
    /// <summary>The symbol shown in drawings, for example <c>+</c> or <c>**2</c>.</summary>
    static abstract string Symbol(double parameter);

    /// <summary>Computes the output from the inputs (and, for some ops, a constant parameter).</summary>
    static abstract double Forward(ReadOnlySpan<double> inputs, double parameter);

    /// <summary>
    /// The chain rule for this op: adds <c>(d output / d inputs[i]) * outputGrad</c> to <c>inputGrads[i]</c>.
    /// </summary>
    static abstract void Backward(ReadOnlySpan<double> inputs, double output, double parameter, double outputGrad, Span<double> inputGrads);
}
