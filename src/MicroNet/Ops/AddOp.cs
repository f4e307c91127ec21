namespace MicroNet.Ops;

/// <summary><c>y = a + b</c>; <c>dy/da = 1</c>, <c>dy/db = 1</c>. NaN in either input gives NaN.</summary>
internal readonly struct AddOp : IOp
{
    public static OpCode Code => OpCode.Add;

    public static string Symbol(double parameter) => "+";

    public static double Forward(ReadOnlySpan<double> inputs, double parameter) => inputs[0] + inputs[1];

    public static void Backward<T>(ReadOnlySpan<T> inputs, T output, double parameter, T outputGrad, Span<T> inputGrads)
        where T : IScalar<T>
    {
        inputGrads[0] += outputGrad;
        inputGrads[1] += outputGrad;
    }
}
