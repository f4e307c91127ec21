namespace MicroNet.Ops;

/// <summary>
/// <c>y = x ** p</c> for a constant exponent <c>p</c>; <c>dy/dx = p * x ** (p - 1)</c>.
/// </summary>
/// <remarks>
/// As in PyTorch, the derivative is exactly 0 when <c>p == 0</c> (the formula alone would give
/// <c>0 * 0 ** -1</c>, NaN, at <c>x == 0</c>). A negative base with a non-integer exponent gives NaN;
/// <c>0 ** -1</c> gives infinity. The derivative is PyTorch's <c>where(p == 0, 0, g * (p * x ** (p - 1)))</c> written
/// out (<see cref="PowMaskOp"/>), so that its own derivative is PyTorch's too: the second derivative of <c>x ** 0</c>
/// at 0 is NaN, the zero that the mask sends into the formula it did not take meeting <c>0 ** -2</c>.
/// </remarks>
internal readonly struct PowerOp : IOp
{
    public static OpCode Code => OpCode.Power;

    public static string Symbol(double parameter) => "**" + OpTable.FormatNumber(parameter);

    public static double Forward(ReadOnlySpan<double> inputs, double parameter) => Math.Pow(inputs[0], parameter);

    public static void Backward<T>(ReadOnlySpan<T> inputs, T output, double parameter, T outputGrad, Span<T> inputGrads)
        where T : IScalar<T>
        => inputGrads[0] += PowMaskOp.ZeroWhereExponentIsZero(outputGrad * (parameter * T.Apply<PowerOp>(inputs[0], parameter - 1)), parameter);
}
