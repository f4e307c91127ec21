namespace MicroNet.Ops;

/// <summary>
/// <c>y = a / b</c>; <c>dy/da = 1 / b</c>, <c>dy/db = -a / b / b</c>. IEEE division: <c>1 / 0</c> is infinity, <c>0 / 0</c> NaN.
/// </summary>
/// <remarks>
/// Only derivatives make this op: <see cref="LogOp"/>'s <c>grad / x</c> and the softmax of <see cref="LogSumExpOp"/>,
/// written as PyTorch writes them. A user's <c>a / b</c> stays micrograd's <c>a * b ** -1</c> (<see cref="Value"/>'s
/// <c>/</c> operator). The derivative of <c>b</c> is PyTorch's <c>-grad * ((a / b) / b)</c>.
/// </remarks>
internal readonly struct DivideOp : IOp
{
    public static OpCode Code => OpCode.Divide;

    public static string Symbol(double parameter) => "/";

    public static double Forward(ReadOnlySpan<double> inputs, double parameter) => inputs[0] / inputs[1];

    public static void Backward<T>(ReadOnlySpan<T> inputs, T output, double parameter, T outputGrad, Span<T> inputGrads)
        where T : IScalar<T>
    {
        T a = inputs[0], b = inputs[1];
        inputGrads[0] += outputGrad / b;
        inputGrads[1] += -outputGrad * (a / b / b);
    }
}
