namespace MicroNet.Ops;

/// <summary>
/// <c>y = max(0, x)</c>; <c>dy/dx = 1</c> for <c>x &gt; 0</c>, else 0 (0 at exactly 0, as micrograd and PyTorch).
/// NaN propagates: <c>relu(NaN)</c> is NaN and passes the gradient through, as PyTorch's <c>clamp_min</c> and
/// <c>threshold_backward</c> do (micrograd's <c>0 if x &lt; 0 else x</c> gives NaN too).
/// </summary>
/// <remarks>
/// The derivative is a <see cref="ReluMaskOp"/> node, PyTorch's <c>threshold_backward</c>, so the second derivative is
/// 0 everywhere, also at 0.
/// </remarks>
internal readonly struct ReluOp : IOp
{
    public static OpCode Code => OpCode.Relu;

    public static string Symbol(double parameter) => "ReLU";

    // Written as micrograd writes it, so that NaN (and -0.0) pass through unchanged.
    public static double Forward(ReadOnlySpan<double> inputs, double parameter) => inputs[0] < 0 ? 0 : inputs[0];

    public static void Backward<T>(ReadOnlySpan<T> inputs, T output, double parameter, T outputGrad, Span<T> inputGrads)
        where T : IScalar<T>
        => inputGrads[0] += T.Apply<ReluMaskOp>([outputGrad, output], 0);
}
