namespace MicroNet.Ops;

/// <summary>
/// <c>y = max(0, x)</c>; <c>dy/dx = 1</c> for <c>x &gt; 0</c>, else 0 (0 at exactly 0, as micrograd and PyTorch).
/// NaN input gives 0 output, as micrograd's comparison does.
/// </summary>
internal readonly struct ReluOp : IOp
{
    public static string Symbol(double parameter) => "ReLU";

    public static double Forward(ReadOnlySpan<double> inputs, double parameter) => inputs[0] > 0 ? inputs[0] : 0;

    public static void Backward(ReadOnlySpan<double> inputs, double output, double parameter, double outputGrad, Span<double> inputGrads)
    {
        if (output > 0)
        {
            inputGrads[0] += outputGrad;
        }
    }
}
