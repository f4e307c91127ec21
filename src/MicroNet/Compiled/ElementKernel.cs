using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MicroNet.Ops;

namespace MicroNet.Compiled;

/// <summary>
/// Members of one op and one number of children (a layer's bias additions or activations across a batch, its loss
/// terms), run in one loop specialised to the op: each member calls <typeparamref name="TOp"/>'s own <c>Forward</c> and
/// <c>Backward</c> on its children's numbers, as the eager engine does for one node, with no dispatch per node.
/// </summary>
internal sealed class ElementKernel<TOp>(int[] outputs, int[] children, int arity, double parameter, bool requiresGrad)
    : Kernel(outputs, requiresGrad)
    where TOp : struct, IOp
{
    // The children of member m are children[m * arity .. (m + 1) * arity].
    private readonly int[] _children = children;

    public override int ScratchSize => 2 * arity;

    // The loops index through refs: every slot was checked at capture, and bounds checks cost more than the ops.
    public override void Forward(double[] data, double[] scratch)
    {
        ref double d = ref MemoryMarshal.GetArrayDataReference(data);
        ref int output = ref MemoryMarshal.GetArrayDataReference(Outputs);
        ref int child = ref MemoryMarshal.GetArrayDataReference(_children);
        int count = Outputs.Length;
        switch (arity)
        {
            case 1:
                for (int m = 0; m < count; m++)
                {
                    ReadOnlySpan<double> input = new(in Unsafe.Add(ref d, Unsafe.Add(ref child, m)));
                    Unsafe.Add(ref d, Unsafe.Add(ref output, m)) = TOp.Forward(input, parameter);
                }
                break;
            case 2:
                Span<double> pair = stackalloc double[2];
                for (int m = 0; m < count; m++)
                {
                    pair[0] = Unsafe.Add(ref d, Unsafe.Add(ref child, 2 * m));
                    pair[1] = Unsafe.Add(ref d, Unsafe.Add(ref child, 2 * m + 1));
                    Unsafe.Add(ref d, Unsafe.Add(ref output, m)) = TOp.Forward(pair, parameter);
                }
                break;
            default:
                Span<double> inputs = scratch.AsSpan(0, arity);
                for (int m = 0, edge = 0; m < count; m++, edge += arity)
                {
                    for (int k = 0; k < inputs.Length; k++)
                    {
                        inputs[k] = Unsafe.Add(ref d, Unsafe.Add(ref child, edge + k));
                    }
                    Unsafe.Add(ref d, Unsafe.Add(ref output, m)) = TOp.Forward(inputs, parameter);
                }
                break;
        }
    }

    // As the eager engine: the op adds its local gradients into zeros, which are then added to the children's.
    public override void Backward(double[] data, double[] grad, double[] scratch)
    {
        ref double d = ref MemoryMarshal.GetArrayDataReference(data);
        ref double g = ref MemoryMarshal.GetArrayDataReference(grad);
        ref int output = ref MemoryMarshal.GetArrayDataReference(Outputs);
        ref int child = ref MemoryMarshal.GetArrayDataReference(_children);
        int count = Outputs.Length;
        switch (arity)
        {
            case 1:
                Span<double> one = stackalloc double[1];
                for (int m = 0; m < count; m++)
                {
                    int slot = Unsafe.Add(ref output, m);
                    ref double input = ref Unsafe.Add(ref d, Unsafe.Add(ref child, m));
                    one[0] = 0;
                    TOp.Backward(Real.Of(new ReadOnlySpan<double>(in input)), Unsafe.Add(ref d, slot), parameter, Unsafe.Add(ref g, slot), Real.Of(one));
                    Unsafe.Add(ref g, Unsafe.Add(ref child, m)) += one[0];
                }
                break;
            case 2:
                Span<double> pair = stackalloc double[2], pairGrads = stackalloc double[2];
                for (int m = 0; m < count; m++)
                {
                    int slot = Unsafe.Add(ref output, m);
                    int left = Unsafe.Add(ref child, 2 * m), right = Unsafe.Add(ref child, 2 * m + 1);
                    pair[0] = Unsafe.Add(ref d, left);
                    pair[1] = Unsafe.Add(ref d, right);
                    pairGrads[0] = 0;
                    pairGrads[1] = 0;
                    TOp.Backward(Real.Of(pair), Unsafe.Add(ref d, slot), parameter, Unsafe.Add(ref g, slot), Real.Of(pairGrads));
                    Unsafe.Add(ref g, left) += pairGrads[0];
                    Unsafe.Add(ref g, right) += pairGrads[1];
                }
                break;
            default:
                Span<double> inputs = scratch.AsSpan(0, arity), grads = scratch.AsSpan(arity, arity);
                for (int m = 0, edge = 0; m < count; m++, edge += arity)
                {
                    for (int k = 0; k < inputs.Length; k++)
                    {
                        inputs[k] = Unsafe.Add(ref d, Unsafe.Add(ref child, edge + k));
                    }
                    grads.Clear();
                    int slot = Unsafe.Add(ref output, m);
                    TOp.Backward(Real.Of(inputs), Unsafe.Add(ref d, slot), parameter, Unsafe.Add(ref g, slot), Real.Of(grads));
                    for (int k = 0; k < grads.Length; k++)
                    {
                        Unsafe.Add(ref g, Unsafe.Add(ref child, edge + k)) += grads[k];
                    }
                }
                break;
        }
    }
}

/// <summary>Builds the <see cref="ElementKernel{TOp}"/> of an op known only by its code.</summary>
internal sealed class ElementKernelFactory(int[] outputs, int[] children, int arity, double parameter, bool requiresGrad) : IOpVisitor<Kernel>
{
    public Kernel Visit<TOp>()
        where TOp : struct, IOp => new ElementKernel<TOp>(outputs, children, arity, parameter, requiresGrad);
}
