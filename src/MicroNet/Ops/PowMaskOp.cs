namespace MicroNet.Ops;

/// <summary>
/// <c>y = 0</c> where a condition on pow's base <c>a</c> and exponent <c>b</c> holds, else <c>x</c>: PyTorch's
/// <c>where(condition, 0, x)</c> in pow's derivatives. Its inputs are <c>[x, b]</c> for the condition <c>b == 0</c>
/// (<see cref="PowerOp"/>, the base of <see cref="PowerValueOp"/>) and <c>[x, a, b]</c> for <c>a == 0 and b &gt;= 0</c>
/// (the exponent of <see cref="PowerValueOp"/>).
/// </summary>
/// <remarks>
/// <c>dy/dx</c> is the same mask, so where the condition holds the formula <c>x</c> still gets a gradient: 0, which its
/// own derivatives multiply (giving NaN where they are infinite, as in PyTorch). The condition is not differentiated.
/// </remarks>
internal readonly struct PowMaskOp : IOp
{
    public static OpCode Code => OpCode.PowMask;

    public static string Symbol(double parameter) => parameter == 0 ? "where b != 0" : "where a != 0 or b < 0";

    public static double Forward(ReadOnlySpan<double> inputs, double parameter) => IsMasked(inputs) ? 0 : inputs[0];

    public static void Backward<T>(ReadOnlySpan<T> inputs, T output, double parameter, T outputGrad, Span<T> inputGrads)
        where T : IScalar<T>
        => inputGrads[0] += inputs.Length == 2
            ? ZeroWhereExponentIsZero(outputGrad, inputs[1])
            : ZeroWhereBaseIsZero(outputGrad, inputs[1], inputs[2]);

    /// <summary><c>0</c> where <paramref name="exponent"/> is 0, else <paramref name="x"/>.</summary>
    public static T ZeroWhereExponentIsZero<T>(T x, T exponent)
        where T : IScalar<T> => T.Apply<PowMaskOp>([x, exponent], 0);

    /// <summary><c>0</c> where <paramref name="powerBase"/> is 0 and <paramref name="exponent"/> is at least 0, else <paramref name="x"/>.</summary>
    public static T ZeroWhereBaseIsZero<T>(T x, T powerBase, T exponent)
        where T : IScalar<T> => T.Apply<PowMaskOp>([x, powerBase, exponent], 1);

    private static bool IsMasked(ReadOnlySpan<double> inputs) => inputs.Length == 2
        ? inputs[1] == 0
        : inputs[1] == 0 && inputs[2] >= 0;
}
