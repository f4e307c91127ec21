namespace MicroNet.Ops;

/// <summary>
/// <c>y = ln(1 + e ** x)</c>, computed as <c>max(x, 0) + ln(1 + e ** -|x|)</c> so that it neither overflows for
/// large x nor loses the tiny result for large negative x; <c>dy/dx = sigmoid(x)</c>.
/// </summary>
/// <remarks>
/// <c>+inf</c> gives <c>+inf</c> (derivative 1), <c>-inf</c> gives 0 (derivative 0), NaN gives NaN. Unlike PyTorch's
/// <c>softplus</c>, which returns x itself above a threshold of 20, this is the exact function everywhere, and so are its
/// higher derivatives (those of <see cref="SigmoidOp"/>).
/// </remarks>
internal readonly struct SoftplusOp : IOp
{
    public static OpCode Code => OpCode.Softplus;

    public static string Symbol(double parameter) => "softplus";

    public static double Forward(ReadOnlySpan<double> inputs, double parameter)
    {
        double x = inputs[0];
        return Math.Max(x, 0) + LogOnePlus(Math.Exp(-Math.Abs(x)));
    }

    public static void Backward<T>(ReadOnlySpan<T> inputs, T output, double parameter, T outputGrad, Span<T> inputGrads)
        where T : IScalar<T>
        => inputGrads[0] += T.Apply<SigmoidOp>(inputs[0], 0) * outputGrad;

    /// <summary>
    /// <c>ln(1 + u)</c>, accurate for tiny u, where <c>Math.Log(1 + u)</c> rounds <c>1 + u</c> to 1 and returns 0
    /// (.NET's <c>double.LogP1</c> is that naive formula). The correction <c>u / ((1 + u) - 1)</c> is Goldberg's.
    /// </summary>
    internal static double LogOnePlus(double u)
    {
        double onePlus = 1 + u;
        double rounded = onePlus - 1;
        return rounded == 0 ? u : Math.Log(onePlus) * (u / rounded);
    }
}
