namespace MicroNet.Ops;

/// <summary><c>y = a * b</c>; <c>dy/da = b</c>, <c>dy/db = a</c>. Follows IEEE: <c>0 * inf</c> is NaN.</summary>
internal readonly struct MultiplyOp : IOp
{
    public static OpCode Code => OpCode.Multiply;

    public static string Symbol(double parameter) => "*";

    public static double Forward(ReadOnlySpan<double> inputs, double parameter) => inputs[0] * inputs[1];

    public static void Backward<T>(ReadOnlySpan<T> inputs, T output, double parameter, T outputGrad, Span<T> inputGrads)
        where T : IScalar<T>
    {
        inputGrads[0] += inputs[1] * outputGrad;
        inputGrads[1] += inputs[0] * outputGrad;
    }
}
