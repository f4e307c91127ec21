using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MicroNet.Ops;

namespace MicroNet.Compiled;

/// <summary>The replay's hot loops: every segment forward in order (a kernel, or single nodes), and the chain rule in reverse.</summary>
public sealed partial class CompiledGraph
{
    /// <summary>
    /// The second half of <see cref="Forward"/>: recomputes every interior node from the numbers already in the slots
    /// (the leaves as of the last <see cref="LoadLeaves"/>, plus whatever was written to <see cref="SlotData"/>).
    /// </summary>
    internal void ForwardLoaded()
    {
        foreach (Segment segment in _program.Segments)
        {
            if (segment.Kernel is { } kernel)
            {
                kernel.Forward(_data, _kernelScratch);
            }
            else
            {
                ForwardSingles(segment.Start, segment.End);
            }
        }
    }

    private void ForwardSingles(int first, int end)
    {
        double[] data = _data;
        // The hot loop indexes through refs: every slot and edge index was checked at capture, and bounds checks on
        // three arrays per edge cost more than the ops themselves.
        ref double dataRef = ref MemoryMarshal.GetArrayDataReference(data);
        ref int slots = ref MemoryMarshal.GetArrayDataReference(_program.Slots);
        ref int childStart = ref MemoryMarshal.GetArrayDataReference(_program.ChildStart);
        ref int childSlots = ref MemoryMarshal.GetArrayDataReference(_program.ChildSlots);
        ref double edgeData = ref MemoryMarshal.GetArrayDataReference(_edgeData);
        ref OpCode ops = ref MemoryMarshal.GetArrayDataReference(_program.Ops);
        ref double parameters = ref MemoryMarshal.GetArrayDataReference(_program.Parameters);
        ref int dotWeights = ref MemoryMarshal.GetArrayDataReference(_program.DotWeights);
        ref int dotInputs = ref MemoryMarshal.GetArrayDataReference(_program.DotInputs);
        ref int directChildren = ref MemoryMarshal.GetArrayDataReference(_program.DirectChildren);
        for (int p = first; p < end; p++)
        {
            int start = Unsafe.Add(ref childStart, p), stop = Unsafe.Add(ref childStart, p + 1);
            int weights = Unsafe.Add(ref dotWeights, p);
            int direct = Unsafe.Add(ref directChildren, p);
            double result;
            if (direct >= 0)
            {
                result = OpTable.Forward(
                    Unsafe.Add(ref ops, p),
                    MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref dataRef, direct), stop - start),
                    Unsafe.Add(ref parameters, p));
            }
            else if (weights >= 0)
            {
                int n = DotOp.PairCount(stop - start);
                result = DotOp.Forward(
                    MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref dataRef, weights), n),
                    MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref dataRef, Unsafe.Add(ref dotInputs, p)), n));
            }
            else
            {
                for (int edge = start; edge < stop; edge++)
                {
                    Unsafe.Add(ref edgeData, edge) = Unsafe.Add(ref dataRef, Unsafe.Add(ref childSlots, edge));
                }
                result = OpTable.Forward(
                    Unsafe.Add(ref ops, p),
                    MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref edgeData, start), stop - start),
                    Unsafe.Add(ref parameters, p));
            }
            Unsafe.Add(ref dataRef, Unsafe.Add(ref slots, p)) = result;
        }
    }

    /// <summary>
    /// The chain rule over the whole graph on <paramref name="grad"/> (one number per slot, the leaves' holding their
    /// gradients so far): interior gradients start at 0, the output's at <paramref name="outputGradient"/>.
    /// </summary>
    private void RunBackward(double[] grad, double outputGradient)
    {
        foreach (int slot in _program.Slots)
        {
            grad[slot] = 0;
        }
        grad[_outputSlot] = outputGradient;
        for (int s = _program.Segments.Length - 1; s >= 0; s--)
        {
            Segment segment = _program.Segments[s];
            if (segment.Kernel is { } kernel)
            {
                if (kernel.RequiresGrad)
                {
                    kernel.Backward(_data, grad, _kernelScratch);
                }
            }
            else
            {
                BackwardSingles(grad, segment.Start, segment.End);
            }
        }
    }

    private void BackwardSingles(double[] grad, int first, int end)
    {
        ref double gradRef = ref MemoryMarshal.GetArrayDataReference(grad);
        ref double dataRef = ref MemoryMarshal.GetArrayDataReference(_data);
        ref int slots = ref MemoryMarshal.GetArrayDataReference(_program.Slots);
        ref int childStart = ref MemoryMarshal.GetArrayDataReference(_program.ChildStart);
        ref int childSlots = ref MemoryMarshal.GetArrayDataReference(_program.ChildSlots);
        ref double edgeData = ref MemoryMarshal.GetArrayDataReference(_edgeData);
        ref OpCode ops = ref MemoryMarshal.GetArrayDataReference(_program.Ops);
        ref double parameters = ref MemoryMarshal.GetArrayDataReference(_program.Parameters);
        ref int dotWeights = ref MemoryMarshal.GetArrayDataReference(_program.DotWeights);
        ref int dotInputs = ref MemoryMarshal.GetArrayDataReference(_program.DotInputs);
        ref int directChildren = ref MemoryMarshal.GetArrayDataReference(_program.DirectChildren);
        // The op adds into a zeroed buffer as large as the widest node; the scatter below zeroes it again as it
        // reads, so it never needs a separate clear.
        ref double scratch = ref MemoryMarshal.GetArrayDataReference(_scratch);
        ref bool requiresGrad = ref MemoryMarshal.GetArrayDataReference(_program.RequiresGrad);
        for (int p = end - 1; p >= first; p--)
        {
            if (!Unsafe.Add(ref requiresGrad, p))
            {
                continue;
            }
            int slot = Unsafe.Add(ref slots, p);
            int start = Unsafe.Add(ref childStart, p), count = Unsafe.Add(ref childStart, p + 1) - start;
            int weights = Unsafe.Add(ref dotWeights, p);
            int direct = Unsafe.Add(ref directChildren, p);
            // A direct node's children each have their own slot, so the op adding straight into their gradients gives
            // each child the same single addition, in the same order across nodes, as the scatter would. (The scatter
            // adds 0 + g where this adds g; the two differ only for g = -0 on a gradient of -0, which backward never
            // produces from the +0 it starts with, only a leaf whose Grad was set to -0.0 by hand.)
            if (direct >= 0)
            {
                OpTable.Backward(
                    Unsafe.Add(ref ops, p),
                    MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref dataRef, direct), count),
                    Unsafe.Add(ref dataRef, slot),
                    Unsafe.Add(ref parameters, p),
                    Unsafe.Add(ref gradRef, slot),
                    MemoryMarshal.CreateSpan(ref Unsafe.Add(ref gradRef, direct), count));
                continue;
            }
            if (weights >= 0)
            {
                // A half whose children require no gradient gets none.
                int n = DotOp.PairCount(count), inputs = Unsafe.Add(ref dotInputs, p);
                Span<double> weightGrads = _program.DotWeightsNeedGrad[p] ? MemoryMarshal.CreateSpan(ref Unsafe.Add(ref gradRef, weights), n) : [];
                DotOp.Backward(
                    MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref dataRef, weights), n),
                    MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref dataRef, inputs), n),
                    Unsafe.Add(ref gradRef, slot),
                    weightGrads,
                    _program.DotInputsNeedGrad[p] ? MemoryMarshal.CreateSpan(ref Unsafe.Add(ref gradRef, inputs), n) : []);
                continue;
            }
            OpTable.Backward(
                Unsafe.Add(ref ops, p),
                MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref edgeData, start), count),
                Unsafe.Add(ref dataRef, slot),
                Unsafe.Add(ref parameters, p),
                Unsafe.Add(ref gradRef, slot),
                MemoryMarshal.CreateSpan(ref scratch, count));
            ref int children = ref Unsafe.Add(ref childSlots, start);
            for (int i = 0; i < count; i++)
            {
                Unsafe.Add(ref gradRef, Unsafe.Add(ref children, i)) += Unsafe.Add(ref scratch, i);
                Unsafe.Add(ref scratch, i) = 0;
            }
        }
    }
}
