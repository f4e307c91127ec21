namespace MicroNet.Ops;

/// <summary>
/// <c>y = ln(e ** x[0] + ... + e ** x[n-1])</c>, computed as <c>m + ln(sum(e ** (x[i] - m)))</c> with
/// <c>m = max(x)</c> so that no exponential overflows; <c>dy/dx[i] = e ** (x[i] - m) / sum(e ** (x[j] - m))</c>, the softmax.
/// </summary>
/// <remarks>
/// As in PyTorch's <c>logsumexp</c>: an infinite maximum is not subtracted (so <c>+inf</c> in any input gives
/// <c>+inf</c>, and all <c>-inf</c> gives <c>-inf</c>); no inputs give <c>-inf</c>; NaN in any input gives NaN.
/// With a <c>+inf</c> input the derivative is NaN for infinite inputs and 0 for finite ones; with all inputs <c>-inf</c> it is NaN.
/// </remarks>
internal readonly struct LogSumExpOp : IOp
{
    public static string Symbol(double parameter) => "logsumexp";

    public static double Forward(ReadOnlySpan<double> inputs, double parameter)
    {
        double shift = Shift(inputs);
        return shift + Math.Log(SumOfShiftedExps(inputs, shift));
    }

    public static void Backward(ReadOnlySpan<double> inputs, double output, double parameter, double outputGrad, Span<double> inputGrads)
    {
        // e ** (x[i] - m) / sum rather than e ** (x[i] - y): y = m + ln(sum) carries an absolute rounding error of
        // about ulp(m), which e ** (x[i] - y) would turn into a relative error of 1e-13 for logits near 1000.
        double shift = Shift(inputs);
        double sum = SumOfShiftedExps(inputs, shift);
        for (int i = 0; i < inputs.Length; i++)
        {
            inputGrads[i] += SoftmaxAt(inputs[i], shift, sum) * outputGrad;
        }
    }

    /// <summary>
    /// The local derivative on its own, <c>softmax(x)[i] = e ** (x[i] - m) / sum(e ** (x[j] - m))</c>: the probabilities a
    /// softmax model predicts, computed exactly as <see cref="Backward"/> computes them.
    /// </summary>
    public static void Softmax(ReadOnlySpan<double> inputs, Span<double> probabilities)
    {
        double shift = Shift(inputs);
        double sum = SumOfShiftedExps(inputs, shift);
        for (int i = 0; i < inputs.Length; i++)
        {
            probabilities[i] = SoftmaxAt(inputs[i], shift, sum);
        }
    }

    private static double SoftmaxAt(double x, double shift, double sum) => Math.Exp(x - shift) / sum;

    // The maximum, or 0 if it is infinite (subtracting an infinity would give NaN); NaN if any input is NaN.
    private static double Shift(ReadOnlySpan<double> inputs)
    {
        double max = double.NegativeInfinity;
        foreach (double x in inputs)
        {
            max = Math.Max(max, x);
        }
        return double.IsInfinity(max) ? 0 : max;
    }

    private static double SumOfShiftedExps(ReadOnlySpan<double> inputs, double shift)
    {
        double sum = 0;
        foreach (double x in inputs)
        {
            sum += Math.Exp(x - shift);
        }
        return sum;
    }
}
