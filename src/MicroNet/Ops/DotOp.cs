using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MicroNet.Ops;

/// <summary>
/// The dot product of n weights and n inputs, its children laid out as <c>[w0 .. w(n-1), x0 .. x(n-1)]</c> (only this file knows that):
/// <c>y = w0 * x0 + ... + w(n-1) * x(n-1)</c>; <c>dy/dw[i] = x[i]</c>, <c>dy/dx[i] = w[i]</c>.
/// </summary>
/// <remarks>
/// Below <see cref="SplitThreshold"/> pairs the products are summed left to right. From there on they are summed in
/// four running partial sums (pair <c>i</c> goes to sum <c>i % 4</c>), combined as <c>(s0 + s1) + (s2 + s3)</c>, and
/// the leftover pairs are added after that: four independent additions per step instead of one long chain of
/// dependent ones, so a neuron's 16-input dot takes about a quarter of the time. Where 256-bit vectors are
/// accelerated the four sums are the four lanes of one vector, which is the same arithmetic in the same order
/// (multiply, then add; never a fused multiply-add), so the result is the same on every machine and in every engine.
/// Backward is elementwise and vectorised the same way, bit for bit (<see cref="Real.AddScaled"/>). On values each half of the
/// gradient is one vector (<see cref="IScalar{T}.Unbind"/>), as PyTorch's <c>dot</c> backward is.
/// </remarks>
internal readonly partial struct DotOp : IOp
{
    public static OpCode Code => OpCode.Dot;

    /// <summary>The number of pairs from which the four partial sums are used.</summary>
    public const int SplitThreshold = 8;

    public static string Symbol(double parameter) => "dot";

    public static double Forward(ReadOnlySpan<double> inputs, double parameter) => Forward(WeightsOf(inputs), InputsOf(inputs));

    public static void Backward<T>(ReadOnlySpan<T> inputs, T output, double parameter, T outputGrad, Span<T> inputGrads)
        where T : IScalar<T> =>
        Backward(WeightsOf(inputs), InputsOf(inputs), outputGrad, WeightsOf(inputGrads), InputsOf(inputGrads));

    /// <summary>How many weight and input pairs a dot node of <paramref name="childCount"/> children has.</summary>
    public static int PairCount(int childCount) => childCount / 2;

    /// <summary>The children of a dot node, as its formula reads them: the weights, then the inputs.</summary>
    public static Value[] Children(IReadOnlyList<Value> weights, IReadOnlyList<Value> inputs)
    {
        var children = new Value[2 * weights.Count];
        for (int i = 0; i < weights.Count; i++)
        {
            children[i] = weights[i];
            children[weights.Count + i] = inputs[i];
        }
        return children;
    }

    /// <summary>The weights' part of a dot node's children (or of anything laid out as they are).</summary>
    public static ReadOnlySpan<T> WeightsOf<T>(ReadOnlySpan<T> children) => children[..PairCount(children.Length)];

    /// <summary>The inputs' part of a dot node's children (or of anything laid out as they are).</summary>
    public static ReadOnlySpan<T> InputsOf<T>(ReadOnlySpan<T> children) => children[PairCount(children.Length)..(2 * PairCount(children.Length))];

    private static Span<T> WeightsOf<T>(Span<T> children) => children[..PairCount(children.Length)];

    private static Span<T> InputsOf<T>(Span<T> children) => children[PairCount(children.Length)..(2 * PairCount(children.Length))];

    /// <summary>The forward formula on the two halves apart, for callers that hold them in separate places (a compiled replay).</summary>
    public static double Forward(ReadOnlySpan<double> weights, ReadOnlySpan<double> x)
    {
        int n = weights.Length;
        x = x[..n];
        double sum = 0;
        int i = 0;
        if (n >= SplitThreshold)
        {
            double s0, s1, s2, s3;
            if (Vector256.IsHardwareAccelerated)
            {
                ref double w = ref MemoryMarshal.GetReference(weights);
                ref double v = ref MemoryMarshal.GetReference(x);
                Vector256<double> lanes = Vector256<double>.Zero;
                for (; i <= n - 4; i += 4)
                {
                    lanes += Vector256.LoadUnsafe(ref w, (nuint)i) * Vector256.LoadUnsafe(ref v, (nuint)i);
                }
                (s0, s1, s2, s3) = (lanes.GetElement(0), lanes.GetElement(1), lanes.GetElement(2), lanes.GetElement(3));
            }
            else
            {
                s0 = s1 = s2 = s3 = 0;
                for (; i <= n - 4; i += 4)
                {
                    s0 += weights[i] * x[i];
                    s1 += weights[i + 1] * x[i + 1];
                    s2 += weights[i + 2] * x[i + 2];
                    s3 += weights[i + 3] * x[i + 3];
                }
            }
            sum = (s0 + s1) + (s2 + s3);
        }
        for (; i < n; i++)
        {
            sum += weights[i] * x[i];
        }
        return sum;
    }

    /// <summary>
    /// The chain rule on the two halves apart: adds <c>x[i] * outputGrad</c> to <c>weightGrads[i]</c> and <c>weights[i] * outputGrad</c>
    /// to <c>xGrads[i]</c>, each half as one vector operation (<see cref="IScalar{T}.AddScaled"/>), as PyTorch's
    /// <c>grad * tensor</c>. Either gradient span may be empty, when that half needs no gradient (a compiled replay whose
    /// inputs are constants); each element's arithmetic is the same either way.
    /// </summary>
    public static void Backward<T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> x, T outputGrad, Span<T> weightGrads, Span<T> xGrads)
        where T : IScalar<T>
    {
        int n = weights.Length;
        if (!weightGrads.IsEmpty)
        {
            T.AddScaled(x[..n], outputGrad, weightGrads[..n]);
        }
        if (!xGrads.IsEmpty)
        {
            T.AddScaled(weights, outputGrad, xGrads[..n]);
        }
    }

    /// <inheritdoc cref="Backward{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, T, Span{T}, Span{T})"/>
    public static void Backward(ReadOnlySpan<double> weights, ReadOnlySpan<double> x, double outputGrad, Span<double> weightGrads, Span<double> xGrads) =>
        Backward(Real.Of(weights), Real.Of(x), outputGrad, Real.Of(weightGrads), Real.Of(xGrads));
}
