namespace MicroNet.Ops;

/// <summary><c>y = x[0] + x[1] + ... + x[n-1]</c> (0 for no inputs), summed left to right; <c>dy/dx[i] = 1</c>.</summary>
internal readonly struct SumOp : IOp
{
    public static OpCode Code => OpCode.Sum;

    public static string Symbol(double parameter) => "sum";

    public static double Forward(ReadOnlySpan<double> inputs, double parameter)
    {
        double sum = 0;
        foreach (double x in inputs)
        {
            sum += x;
        }
        return sum;
    }

    public static void Backward<T>(ReadOnlySpan<T> inputs, T output, double parameter, T outputGrad, Span<T> inputGrads)
        where T : IScalar<T>
    {
        for (int i = 0; i < inputGrads.Length; i++)
        {
            inputGrads[i] += outputGrad;
        }
    }
}
