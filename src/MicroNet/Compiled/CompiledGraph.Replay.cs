using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MicroNet.Ops;

namespace MicroNet.Compiled;

/// <summary>The replay's hot loops: every interior node forward in topological order, and the chain rule in reverse.</summary>
public sealed partial class CompiledGraph
{
    /// <summary>
    /// The second half of <see cref="Forward"/>: recomputes every interior node from the numbers already in the slots
    /// (the leaves as of the last <see cref="LoadLeaves"/>, plus whatever was written to <see cref="SlotData"/>).
    /// </summary>
    internal void ForwardLoaded()
    {
        double[] data = _data;
        // The hot loop indexes through refs: every slot and edge index was checked at capture, and bounds checks on
        // three arrays per edge cost more than the ops themselves.
        ref double dataRef = ref MemoryMarshal.GetArrayDataReference(data);
        ref int slots = ref MemoryMarshal.GetArrayDataReference(_interiorSlots);
        ref int childStart = ref MemoryMarshal.GetArrayDataReference(_childStart);
        ref int childSlots = ref MemoryMarshal.GetArrayDataReference(_childSlots);
        ref double edgeData = ref MemoryMarshal.GetArrayDataReference(_edgeData);
        ref OpCode ops = ref MemoryMarshal.GetArrayDataReference(_ops);
        ref double parameters = ref MemoryMarshal.GetArrayDataReference(_parameters);
        ref int dotWeights = ref MemoryMarshal.GetArrayDataReference(_dotWeights);
        ref int dotInputs = ref MemoryMarshal.GetArrayDataReference(_dotInputs);
        ref int directChildren = ref MemoryMarshal.GetArrayDataReference(_directChildren);
        for (int p = 0; p < _interiorSlots.Length; p++)
        {
            int start = Unsafe.Add(ref childStart, p), end = Unsafe.Add(ref childStart, p + 1);
            int weights = Unsafe.Add(ref dotWeights, p);
            int direct = Unsafe.Add(ref directChildren, p);
            double result;
            if (direct >= 0)
            {
                result = OpTable.Forward(
                    Unsafe.Add(ref ops, p),
                    MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref dataRef, direct), end - start),
                    Unsafe.Add(ref parameters, p));
            }
            else if (weights >= 0)
            {
                int n = DotOp.PairCount(end - start);
                result = DotOp.Forward(
                    MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref dataRef, weights), n),
                    MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref dataRef, Unsafe.Add(ref dotInputs, p)), n));
            }
            else
            {
                for (int edge = start; edge < end; edge++)
                {
                    Unsafe.Add(ref edgeData, edge) = Unsafe.Add(ref dataRef, Unsafe.Add(ref childSlots, edge));
                }
                result = OpTable.Forward(
                    Unsafe.Add(ref ops, p),
                    MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref edgeData, start), end - start),
                    Unsafe.Add(ref parameters, p));
            }
            Unsafe.Add(ref dataRef, Unsafe.Add(ref slots, p)) = result;
        }
    }

    private void RunBackward(double outputGradient, Span<double> gradients, int[]? dotWeightTarget)
    {
        double[] grad = _grad;
        foreach (int slot in _interiorSlots)
        {
            grad[slot] = 0;
        }
        grad[_outputSlot] = outputGradient;
        ref double gradRef = ref MemoryMarshal.GetArrayDataReference(grad);
        ref double dataRef = ref MemoryMarshal.GetArrayDataReference(_data);
        ref int slots = ref MemoryMarshal.GetArrayDataReference(_interiorSlots);
        ref int childStart = ref MemoryMarshal.GetArrayDataReference(_childStart);
        ref int childSlots = ref MemoryMarshal.GetArrayDataReference(_childSlots);
        ref double edgeData = ref MemoryMarshal.GetArrayDataReference(_edgeData);
        ref OpCode ops = ref MemoryMarshal.GetArrayDataReference(_ops);
        ref double parameters = ref MemoryMarshal.GetArrayDataReference(_parameters);
        ref int dotWeights = ref MemoryMarshal.GetArrayDataReference(_dotWeights);
        ref int dotInputs = ref MemoryMarshal.GetArrayDataReference(_dotInputs);
        ref int directChildren = ref MemoryMarshal.GetArrayDataReference(_directChildren);
        // The op adds into a zeroed buffer as large as the widest node; the scatter below zeroes it again as it
        // reads, so it never needs a separate clear.
        ref double scratch = ref MemoryMarshal.GetArrayDataReference(_scratch);
        foreach (int p in _backwardPositions)
        {
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
                // A half whose children require no gradient gets none; weights read by this node alone may live in the
                // caller's buffer (BindGradients) and are added to there, once each, as their slot would have been.
                int n = DotOp.PairCount(count), inputs = Unsafe.Add(ref dotInputs, p);
                int target = dotWeightTarget is null ? -1 : dotWeightTarget[p];
                Span<double> weightGrads = !_dotWeightsNeedGrad[p] ? []
                    : target >= 0 ? gradients.Slice(target, n)
                    : MemoryMarshal.CreateSpan(ref Unsafe.Add(ref gradRef, weights), n);
                DotOp.Backward(
                    MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref dataRef, weights), n),
                    MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref dataRef, inputs), n),
                    Unsafe.Add(ref gradRef, slot),
                    weightGrads,
                    _dotInputsNeedGrad[p] ? MemoryMarshal.CreateSpan(ref Unsafe.Add(ref gradRef, inputs), n) : []);
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
