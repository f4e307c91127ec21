namespace MicroNet.Ops;

/// <summary>
/// <c>y = ln(x)</c>; <c>dy/dx = 1 / x</c>. IEEE results, as PyTorch: <c>ln(0)</c> is -infinity,
/// <c>ln(x &lt; 0)</c> is NaN (its derivative formula still gives <c>1 / x</c>).
/// </summary>
internal readonly struct LogOp : IOp
{
    public static string Symbol(double parameter) => "log";

    public static double Forward(ReadOnlySpan<double> inputs, double parameter) => Math.Log(inputs[0]);

    public static void Backward(ReadOnlySpan<double> inputs, double output, double parameter, double outputGrad, Span<double> inputGrads)
        => inputGrads[0] += outputGrad / inputs[0];
}
