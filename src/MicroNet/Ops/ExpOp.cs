namespace MicroNet.Ops;

/// <summary><c>y = e ** x</c>; <c>dy/dx = y</c>. Overflows to infinity above about 709.78.</summary>
internal readonly struct ExpOp : IOp
{
    public static OpCode Code => OpCode.Exp;

    public static string Symbol(double parameter) => "exp";

    public static double Forward(ReadOnlySpan<double> inputs, double parameter) => Math.Exp(inputs[0]);

    public static void Backward<T>(ReadOnlySpan<T> inputs, T output, double parameter, T outputGrad, Span<T> inputGrads)
        where T : IScalar<T>
        => inputGrads[0] += output * outputGrad;
}
