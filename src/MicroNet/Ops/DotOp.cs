namespace MicroNet.Ops;

/// <summary>
/// The dot product of n weights and n inputs, laid out as <c>[w0 .. w(n-1), x0 .. x(n-1)]</c>:
/// <c>y = w0 * x0 + ... + w(n-1) * x(n-1)</c>, summed left to right; <c>dy/dw[i] = x[i]</c>, <c>dy/dx[i] = w[i]</c>.
/// </summary>
internal readonly struct DotOp : IOp
{
    public static string Symbol(double parameter) => "dot";

    public static double Forward(ReadOnlySpan<double> inputs, double parameter)
    {
        int n = inputs.Length / 2;
        ReadOnlySpan<double> weights = inputs[..n], x = inputs[n..];
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += weights[i] * x[i];
        }
        return sum;
    }

    public static void Backward(ReadOnlySpan<double> inputs, double output, double parameter, double outputGrad, Span<double> inputGrads)
    {
        int n = inputs.Length / 2;
        for (int i = 0; i < n; i++)
        {
            inputGrads[i] += inputs[n + i] * outputGrad;
            inputGrads[n + i] += inputs[i] * outputGrad;
        }
    }
}
