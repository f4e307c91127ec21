namespace MicroNet.Ops;

/// <summary>
/// <c>y = 1 / (1 + e ** -x)</c>; <c>dy/dx = y * (1 - y)</c>.
/// </summary>
/// <remarks>
/// For negative x it computes <c>e ** x / (1 + e ** x)</c> instead, so <c>e ** -x</c> never overflows:
/// large negative inputs give tiny positive outputs, not 0 / NaN. The derivative is a <see cref="SigmoidGradOp"/> node,
/// whose own derivative is PyTorch's single product <c>1 - 2y</c>, so that the second derivative is infinite, not NaN,
/// where an infinite gradient meets it.
/// </remarks>
internal readonly struct SigmoidOp : IOp
{
    public static OpCode Code => OpCode.Sigmoid;

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

    public static void Backward<T>(ReadOnlySpan<T> inputs, T output, double parameter, T outputGrad, Span<T> inputGrads)
        where T : IScalar<T>
        => inputGrads[0] += T.Apply<SigmoidGradOp>([outputGrad, output], 0);
}
