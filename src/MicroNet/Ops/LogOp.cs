namespace MicroNet.Ops;

/// <summary>
/// <c>y = ln(x)</c>; <c>dy/dx = 1 / x</c>. IEEE results, as PyTorch: <c>ln(0)</c> is -infinity,
/// <c>ln(x &lt; 0)</c> is NaN (its derivative formula still gives <c>1 / x</c>).
/// </summary>
/// <remarks>
/// The derivative divides (<see cref="DivideOp"/>), as PyTorch's <c>grad / x</c> does, so that its own derivative,
/// <c>-grad / x / x</c>, overflows and gives NaN where PyTorch's does.
/// </remarks>
internal readonly struct LogOp : IOp
{
    public static OpCode Code => OpCode.Log;

    public static string Symbol(double parameter) => "log";

    public static double Forward(ReadOnlySpan<double> inputs, double parameter) => Math.Log(inputs[0]);

    public static void Backward<T>(ReadOnlySpan<T> inputs, T output, double parameter, T outputGrad, Span<T> inputGrads)
        where T : IScalar<T>
        => inputGrads[0] += outputGrad / inputs[0];
}
