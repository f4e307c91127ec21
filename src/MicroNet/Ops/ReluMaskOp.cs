namespace MicroNet.Ops;

/// <summary>
/// <c>y = g</c> where <c>r &gt; 0</c> (or r is NaN), else 0: a gradient <c>g</c> times relu's derivative, read from relu's
/// output <c>r</c> (PyTorch's <c>threshold_backward(g, r, 0)</c>). Made by <see cref="ReluOp"/>'s derivative.
/// </summary>
/// <remarks>
/// <c>dy/dg</c> is the same mask; <c>dy/dr</c> is 0, so relu's second derivative is 0 everywhere. As in PyTorch that
/// 0 is still sent on to <c>r</c>, and through relu to whatever made its input, where a 0 times an infinite
/// derivative gives NaN.
/// </remarks>
internal readonly struct ReluMaskOp : IOp
{
    public static OpCode Code => OpCode.ReluMask;

    public static string Symbol(double parameter) => "relu'";

    public static double Forward(ReadOnlySpan<double> inputs, double parameter) => inputs[1] <= 0 ? 0 : inputs[0];

    public static void Backward<T>(ReadOnlySpan<T> inputs, T output, double parameter, T outputGrad, Span<T> inputGrads)
        where T : IScalar<T>
    {
        inputGrads[0] += T.Apply<ReluMaskOp>([outputGrad, inputs[1]], 0);
        inputGrads[1] += 0;
    }
}
