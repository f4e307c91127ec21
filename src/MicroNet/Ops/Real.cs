using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MicroNet.Ops;

/// <summary>
/// A <c>double</c> as an <see cref="IScalar{T}"/>: the ops' derivative formulas on plain numbers, for the eager backward
/// pass and the compiled replay. It adds nothing to the arithmetic: the JIT compiles a formula on it to the same
/// instructions as the formula written on doubles.
/// </summary>
internal readonly struct Real(double data) : IScalar<Real>
{
    private readonly double _data = data;

    public double Data => _data;

    public static implicit operator Real(double value) => new(value);

    public static Real operator +(Real left, Real right) => new(left._data + right._data);

    public static Real operator -(Real left, Real right) => new(left._data - right._data);

    public static Real operator *(Real left, Real right) => new(left._data * right._data);

    public static Real operator /(Real left, Real right) => new(left._data / right._data);

    public static Real operator -(Real operand) => new(-operand._data);

    public static Real Of(Value node) => new(node.Data);

    public static Real Apply<TOp>(ReadOnlySpan<Real> inputs, double parameter)
        where TOp : IOp => new(TOp.Forward(Doubles(inputs), parameter));

    public static Real Apply<TOp>(Real input, double parameter)
        where TOp : IOp => new(TOp.Forward(new ReadOnlySpan<double>(in input._data), parameter));

    public static void AddScaled(ReadOnlySpan<Real> source, Real factor, Span<Real> gradients)
    {
        // gradients[i] += source[i] * factor: a multiply then an add, never fused, so vector and scalar agree bit for bit.
        int n = source.Length;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double s = ref MemoryMarshal.GetReference(Doubles(source));
            ref double g = ref MemoryMarshal.GetReference(Doubles(gradients));
            Vector256<double> lanes = Vector256.Create(factor._data);
            for (; i <= n - 4; i += 4)
            {
                (Vector256.LoadUnsafe(ref g, (nuint)i) + Vector256.LoadUnsafe(ref s, (nuint)i) * lanes).StoreUnsafe(ref g, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            gradients[i] += source[i] * factor;
        }
    }

    public static void Unbind(Span<Real> gradients)
    {
    }

    /// <summary>Doubles seen as reals, without a copy.</summary>
    public static ReadOnlySpan<Real> Of(ReadOnlySpan<double> numbers) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<double, Real>(ref MemoryMarshal.GetReference(numbers)), numbers.Length);

    /// <summary>Doubles seen as reals, without a copy.</summary>
    public static Span<Real> Of(Span<double> numbers) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<double, Real>(ref MemoryMarshal.GetReference(numbers)), numbers.Length);

    private static ReadOnlySpan<double> Doubles(ReadOnlySpan<Real> reals) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<Real, double>(ref MemoryMarshal.GetReference(reals)), reals.Length);

    private static Span<double> Doubles(Span<Real> reals) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<Real, double>(ref MemoryMarshal.GetReference(reals)), reals.Length);
}
