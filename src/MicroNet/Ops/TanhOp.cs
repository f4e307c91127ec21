namespace MicroNet.Ops;

/// <summary>
/// <c>y = tanh(x)</c>; <c>dy/dx = 1 - y ** 2</c>.
/// </summary>
/// <remarks>
/// Uses <see cref="Math.Tanh(double)"/>, which saturates to exactly ±1 for large |x| (derivative 0), where
/// the notebook's <c>(e ** 2x - 1) / (e ** 2x + 1)</c> overflows to NaN.
/// </remarks>
internal readonly struct TanhOp : IOp
{
    public static string Symbol(double parameter) => "tanh";

    public static double Forward(ReadOnlySpan<double> inputs, double parameter) => Math.Tanh(inputs[0]);

    public static void Backward(ReadOnlySpan<double> inputs, double output, double parameter, double outputGrad, Span<double> inputGrads)
        => inputGrads[0] += (1 - output * output) * outputGrad;
}
