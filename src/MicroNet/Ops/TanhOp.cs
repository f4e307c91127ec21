namespace MicroNet.Ops;

/// <summary>
/// <c>y = tanh(x)</c>; <c>dy/dx = 1 - y ** 2</c>.
/// </summary>
/// <remarks>
/// Uses <see cref="Math.Tanh(double)"/>, which saturates to exactly ±1 for large |x| (derivative 0), where
/// the notebook's <c>(e ** 2x - 1) / (e ** 2x + 1)</c> overflows to NaN. The second derivative follows from the
/// first: <c>-2 y (1 - y ** 2)</c>, -0.0 at 0 as in PyTorch.
/// </remarks>
internal readonly struct TanhOp : IOp
{
    public static OpCode Code => OpCode.Tanh;

    public static string Symbol(double parameter) => "tanh";

    public static double Forward(ReadOnlySpan<double> inputs, double parameter) => Math.Tanh(inputs[0]);

    public static void Backward<T>(ReadOnlySpan<T> inputs, T output, double parameter, T outputGrad, Span<T> inputGrads)
        where T : IScalar<T>
        => inputGrads[0] += (1 - output * output) * outputGrad;
}
