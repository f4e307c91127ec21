namespace MicroNet.Ops;

/// <summary>
/// <c>y = x ** p</c> for a constant exponent <c>p</c>; <c>dy/dx = p * x ** (p - 1)</c>.
/// </summary>
/// <remarks>
/// As in PyTorch, the derivative is exactly 0 when <c>p == 0</c> (the formula alone would give
/// <c>0 * 0 ** -1</c>, NaN, at <c>x == 0</c>). A negative base with a non-integer exponent gives NaN;
/// <c>0 ** -1</c> gives infinity.
/// </remarks>
internal readonly struct PowerOp : IOp
{
    public static string Symbol(double parameter) => "**" + OpTable.FormatNumber(parameter);

    public static double Forward(ReadOnlySpan<double> inputs, double parameter) => Math.Pow(inputs[0], parameter);

    public static void Backward(ReadOnlySpan<double> inputs, double output, double parameter, double outputGrad, Span<double> inputGrads)
    {
        if (parameter != 0)
        {
            inputGrads[0] += parameter * Math.Pow(inputs[0], parameter - 1) * outputGrad;
        }
    }
}
