using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MicroNet.Ops;

/// <summary>
/// Many dot products at once, for a compiled replay that batches a layer's Dot nodes across the samples of a batch: a
/// grid of left rows (a layer's weight vectors) by right rows (the samples' inputs) is a matrix product. Every number is
/// the one <see cref="Forward(ReadOnlySpan{double}, ReadOnlySpan{double})"/> and <see cref="Backward(ReadOnlySpan{double}, ReadOnlySpan{double}, double, Span{double}, Span{double})"/>
/// give for that pair, bit for bit: the same products summed in the same order, multiply then add, never fused. The
/// speed comes from tiles: 4 x 4 products share their loads, and each gradient row stays in registers while every
/// sample's contribution is added to it.
/// </summary>
/// <remarks>
/// A row is <c>n</c> consecutive numbers of one array starting at its offset (a slot of the replay). Both methods take the
/// rows in the order their contributions are added; the caller checks that this is the order of the nodes.
/// </remarks>
internal readonly partial struct DotOp
{
    /// <summary>
    /// <c>products[l * rights.Length + r] = Forward(row lefts[l], row rights[r])</c> for every pair, rows of
    /// <paramref name="n"/> numbers of <paramref name="data"/>.
    /// </summary>
    public static void ForwardGrid(ReadOnlySpan<double> data, ReadOnlySpan<int> lefts, ReadOnlySpan<int> rights, int n, Span<double> products)
    {
        int leftCount = lefts.Length, rightCount = rights.Length;
        int l = 0;
        if (n >= SplitThreshold && Vector256.IsHardwareAccelerated)
        {
            for (; l <= leftCount - 4; l += 4)
            {
                int r = 0;
                for (; r <= rightCount - 4; r += 4)
                {
                    ForwardTile(data, lefts.Slice(l, 4), rights.Slice(r, 4), n, products[(l * rightCount + r)..], rightCount);
                }
                for (; r < rightCount; r++)
                {
                    for (int k = l; k < l + 4; k++)
                    {
                        products[k * rightCount + r] = Forward(data.Slice(lefts[k], n), data.Slice(rights[r], n));
                    }
                }
            }
        }
        if (n < SplitThreshold)
        {
            // Forward's left-to-right sum, without its checks: short rows (a first layer's two inputs) are most of the cost.
            ref double d = ref MemoryMarshal.GetReference(data);
            for (; l < leftCount; l++)
            {
                ref double w = ref Unsafe.Add(ref d, lefts[l]);
                for (int r = 0; r < rightCount; r++)
                {
                    ref double x = ref Unsafe.Add(ref d, rights[r]);
                    double sum = 0;
                    for (int i = 0; i < n; i++)
                    {
                        sum += Unsafe.Add(ref w, i) * Unsafe.Add(ref x, i);
                    }
                    products[l * rightCount + r] = sum;
                }
            }
        }
        for (; l < leftCount; l++)
        {
            ReadOnlySpan<double> weights = data.Slice(lefts[l], n);
            for (int r = 0; r < rightCount; r++)
            {
                products[l * rightCount + r] = Forward(weights, data.Slice(rights[r], n));
            }
        }
    }

    /// <summary>
    /// The chain rule for a grid, one half at a time: for each target row <c>t</c>, in order of the sources,
    /// <c>grad[row targets[t]] += data[row sources[s]] * factors[t * targetStride + s * sourceStride]</c>. With the weights as
    /// targets and the inputs as sources this is every node's <c>dy/dw[i] = x[i]</c> times its gradient; swapped, its
    /// <c>dy/dx[i] = w[i]</c>. Each element gets the additions <see cref="Real.AddScaled"/> gives it, in the same order.
    /// </summary>
    public static void AccumulateGrid(
        ReadOnlySpan<double> data, Span<double> grad, ReadOnlySpan<int> targets, ReadOnlySpan<int> sources, int n,
        ReadOnlySpan<double> factors, int targetStride, int sourceStride)
    {
        int t = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; t <= targets.Length - 4; t += 4)
            {
                AccumulateFourRows(data, grad, targets.Slice(t, 4), sources, n, factors[(t * targetStride)..], targetStride, sourceStride);
            }
        }
        for (; t < targets.Length; t++)
        {
            Span<Real> row = Real.Of(grad.Slice(targets[t], n));
            for (int s = 0; s < sources.Length; s++)
            {
                Real.AddScaled(Real.Of(data.Slice(sources[s], n)), factors[t * targetStride + s * sourceStride], row);
            }
        }
    }

    // Sixteen products, each with its four lane sums in one vector, as Forward keeps them.
    private static void ForwardTile(ReadOnlySpan<double> data, ReadOnlySpan<int> lefts, ReadOnlySpan<int> rights, int n, Span<double> products, int stride)
    {
        ref double d = ref MemoryMarshal.GetReference(data);
        ref double w0 = ref Unsafe.Add(ref d, lefts[0]), w1 = ref Unsafe.Add(ref d, lefts[1]);
        ref double w2 = ref Unsafe.Add(ref d, lefts[2]), w3 = ref Unsafe.Add(ref d, lefts[3]);
        ref double x0 = ref Unsafe.Add(ref d, rights[0]), x1 = ref Unsafe.Add(ref d, rights[1]);
        ref double x2 = ref Unsafe.Add(ref d, rights[2]), x3 = ref Unsafe.Add(ref d, rights[3]);
        Vector256<double> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector256<double> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector256<double> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector256<double> a30 = default, a31 = default, a32 = default, a33 = default;
        int blocked = n - n % 4;
        for (nuint i = 0; i < (nuint)blocked; i += 4)
        {
            Vector256<double> v0 = Vector256.LoadUnsafe(ref x0, i), v1 = Vector256.LoadUnsafe(ref x1, i);
            Vector256<double> v2 = Vector256.LoadUnsafe(ref x2, i), v3 = Vector256.LoadUnsafe(ref x3, i);
            Vector256<double> w = Vector256.LoadUnsafe(ref w0, i);
            a00 += w * v0; a01 += w * v1; a02 += w * v2; a03 += w * v3;
            w = Vector256.LoadUnsafe(ref w1, i);
            a10 += w * v0; a11 += w * v1; a12 += w * v2; a13 += w * v3;
            w = Vector256.LoadUnsafe(ref w2, i);
            a20 += w * v0; a21 += w * v1; a22 += w * v2; a23 += w * v3;
            w = Vector256.LoadUnsafe(ref w3, i);
            a30 += w * v0; a31 += w * v1; a32 += w * v2; a33 += w * v3;
        }
        products[0] = Finish(a00, ref w0, ref x0, blocked, n);
        products[1] = Finish(a01, ref w0, ref x1, blocked, n);
        products[2] = Finish(a02, ref w0, ref x2, blocked, n);
        products[3] = Finish(a03, ref w0, ref x3, blocked, n);
        products[stride] = Finish(a10, ref w1, ref x0, blocked, n);
        products[stride + 1] = Finish(a11, ref w1, ref x1, blocked, n);
        products[stride + 2] = Finish(a12, ref w1, ref x2, blocked, n);
        products[stride + 3] = Finish(a13, ref w1, ref x3, blocked, n);
        products[2 * stride] = Finish(a20, ref w2, ref x0, blocked, n);
        products[2 * stride + 1] = Finish(a21, ref w2, ref x1, blocked, n);
        products[2 * stride + 2] = Finish(a22, ref w2, ref x2, blocked, n);
        products[2 * stride + 3] = Finish(a23, ref w2, ref x3, blocked, n);
        products[3 * stride] = Finish(a30, ref w3, ref x0, blocked, n);
        products[3 * stride + 1] = Finish(a31, ref w3, ref x1, blocked, n);
        products[3 * stride + 2] = Finish(a32, ref w3, ref x2, blocked, n);
        products[3 * stride + 3] = Finish(a33, ref w3, ref x3, blocked, n);
    }

    // Forward's ending: the lanes combined as (s0 + s1) + (s2 + s3), then the leftover pairs added one by one.
    private static double Finish(Vector256<double> lanes, ref double w, ref double x, int blocked, int n)
    {
        double sum = (lanes.GetElement(0) + lanes.GetElement(1)) + (lanes.GetElement(2) + lanes.GetElement(3));
        for (int i = blocked; i < n; i++)
        {
            sum += Unsafe.Add(ref w, i) * Unsafe.Add(ref x, i);
        }
        return sum;
    }

    // Four target rows, sixteen columns at a time: the rows' numbers stay in registers while every source is added.
    private static void AccumulateFourRows(
        ReadOnlySpan<double> data, Span<double> grad, ReadOnlySpan<int> targets, ReadOnlySpan<int> sources, int n,
        ReadOnlySpan<double> factors, int targetStride, int sourceStride)
    {
        ref double d = ref MemoryMarshal.GetReference(data);
        ref double g = ref MemoryMarshal.GetReference(grad);
        ref double f = ref MemoryMarshal.GetReference(factors);
        ref double g0 = ref Unsafe.Add(ref g, targets[0]), g1 = ref Unsafe.Add(ref g, targets[1]);
        ref double g2 = ref Unsafe.Add(ref g, targets[2]), g3 = ref Unsafe.Add(ref g, targets[3]);
        int sourceCount = sources.Length;
        ref int source = ref MemoryMarshal.GetReference(sources);
        nuint c = 0;
        for (; c + 16 <= (nuint)n; c += 16)
        {
            Vector256<double> r00 = Vector256.LoadUnsafe(ref g0, c), r01 = Vector256.LoadUnsafe(ref g0, c + 4), r02 = Vector256.LoadUnsafe(ref g0, c + 8), r03 = Vector256.LoadUnsafe(ref g0, c + 12);
            Vector256<double> r10 = Vector256.LoadUnsafe(ref g1, c), r11 = Vector256.LoadUnsafe(ref g1, c + 4), r12 = Vector256.LoadUnsafe(ref g1, c + 8), r13 = Vector256.LoadUnsafe(ref g1, c + 12);
            Vector256<double> r20 = Vector256.LoadUnsafe(ref g2, c), r21 = Vector256.LoadUnsafe(ref g2, c + 4), r22 = Vector256.LoadUnsafe(ref g2, c + 8), r23 = Vector256.LoadUnsafe(ref g2, c + 12);
            Vector256<double> r30 = Vector256.LoadUnsafe(ref g3, c), r31 = Vector256.LoadUnsafe(ref g3, c + 4), r32 = Vector256.LoadUnsafe(ref g3, c + 8), r33 = Vector256.LoadUnsafe(ref g3, c + 12);
            for (int s = 0; s < sourceCount; s++)
            {
                ref double x = ref Unsafe.Add(ref d, Unsafe.Add(ref source, s));
                Vector256<double> x0 = Vector256.LoadUnsafe(ref x, c), x1 = Vector256.LoadUnsafe(ref x, c + 4);
                Vector256<double> x2 = Vector256.LoadUnsafe(ref x, c + 8), x3 = Vector256.LoadUnsafe(ref x, c + 12);
                ref double column = ref Unsafe.Add(ref f, s * sourceStride);
                Vector256<double> k = Vector256.Create(column);
                r00 += x0 * k; r01 += x1 * k; r02 += x2 * k; r03 += x3 * k;
                k = Vector256.Create(Unsafe.Add(ref column, targetStride));
                r10 += x0 * k; r11 += x1 * k; r12 += x2 * k; r13 += x3 * k;
                k = Vector256.Create(Unsafe.Add(ref column, 2 * targetStride));
                r20 += x0 * k; r21 += x1 * k; r22 += x2 * k; r23 += x3 * k;
                k = Vector256.Create(Unsafe.Add(ref column, 3 * targetStride));
                r30 += x0 * k; r31 += x1 * k; r32 += x2 * k; r33 += x3 * k;
            }
            r00.StoreUnsafe(ref g0, c); r01.StoreUnsafe(ref g0, c + 4); r02.StoreUnsafe(ref g0, c + 8); r03.StoreUnsafe(ref g0, c + 12);
            r10.StoreUnsafe(ref g1, c); r11.StoreUnsafe(ref g1, c + 4); r12.StoreUnsafe(ref g1, c + 8); r13.StoreUnsafe(ref g1, c + 12);
            r20.StoreUnsafe(ref g2, c); r21.StoreUnsafe(ref g2, c + 4); r22.StoreUnsafe(ref g2, c + 8); r23.StoreUnsafe(ref g2, c + 12);
            r30.StoreUnsafe(ref g3, c); r31.StoreUnsafe(ref g3, c + 4); r32.StoreUnsafe(ref g3, c + 8); r33.StoreUnsafe(ref g3, c + 12);
        }
        for (; c + 4 <= (nuint)n; c += 4)
        {
            Vector256<double> r0 = Vector256.LoadUnsafe(ref g0, c), r1 = Vector256.LoadUnsafe(ref g1, c);
            Vector256<double> r2 = Vector256.LoadUnsafe(ref g2, c), r3 = Vector256.LoadUnsafe(ref g3, c);
            for (int s = 0; s < sourceCount; s++)
            {
                Vector256<double> x = Vector256.LoadUnsafe(ref Unsafe.Add(ref d, Unsafe.Add(ref source, s)), c);
                ref double column = ref Unsafe.Add(ref f, s * sourceStride);
                r0 += x * Vector256.Create(column);
                r1 += x * Vector256.Create(Unsafe.Add(ref column, targetStride));
                r2 += x * Vector256.Create(Unsafe.Add(ref column, 2 * targetStride));
                r3 += x * Vector256.Create(Unsafe.Add(ref column, 3 * targetStride));
            }
            r0.StoreUnsafe(ref g0, c); r1.StoreUnsafe(ref g1, c); r2.StoreUnsafe(ref g2, c); r3.StoreUnsafe(ref g3, c);
        }
        for (; c < (nuint)n; c++)
        {
            double s0 = Unsafe.Add(ref g0, c), s1 = Unsafe.Add(ref g1, c), s2 = Unsafe.Add(ref g2, c), s3 = Unsafe.Add(ref g3, c);
            for (int s = 0; s < sourceCount; s++)
            {
                double x = Unsafe.Add(ref Unsafe.Add(ref d, Unsafe.Add(ref source, s)), c);
                ref double column = ref Unsafe.Add(ref f, s * sourceStride);
                s0 += x * column;
                s1 += x * Unsafe.Add(ref column, targetStride);
                s2 += x * Unsafe.Add(ref column, 2 * targetStride);
                s3 += x * Unsafe.Add(ref column, 3 * targetStride);
            }
            Unsafe.Add(ref g0, c) = s0;
            Unsafe.Add(ref g1, c) = s1;
            Unsafe.Add(ref g2, c) = s2;
            Unsafe.Add(ref g3, c) = s3;
        }
    }
}
