using MicroNet.Ops;

namespace MicroNet.Compiled;

/// <summary>
/// Autobatching at capture, after DyNet's on-the-fly operation batching (Neubig, Goldberg and Dyer, NeurIPS 2017): which
/// interior nodes run together as one kernel, and the order in which everything runs.
/// </summary>
/// <remarks>
/// <para>
/// Candidates for one kernel share a signature: the op, its parameter, the number of children, whether they require a
/// gradient, for a Dot which halves need one, and their depth (the longest path from a leaf), so that no member reads
/// another's output. A layer's nodes across the samples of a batch share one; the nodes of one sample's chain do not.
/// </para>
/// <para>
/// The node-by-node replay runs the nodes in the eager engine's topological order T. A group runs where its first member
/// in T stands, so the others run earlier in the forward pass and later in the backward pass. The forward numbers cannot
/// change with the order, but a gradient that several nodes add to could: floating-point addition is not associative. The
/// plan is therefore checked at capture. A member is taken out of its group (and runs on its own, in its place) when it
/// would run before one of its children, or when its backward would add to a gradient before a node that adds to it
/// earlier node by node. The check repeats until nothing moves; what remains adds every gradient in the node-by-node
/// order, so a batched replay is bit-identical to the node-by-node replay and the eager engine.
/// </para>
/// </remarks>
internal sealed class BatchPlan
{
    private BatchPlan(int[] order, (int Start, int End, int Group)[] segments, int[][] groups)
    {
        Order = order;
        Segments = segments;
        Groups = groups;
    }

    /// <summary>Interior nodes (indices into T) in the order the forward pass runs them; backward runs it in reverse.</summary>
    public int[] Order { get; }

    /// <summary>Ranges of <see cref="Order"/>: a run of single nodes (<c>Group</c> -1) or one group's members.</summary>
    public (int Start, int End, int Group)[] Segments { get; }

    /// <summary>Each group's members (indices into T) in the order the backward pass meets them: T's order reversed.</summary>
    public int[][] Groups { get; }

    /// <summary>The plan for interior nodes given in T order, their children as slots.</summary>
    /// <param name="nodes">The interior nodes in T order.</param>
    /// <param name="childStart">Node i's children are <paramref name="childSlots"/>[childStart[i] .. childStart[i + 1]].</param>
    /// <param name="childSlots">The children's slots.</param>
    /// <param name="interiorOfSlot">For each slot, the index in T of the interior node there, or -1 for a leaf.</param>
    /// <param name="slotRequiresGrad">For each slot, whether its node requires a gradient.</param>
    /// <param name="dotForm">For each node, 0 unless it is a Dot whose halves sit in consecutive slots: then 1, plus 2 if its weights need a gradient, plus 4 if its inputs do.</param>
    /// <param name="batching">False for the node-by-node plan.</param>
    public static BatchPlan Create(
        IReadOnlyList<Value> nodes, int[] childStart, int[] childSlots, int[] interiorOfSlot, bool[] slotRequiresGrad, int[] dotForm, bool batching)
    {
        int count = nodes.Count;
        int[] group = batching ? Candidates(nodes, childStart, childSlots, interiorOfSlot, dotForm) : [.. Enumerable.Repeat(-1, count)];
        var step = new int[count];
        var anchor = new bool[count];
        do
        {
            NumberSteps(group, step, anchor);
        }
        while (Evict(group, step, anchor, childStart, childSlots, interiorOfSlot, slotRequiresGrad, nodes));
        return Build(group, anchor);
    }

    // Groups of two or more nodes of one signature; -1 for a node with no partner.
    private static int[] Candidates(IReadOnlyList<Value> nodes, int[] childStart, int[] childSlots, int[] interiorOfSlot, int[] dotForm)
    {
        int count = nodes.Count;
        var depth = new int[count];
        var groupOf = new Dictionary<Signature, int>();
        var firstMember = new List<int>();
        var group = new int[count];
        var size = new List<int>();
        for (int i = 0; i < count; i++)
        {
            int deepest = 0;
            for (int e = childStart[i]; e < childStart[i + 1]; e++)
            {
                int child = interiorOfSlot[childSlots[e]];
                deepest = Math.Max(deepest, child < 0 ? 0 : depth[child]);
            }
            depth[i] = deepest + 1;
            Value node = nodes[i];
            var signature = new Signature(node.OpCode, BitConverter.DoubleToInt64Bits(node.Parameter), childStart[i + 1] - childStart[i],
                node.RequiresGrad, depth[i], dotForm[i]);
            if (!groupOf.TryGetValue(signature, out int g))
            {
                g = size.Count;
                groupOf.Add(signature, g);
                size.Add(0);
            }
            group[i] = g;
            size[g]++;
        }
        for (int i = 0; i < count; i++)
        {
            group[i] = size[group[i]] >= 2 ? group[i] : -1;
        }
        return group;
    }

