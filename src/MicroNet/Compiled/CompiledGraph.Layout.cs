using MicroNet.Ops;

namespace MicroNet.Compiled;

/// <summary>Where each node's number lives: the slots chosen at capture, so that as many ops as possible run on the slots directly.</summary>
public sealed partial class CompiledGraph
{
    /// <summary>
    /// Gives every node of <paramref name="order"/> (numbered, see <see cref="Value.Number"/>) a storage slot, indexed by its
    /// place in the order: <paramref name="leading"/> first, in its order, then the other nodes in topological order, except
    /// that the first time a Dot node's weights or inputs are met as a run of distinct nodes not yet placed or in another
    /// run, that run is placed in consecutive slots.
    /// </summary>
    /// <exception cref="ArgumentException">A leading node is not a leaf of the graph, or appears twice.</exception>
    private static int[] AssignSlots(List<Value> order, IReadOnlyList<Value>? leading)
    {
        var slotOf = new int[order.Count];
        Array.Fill(slotOf, -1);
        int next = 0;
        foreach (Value node in leading ?? [])
        {
            int index = node.PositionIn(order);
            if (index < 0 || !node.IsLeaf || slotOf[index] >= 0)
            {
                throw new ArgumentException("Each leading node must be a distinct leaf of the graph.", nameof(leading));
            }
            slotOf[index] = next++;
        }
        var runOf = new int[order.Count];
        Array.Fill(runOf, -1);
        var runs = new List<int[]>();
        foreach (Value node in order)
        {
            if (node.OpCode == OpCode.Dot)
            {
                ReadOnlySpan<Value> children = node.ChildSpan;
                TryAddRun(DotOp.WeightsOf(children));
                TryAddRun(DotOp.InputsOf(children));
            }
        }

        for (int i = 0; i < order.Count; i++)
        {
            if (slotOf[i] >= 0)
            {
                continue;
            }
            if (runOf[i] >= 0)
            {
                foreach (int member in runs[runOf[i]])
                {
                    slotOf[member] = next++;
                }
            }
            else
            {
                slotOf[i] = next++;
            }
        }
        return slotOf;

        // A run is taken only if none of its nodes is placed or in a run, and none appears twice in it.
        void TryAddRun(ReadOnlySpan<Value> run)
        {
            if (run.Length < 2)
            {
                return;
            }
            int id = runs.Count;
            var members = new int[run.Length];
            for (int k = 0; k < run.Length; k++)
            {
                int index = run[k].PositionIn(order);
                if (runOf[index] >= 0 || slotOf[index] >= 0)
                {
                    for (int j = 0; j < k; j++)
                    {
                        if (runOf[members[j]] == id)
                        {
                            runOf[members[j]] = -1;
                        }
                    }
                    return;
                }
                runOf[index] = id;
                members[k] = index;
            }
            runs.Add(members);
        }
    }

    private static bool IsConsecutive(ReadOnlySpan<int> childSlots)
    {
        for (int i = 1; i < childSlots.Length; i++)
        {
            if (childSlots[i] != childSlots[0] + i)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The first slots of a Dot node's weights and inputs when each half sits in consecutive slots and the halves do
    /// not overlap (so every child has its own slot); (-1, -1) when the node needs the general gather.
    /// </summary>
    private static (int Weights, int Inputs) DirectDot(ReadOnlySpan<int> childSlots)
    {
        ReadOnlySpan<int> weightSlots = DotOp.WeightsOf(childSlots), inputSlots = DotOp.InputsOf(childSlots);
        int n = weightSlots.Length;
        if (n == 0)
        {
            return (-1, -1);
        }
        int weights = weightSlots[0], inputs = inputSlots[0];
        if (!IsConsecutive(weightSlots) || !IsConsecutive(inputSlots))
        {
            return (-1, -1);
        }
        bool overlap = weights < inputs + n && inputs < weights + n;
        return overlap ? (-1, -1) : (weights, inputs);
    }
}
