using MicroNet.Ops;

namespace MicroNet;

/// <summary>
/// <see cref="Value"/> as the number type the ops' derivatives are written in (<see cref="IScalar{T}"/>), so that running
/// an op's <c>Backward</c> on values builds the derivative as a graph of the same ops: what <see cref="Autograd"/> does
/// with <c>createGraph: true</c>. The operators not listed here are the public ones.
/// </summary>
public sealed partial class Value : IScalar<Value>
{
    // Numbers in a derivative's formula are constants: they need no gradient of their own.
    static implicit IScalar<Value>.operator Value(double value) => Constant(value);

    // A gradient starts empty (null): the first contribution is kept as it is, later ones are added, as in PyTorch.
    static Value IScalar<Value>.operator +(Value left, Value right) => Accumulate(left, right);

    // A derivative that divides (log's grad / x) divides, as PyTorch's does; a user's a / b stays a * b ** -1.
    static Value IScalar<Value>.operator /(Value left, Value right) => new(OpCode.Divide, left, right);

    static Value IScalar<Value>.Of(Value node) => node;

    static Value IScalar<Value>.Apply<TOp>(ReadOnlySpan<Value> inputs, double parameter) => Create(TOp.Code, inputs, parameter);

    static Value IScalar<Value>.Apply<TOp>(Value input, double parameter) => new(TOp.Code, input, parameter);

    static void IScalar<Value>.AddScaled(ReadOnlySpan<Value> source, Value factor, Span<Value> gradients)
    {
        for (int i = 0; i < source.Length; i++)
        {
            gradients[i] = Accumulate(gradients[i], source[i] * factor);
        }
        Unbind(gradients);
    }

    static void IScalar<Value>.Unbind(Span<Value> gradients) => Unbind(gradients);

    /// <summary><paramref name="left"/> + <paramref name="right"/>, where a null stands for no gradient yet.</summary>
    internal static Value Accumulate(Value? left, Value? right) =>
        left is null ? right! : right is null ? left : left + right;

    // The n elements share one children array: the vector they came from.
    private static void Unbind(Span<Value> gradients)
    {
        if (gradients.Length < 2)
        {
            return;
        }
        Value[] elements = gradients.ToArray();
        for (int i = 0; i < elements.Length; i++)
        {
            gradients[i] = new Value(OpCode.Element, elements, i);
        }
    }
}