    // Numbers the forward steps: a single node where it stands in T, a group where its first member (its anchor) stands.
    private static void NumberSteps(int[] group, int[] step, bool[] anchor)
    {
        var groupStep = new Dictionary<int, int>();
        int next = 0;
        for (int i = 0; i < group.Length; i++)
        {
            anchor[i] = false;
            if (group[i] < 0)
            {
                step[i] = next++;
            }
            else if (groupStep.TryGetValue(group[i], out int s))
            {
                step[i] = s;
            }
            else
            {
                groupStep.Add(group[i], next);
                anchor[i] = true;
                step[i] = next++;
            }
        }
    }

    // Takes out of their groups the members that would run before a child, or add to a gradient out of turn. Node by node,
    // a slot's gradient receives its consumers' contributions in reverse T order; batched, in reverse step order (a
    // group's members in reverse T order among themselves). So the steps of a slot's consumers, read in T order, must never
    // decrease. Only a member that is not its group's anchor runs away from its place in T, so only such a member can break
    // either rule; it is the one taken out. Returns whether anything was.
    private static bool Evict(
        int[] group, int[] step, bool[] anchor, int[] childStart, int[] childSlots, int[] interiorOfSlot, bool[] slotRequiresGrad,
        IReadOnlyList<Value> nodes)
    {
        var lastStep = new int[interiorOfSlot.Length];
        Array.Fill(lastStep, -1);
        var evicted = new List<int>();
        for (int i = 0; i < group.Length; i++)
        {
            bool moved = group[i] >= 0 && !anchor[i];
            bool contributes = nodes[i].RequiresGrad;
            bool evict = false;
            for (int e = childStart[i]; e < childStart[i + 1]; e++)
            {
                int slot = childSlots[e];
                int child = interiorOfSlot[slot];
                evict |= moved && child >= 0 && step[child] >= step[i];
                if (contributes && slotRequiresGrad[slot])
                {
                    evict |= step[i] < lastStep[slot];
                    lastStep[slot] = Math.Max(lastStep[slot], step[i]);
                }
            }
            if (evict)
            {
                evicted.Add(i);
            }
        }
        foreach (int i in evicted)
        {
            group[i] = -1;
        }
        return evicted.Count > 0;
    }

    private static BatchPlan Build(int[] group, bool[] anchor)
    {
        var members = new Dictionary<int, List<int>>();
        for (int i = 0; i < group.Length; i++)
        {
            if (group[i] >= 0)
            {
                if (!members.TryGetValue(group[i], out List<int>? list))
                {
                    members.Add(group[i], list = []);
                }
                list.Add(i);
            }
        }
        var order = new List<int>(group.Length);
        var segments = new List<(int Start, int End, int Group)>();
        var groups = new List<int[]>();
        int runStart = 0;
        for (int i = 0; i < group.Length; i++)
        {
            if (group[i] < 0 || members[group[i]].Count < 2)
            {
                order.Add(i);
                continue;
            }
            if (!anchor[i])
            {
                continue;
            }
            if (order.Count > runStart)
            {
                segments.Add((runStart, order.Count, -1));
            }
            List<int> list = members[group[i]];
            segments.Add((order.Count, order.Count + list.Count, groups.Count));
            order.AddRange(list);
            groups.Add([.. Enumerable.Reverse(list)]);
            runStart = order.Count;
        }
        if (order.Count > runStart)
        {
            segments.Add((runStart, order.Count, -1));
        }
        return new BatchPlan([.. order], [.. segments], [.. groups]);
    }

    private readonly record struct Signature(OpCode Op, long Parameter, int Arity, bool RequiresGrad, int Depth, int DotForm);
}
