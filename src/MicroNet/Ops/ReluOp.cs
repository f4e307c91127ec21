namespace MicroNet.Ops;

/// <summary>
/// <c>y = max(0, x)</c>; <c>dy/dx = 1</c> for <c>x &gt; 0</c>, else 0 (0 at exactly 0, as micrograd and PyTorch).
/// NaN propagates: <c>relu(NaN)</c> is NaN and passes the gradient through, as PyTorch's <c>clamp_min</c> and
/// <c>threshold_backward</c> do (micrograd's <c>0 if x &lt; 0 else x</c> gives NaN too).
/// </summary>
internal readonly struct ReluOp : IOp
{
    public static string Symbol(double parameter) => "ReLU";

    // Written as micrograd writes it, so that NaN (and -0.0) pass through unchanged.
    public static double Forward(ReadOnlySpan<double> inputs, double parameter) => inputs[0] < 0 ? 0 : inputs[0];

    public static void Backward(ReadOnlySpan<double> inputs, double output, double parameter, double outputGrad, Span<double> inputGrads)
    {
        // PyTorch's threshold_backward zeroes the gradient where output <= 0, so a NaN output keeps it.
        if (!(output <= 0))
        {
            inputGrads[0] += outputGrad;
        }
    }
}
