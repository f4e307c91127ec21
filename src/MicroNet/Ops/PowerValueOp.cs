namespace MicroNet.Ops;

/// <summary>
/// <c>y = a ** b</c> where the exponent is itself a value; <c>dy/da = b * a ** (b - 1)</c>,
/// <c>dy/db = y * ln(a)</c>.
/// </summary>
/// <remarks>
/// <para>
/// Edge cases follow PyTorch's <c>pow</c> backward: <c>dy/da</c> is 0 where <c>b == 0</c>; <c>dy/db</c> is 0
/// where <c>a == 0</c> and <c>b &gt;= 0</c>. For <c>a &lt; 0</c>, <c>ln(a)</c> is NaN, so <c>dy/db</c> is NaN
/// (and <c>y</c> itself is NaN unless <c>b</c> is an integer).
/// </para>
/// <para>
/// The derivatives are PyTorch's formulas as written, <c>where(b == 0, 0, g * (b * a ** (b - 1)))</c> and
/// <c>g * where(a == 0 &amp; b &gt;= 0, 0, y * ln(a))</c>, so that their derivatives match PyTorch's too: the masks are
/// not differentiated (the Hessian at <c>b == 0</c> is not symmetric), and the zero they send into the formula they did
/// not take gives NaN where that formula holds an infinity (second derivatives at <c>a == 0</c>). A masked
/// <c>dy/db</c> times an infinite or NaN <c>g</c> is NaN, as in PyTorch.
/// </para>
/// </remarks>
internal readonly struct PowerValueOp : IOp
{
    public static OpCode Code => OpCode.PowerValue;

    public static string Symbol(double parameter) => "**";

    public static double Forward(ReadOnlySpan<double> inputs, double parameter) => Math.Pow(inputs[0], inputs[1]);

    public static void Backward<T>(ReadOnlySpan<T> inputs, T output, double parameter, T outputGrad, Span<T> inputGrads)
        where T : IScalar<T>
    {
        T a = inputs[0], b = inputs[1];
        inputGrads[0] += PowMaskOp.ZeroWhereExponentIsZero(outputGrad * (b * T.Apply<PowerValueOp>([a, b - 1], 0)), b);
        inputGrads[1] += outputGrad * PowMaskOp.ZeroWhereBaseIsZero(output * T.Apply<LogOp>(a, 0), a, b);
    }
}
