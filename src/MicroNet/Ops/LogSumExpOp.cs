using System.Runtime.CompilerServices;

namespace MicroNet.Ops;

/// <summary>
/// <c>y = ln(e ** x[0] + ... + e ** x[n-1])</c>, computed as <c>m + ln(sum(e ** (x[i] - m)))</c> with
/// <c>m = max(x)</c> so that no exponential overflows; <c>dy/dx[i] = e ** (x[i] - m) / sum(e ** (x[j] - m))</c>, the softmax.
/// </summary>
/// <remarks>
/// <para>
/// As in PyTorch's <c>logsumexp</c>: an infinite maximum is not subtracted (so <c>+inf</c> in any input gives
/// <c>+inf</c>, and all <c>-inf</c> gives <c>-inf</c>); no inputs give <c>-inf</c>; NaN in any input gives NaN.
/// With a <c>+inf</c> input the derivative is PyTorch's <c>e ** (x[i] - y)</c>: 0 for finite inputs, NaN for infinite
/// ones; with all inputs <c>-inf</c> it is NaN.
/// </para>
/// <para>
/// The gradients are one vector (<see cref="IScalar{T}.Unbind"/>), as in PyTorch, so a NaN in one input's gradient
/// reaches every input's second derivatives (at <c>(inf, 0)</c> the whole Hessian is NaN). Each <c>e ** (x[i] - m)</c> is
/// computed once and used in both the sum and the softmax, so that in a second derivative the two terms it gets cancel
/// before they meet anything else, as they do in PyTorch.
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
    /// The local derivative on its own, <c>softmax(x)[i] = e ** (x[i] - m) / sum(e ** (x[j] - m))</c>: the probabilities a
    /// softmax model predicts, computed exactly as <see cref="Backward"/> computes them.
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
        double max = Max(inputs);
        if (double.IsPositiveInfinity(max))
        {
            // y is +inf. e ** (x[i] - y) is 0 for a finite x[i], where e ** x[i] / sum would be inf / inf above 709.
            for (int i = 0; i < inputs.Length; i++)
            {
                gradients[i] += factor * T.Apply<ExpOp>(inputs[i] - output, 0);
            }
            return;
        }
        // e ** (x[i] - m) / sum rather than e ** (x[i] - y): y = m + ln(sum) carries an absolute rounding error of
        // about ulp(m), which e ** (x[i] - y) would turn into a relative error of 1e-13 for logits near 1000.
        double shift = Shift(max);
        Sixteen<T> small = default;
        Span<T> exps = inputs.Length <= 16 ? ((Span<T>)small)[..inputs.Length] : new T[inputs.Length];
        T sum = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            exps[i] = T.Apply<ExpOp>(inputs[i] - shift, 0);
            sum += exps[i];
        }
        for (int i = 0; i < inputs.Length; i++)
        {
            gradients[i] += exps[i] / sum * factor;
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

    // Room for the exponentials of up to 16 inputs (a classifier's logits) on the stack.
    [InlineArray(16)]
    private struct Sixteen<T>
    {
        private T _element;
    }
}
