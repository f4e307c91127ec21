using System.Runtime.InteropServices;
using MicroNet.Ops;

namespace MicroNet.Compiled;

/// <summary>What a capture compiles the interior nodes into: their order, the kernels and the single nodes' operands.</summary>
public sealed partial class CompiledGraph
{
    /// <summary>A range of positions the forward pass runs one by one (<c>Kernel</c> null), or a kernel's members.</summary>
    private readonly record struct Segment(int Start, int End, Kernel? Kernel);

    /// <summary>The per-position arrays of a capture (described at <see cref="CompiledGraph"/>'s field <c>_program</c>), shared by its replicas.</summary>
    private sealed record Program(
        int[] Slots, OpCode[] Ops, double[] Parameters, bool[] RequiresGrad, Segment[] Segments, int[] ChildStart, int[] ChildSlots,
        int[] DotWeights, int[] DotInputs, int[] DirectChildren, bool[] DotWeightsNeedGrad, bool[] DotInputsNeedGrad)
    {
        /// <summary>Plans the batches (<see cref="BatchPlan"/>) for the nodes of <paramref name="order"/> and lays out the result.</summary>
        public static Program Create(List<Value> order, int[] slotOf, bool batching)
        {
            int[] interiorIndex = [.. Enumerable.Range(0, order.Count).Where(i => !order[i].IsLeaf)];
            List<Value> interior = [.. interiorIndex.Select(i => order[i])];
            var interiorOfSlot = new int[order.Count];
            Array.Fill(interiorOfSlot, -1);
            var slotRequiresGrad = new bool[order.Count];
            for (int i = 0; i < order.Count; i++)
            {
                slotRequiresGrad[slotOf[i]] = order[i].RequiresGrad;
            }
            var treeStart = new int[interior.Count + 1];
            var treeSlots = new List<int>();
            var dotForm = new int[interior.Count];
            for (int i = 0; i < interior.Count; i++)
            {
                interiorOfSlot[slotOf[interiorIndex[i]]] = i;
                treeStart[i] = treeSlots.Count;
                foreach (Value child in interior[i].ChildSpan)
                {
                    treeSlots.Add(slotOf[child.PositionIn(order)]);
                }
                treeStart[i + 1] = treeSlots.Count;
                dotForm[i] = DotForm(interior[i], CollectionsMarshal.AsSpan(treeSlots)[treeStart[i]..]);
            }
            int[] childSlotsInT = [.. treeSlots];
            BatchPlan plan = BatchPlan.Create(interior, treeStart, childSlotsInT, interiorOfSlot, slotRequiresGrad, dotForm, batching);

            int positions = interior.Count;
            var program = new Program(
                new int[positions], new OpCode[positions], new double[positions], new bool[positions], [], new int[positions + 1], [],
                new int[positions], new int[positions], new int[positions], new bool[positions], new bool[positions]);
            var inGroup = new bool[positions];
            foreach (int[] members in plan.Groups)
            {
                foreach (int i in members)
                {
                    inGroup[i] = true;
                }
            }
            var childSlots = new List<int>();
            for (int p = 0; p < positions; p++)
            {
                int i = plan.Order[p];
                Value node = interior[i];
                program.Slots[p] = slotOf[interiorIndex[i]];
                program.Ops[p] = node.OpCode;
                program.Parameters[p] = node.Parameter;
                program.RequiresGrad[p] = node.RequiresGrad;
                program.ChildStart[p] = childSlots.Count;
                (program.DotWeights[p], program.DotInputs[p], program.DirectChildren[p]) = (-1, -1, -1);
                if (inGroup[i])
                {
                    continue;
                }
                var children = new ReadOnlySpan<int>(childSlotsInT, treeStart[i], treeStart[i + 1] - treeStart[i]);
                childSlots.AddRange(children);
                if (dotForm[i] > 0)
                {
                    (program.DotWeights[p], program.DotInputs[p]) = DirectDot(children);
                    program.DotWeightsNeedGrad[p] = (dotForm[i] & 2) != 0;
                    program.DotInputsNeedGrad[p] = (dotForm[i] & 4) != 0;
                }
                else if (node.OpCode != OpCode.Dot && children.Length > 0 && IsConsecutive(children))
                {
                    program.DirectChildren[p] = children[0];
                }
            }
            program.ChildStart[positions] = childSlots.Count;
            int[] interiorSlots = [.. interiorIndex.Select(i => slotOf[i])];
            Segment[] segments = [.. plan.Segments.Select(s => new Segment(s.Start, s.End,
                s.Group < 0 ? null : CreateKernel(plan.Groups[s.Group], interior, interiorSlots, childSlotsInT, treeStart, dotForm)))];
            return program with { Segments = segments, ChildSlots = [.. childSlots] };
        }

        // 0 unless a Dot whose halves sit in consecutive slots; then 1, plus 2 if its weights need a gradient, plus 4 if its inputs do.
        private static int DotForm(Value node, ReadOnlySpan<int> childSlots)
        {
            if (node.OpCode != OpCode.Dot || DirectDot(childSlots).Weights < 0)
            {
                return 0;
            }
            ReadOnlySpan<Value> children = node.ChildSpan;
            bool weights = false, inputs = false;
            foreach (Value child in DotOp.WeightsOf(children))
            {
                weights |= child.RequiresGrad;
            }
            foreach (Value child in DotOp.InputsOf(children))
            {
                inputs |= child.RequiresGrad;
            }
            return 1 | (weights ? 2 : 0) | (inputs ? 4 : 0);
        }

        private static Kernel CreateKernel(int[] members, List<Value> interior, int[] interiorSlots, int[] childSlots, int[] childStart, int[] dotForm)
        {
            Value first = interior[members[0]];
            int[] outputs = [.. members.Select(i => interiorSlots[i])];
            int arity = childStart[members[0] + 1] - childStart[members[0]];
            if (dotForm[members[0]] > 0)
            {
                int form = dotForm[members[0]];
                return new DotKernel(
                    outputs, [.. members.Select(i => childSlots[childStart[i]])], [.. members.Select(i => childSlots[childStart[i] + arity / 2])],
                    DotOp.PairCount(arity), (form & 2) != 0, (form & 4) != 0, first.RequiresGrad);
            }
            int[] children = [.. members.SelectMany(i => childSlots.AsSpan(childStart[i], arity).ToArray())];
            return OpTable.Visit(first.OpCode, new ElementKernelFactory(outputs, children, arity, first.Parameter, first.RequiresGrad));
        }
    }
}
