namespace MicroNet.Ops;

/// <summary>
/// <c>y = 1 / (1 + e ** -x)</c>; <c>dy/dx = y * (1 - y)</c>.
/// </summary>
/// <remarks>
/// For negative x it computes <c>e ** x / (1 + e ** x)</c> instead, so <c>e ** -x</c> never overflows:
/// large negative inputs give tiny positive outputs, not 0 / NaN.
/// </remarks>
internal readonly struct SigmoidOp : IOp
{
    public static string Symbol(double parameter) => "sigmoid";

    public static double Forward(ReadOnlySpan<double> inputs, double parameter)
    {
        double x = inputs[0];
        if (x >= 0)
        {
            return 1 / (1 + Math.Exp(-x));
        }
        double e = Math.Exp(x);
        return e / (1 + e);
    }

    public static void Backward(ReadOnlySpan<double> inputs, double output, double parameter, double outputGrad, Span<double> inputGrads)
        => inputGrads[0] += output * (1 - output) * outputGrad;
}
