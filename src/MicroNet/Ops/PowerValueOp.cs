namespace MicroNet.Ops;

/// <summary>
/// <c>y = a ** b</c> where the exponent is itself a value; <c>dy/da = b * a ** (b - 1)</c>,
/// <c>dy/db = y * ln(a)</c>.
/// </summary>
/// <remarks>
/// Edge cases follow PyTorch's <c>pow</c> backward: <c>dy/da</c> is 0 where <c>b == 0</c>; <c>dy/db</c> is 0
/// where <c>a == 0</c> and <c>b &gt;= 0</c>. For <c>a &lt; 0</c>, <c>ln(a)</c> is NaN, so <c>dy/db</c> is NaN
/// (and <c>y</c> itself is NaN unless <c>b</c> is an integer).
/// </remarks>
internal readonly struct PowerValueOp : IOp
{
    public static string Symbol(double parameter) => "**";

    public static double Forward(ReadOnlySpan<double> inputs, double parameter) => Math.Pow(inputs[0], inputs[1]);

    public static void Backward(ReadOnlySpan<double> inputs, double output, double parameter, double outputGrad, Span<double> inputGrads)
    {
        double a = inputs[0], b = inputs[1];
        if (b != 0)
        {
            inputGrads[0] += b * Math.Pow(a, b - 1) * outputGrad;
        }
        if (!(a == 0 && b >= 0))
        {
            inputGrads[1] += output * Math.Log(a) * outputGrad;
        }
    }
}
