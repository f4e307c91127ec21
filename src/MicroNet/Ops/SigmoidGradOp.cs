namespace MicroNet.Ops;

/// <summary>
/// <c>y = s * (1 - s) * g</c>: a gradient <c>g</c> times sigmoid's derivative, read from sigmoid's output <c>s</c>
/// (PyTorch's <c>sigmoid_backward(g, s)</c>). Made by <see cref="SigmoidOp"/>'s derivative.
/// </summary>
/// <remarks>
/// <c>dy/dg = s * (1 - s)</c>, the same op again; <c>dy/ds = g * (1 - 2s)</c>, written as PyTorch writes it. Differentiating
/// <c>s * (1 - s)</c> as a product would give <c>(1 - s) - s</c>, two terms that make NaN (infinity minus infinity) where
/// an infinite gradient meets them; <c>1 - 2s</c> is one, and gives the infinity PyTorch gives. (Tanh's <c>1 - y * y</c>
/// needs no such op: the product rule on <c>y * y</c> gives two equal terms.)
/// </remarks>
internal readonly struct SigmoidGradOp : IOp
{
    public static OpCode Code => OpCode.SigmoidGrad;

    public static string Symbol(double parameter) => "sigmoid'";

    public static double Forward(ReadOnlySpan<double> inputs, double parameter) => inputs[1] * (1 - inputs[1]) * inputs[0];

    public static void Backward<T>(ReadOnlySpan<T> inputs, T output, double parameter, T outputGrad, Span<T> inputGrads)
        where T : IScalar<T>
    {
        T g = inputs[0], s = inputs[1];
        inputGrads[0] += T.Apply<SigmoidGradOp>([outputGrad, s], 0);
        inputGrads[1] += outputGrad * g * (-2 * s + 1);
    }
}
