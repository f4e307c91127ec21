using System.Globalization;

namespace MicroNet.Ops;

/// <summary>
/// <c>y = x[i]</c>, with <c>i</c> the parameter: one element of a vector op's gradient (<see cref="IScalar{T}.Unbind"/>),
/// its inputs being every element; <c>dy/dx[i] = 1</c>, <c>dy/dx[j] = 0</c> for the others.
/// </summary>
/// <remarks>
/// The zeros are sent, not skipped, as PyTorch's <c>unbind</c> sends them: differentiating one element of
/// <c>logsumexp</c>'s or <c>dot</c>'s gradient multiplies them through the other elements' formulas, so a NaN or an
/// infinity in another argument reaches this element's derivatives as it does in PyTorch.
/// </remarks>
internal readonly struct ElementOp : IOp
{
    public static OpCode Code => OpCode.Element;

    public static string Symbol(double parameter) => "[" + ((int)parameter).ToString(CultureInfo.InvariantCulture) + "]";

    public static double Forward(ReadOnlySpan<double> inputs, double parameter) => inputs[(int)parameter];

    public static void Backward<T>(ReadOnlySpan<T> inputs, T output, double parameter, T outputGrad, Span<T> inputGrads)
        where T : IScalar<T>
    {
        int index = (int)parameter;
        for (int i = 0; i < inputGrads.Length; i++)
        {
            inputGrads[i] += i == index ? outputGrad : 0;
        }
    }
}
