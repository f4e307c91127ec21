using MicroNet.Ops;

namespace MicroNet.Compiled;

/// <summary>Where each node's number lives: the slots chosen at capture, so that as many ops as possible run on the slots directly.</summary>
public sealed partial class CompiledGraph
{
    /// <summary>
    /// Gives every node a storage slot: <paramref name="leading"/> first, in its order, then the other nodes in topological
    /// order, except that the first time a Dot node's weights or inputs are met as a run of distinct nodes not yet placed
    /// or in another run, that run is placed in consecutive slots.
    /// </summary>
    /// <exception cref="ArgumentException">A leading node is not a leaf of the graph, or appears twice.</exception>
    private static Dictionary<Value, int> AssignSlots(List<Value> order, IReadOnlyList<Value>? leading)
    {
        var slotOf = new Dictionary<Value, int>(order.Count, ReferenceEqualityComparer.Instance);
        var inGraph = new HashSet<Value>(order, ReferenceEqualityComparer.Instance);
        foreach (Value node in leading ?? [])
        {
            if (!node.IsLeaf || !inGraph.Contains(node) || !slotOf.TryAdd(node, slotOf.Count))
            {
                throw new ArgumentException("Each leading node must be a distinct leaf of the graph.", nameof(leading));
            }
        }
        var runOf = new Dictionary<Value, int>(ReferenceEqualityComparer.Instance);
        var runs = new List<Value[]>();
        foreach (Value node in order)
        {
            if (node.OpCode == OpCode.Dot)
            {
                ReadOnlySpan<Value> children = node.ChildSpan;
                TryAddRun(DotOp.WeightsOf<Value>(children).ToArray());
                TryAddRun(DotOp.InputsOf<Value>(children).ToArray());
            }
        }

        foreach (Value node in order)
        {
            if (slotOf.ContainsKey(node))
            {
                continue;
            }
            if (runOf.TryGetValue(node, out int run))
            {
                foreach (Value member in runs[run])
                {
                    slotOf.Add(member, slotOf.Count);
                }
            }
            else
            {
                slotOf.Add(node, slotOf.Count);
            }
        }
        return slotOf;

        void TryAddRun(Value[] run)
        {
            if (run.Length < 2 || run.Any(v => runOf.ContainsKey(v) || slotOf.ContainsKey(v)) || run.Distinct(ReferenceEqualityComparer.Instance).Count() != run.Length)
            {
                return;
            }
            foreach (Value member in run)
            {
                runOf.Add(member, runs.Count);
            }
            runs.Add(run);
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
