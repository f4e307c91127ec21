namespace MicroNet.Ops;

/// <summary>
/// <c>y = ln(e ** x[0] + ... + e ** x[n-1])</c>, computed as <c>m + ln(sum(e ** (x[i] - m)))</c> with
/// <c>m = max(x)</c> so that no exponential overflows; <c>dy/dx[i] = e ** (x[i] - y)</c>, the softmax, as PyTorch writes it.
/// </summary>
/// <remarks>
/// <para>
/// As in PyTorch's <c>logsumexp</c>: an infinite maximum is not subtracted (so <c>+inf</c> in any input gives
/// <c>+inf</c>, and all <c>-inf</c> gives <c>-inf</c>); no inputs give <c>-inf</c>; NaN in any input gives NaN.
/// With a <c>+inf</c> input the derivative <c>e ** (x[i] - y)</c> is 0 for finite inputs and NaN for infinite ones; with
/// all inputs <c>-inf</c> it is NaN. Written with the output <c>y</c>, as PyTorch's backward is, the derivative carries
/// the rounding of <c>y</c> (about <c>ulp(max)</c>, 2e-9 relative near 1e8) exactly as PyTorch's does, and its own
/// derivative, the second, has PyTorch's shape.
/// </para>
/// <para>
/// The gradients are one vector (<see cref="IScalar{T}.Unbind"/>), as in PyTorch, so a NaN in one input's gradient
/// reaches every input's second derivatives (at <c>(inf, 0)</c> the whole Hessian is NaN).
/// </para>
/// </remarks>
internal readonly struct LogSumExpOp : IOp
{
    public static OpCode Code => OpCode.LogSumExp;

    public static string Symbol(double parameter) => "logsumexp";

    public static double Forward(ReadOnlySpan<double> inputs, double parameter)
    {
        double shift = Shift(Max(Real.Of(inputs)));
        double sum = 0;
        foreach (double x in inputs)
        {
            sum += Math.Exp(x - shift);
        }
        return shift + Math.Log(sum);
    }

    public static void Backward<T>(ReadOnlySpan<T> inputs, T output, double parameter, T outputGrad, Span<T> inputGrads)
        where T : IScalar<T>
    {
        AddSoftmaxTimes(inputs, output, outputGrad, inputGrads);
        T.Unbind(inputGrads);
    }

    /// <summary>
    /// The local derivative on its own, <c>softmax(x)[i] = e ** (x[i] - y)</c>: the probabilities a softmax model
    /// predicts, computed exactly as <see cref="Backward"/> computes them.
    /// </summary>
    public static void Softmax(ReadOnlySpan<double> inputs, Span<double> probabilities)
    {
        Span<double> result = probabilities[..inputs.Length];
        result.Clear();
        AddSoftmaxTimes(Real.Of(inputs), Forward(inputs, 0), 1, Real.Of(result));
    }

    // gradients[i] += softmax(x)[i] * factor.
    private static void AddSoftmaxTimes<T>(ReadOnlySpan<T> inputs, T output, T factor, Span<T> gradients)
        where T : IScalar<T>
    {
        // PyTorch's formula, e ** (x[i] - y) with y the output, at every order: its second derivative then has PyTorch's
        // shape (and rounding) too, where e ** (x[i] - m) / sum would differ by about ulp(y) / |x| relative.
        for (int i = 0; i < inputs.Length; i++)
        {
            gradients[i] += factor * T.Apply<ExpOp>(inputs[i] - output, 0);
        }
    }

    // NaN if any input is NaN.
    private static double Max<T>(ReadOnlySpan<T> inputs)
        where T : IScalar<T>
    {
        double max = double.NegativeInfinity;
        foreach (T x in inputs)
        {
            max = Math.Max(max, x.Data);
        }
        return max;
    }

    // The maximum, or 0 if it is infinite (subtracting an infinity would give NaN). A constant: it cancels out of the
    // softmax, so it is not differentiated.
    private static double Shift(double max) => double.IsInfinity(max) ? 0 : max;
}
