using MicroNet.Tests.Support;

namespace MicroNet.Tests.Engine;

/// <summary>What <see cref="Value.Backward"/>, <see cref="Value.ZeroGrad"/> and <see cref="Value.TopologicalOrder"/> promise.</summary>
public static class BackwardSemanticsTests
{
    [Fact]
    public static void Backward_CalledTwice_AccumulatesLeafGradients()
    {
        var a = new Value(3);
        var b = new Value(2);
        Value y = a * b;

        y.Backward();
        y.Backward();

        Assert.Equal(4.0, a.Grad);
        Assert.Equal(6.0, b.Grad);
    }

    [Fact]
    public static void Backward_CalledTwice_ResetsInteriorGradients()
    {
        var a = new Value(3);
        Value m = a * a;
        Value y = m + m;

        y.Backward();
        y.Backward();

        Assert.Equal(1.0, y.Grad);
        Assert.Equal(2.0, m.Grad);
        // dy/da = 2 * 2a = 12 per call, accumulated over two calls.
        Assert.Equal(24.0, a.Grad);
    }

    [Fact]
    public static void Backward_AfterZeroGrad_GivesOneCallsGradients()
    {
        NotebookNeuron neuron = NotebookNeuron.Build();
        neuron.O.Backward();

        neuron.O.ZeroGrad();
        neuron.O.Backward();

        Assert.Equal(-1.5, neuron.X1.Grad, 1e-14);
        Assert.Equal(1.0, neuron.W1.Grad, 1e-14);
    }

    [Fact]
    public static void ZeroGrad_AfterBackward_ZeroesEveryNodeOfTheGraph()
    {
        NotebookNeuron neuron = NotebookNeuron.Build();
        neuron.O.Backward();
        IReadOnlyList<Value> nodes = neuron.O.TopologicalOrder();
        // Every gradient but w2's (x2 is 0) is non-zero before.
        Assert.Equal(9, nodes.Count(v => v.Grad != 0));

        neuron.O.ZeroGrad();

        Assert.All(nodes, v => Assert.Equal(0.0, v.Grad));
    }

    [Fact]
    public static void TopologicalOrder_NotebookNeuron_ListsEachNodeOnceChildrenFirstRootLast()
    {
        NotebookNeuron neuron = NotebookNeuron.Build();

        IReadOnlyList<Value> order = neuron.O.TopologicalOrder();

        // x1, x2, w1, w2, b, x1*w1, x2*w2, their sum, n and o.
        Assert.Equal(10, order.Count);
        Assert.Equal(10, order.Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Same(neuron.O, order[^1]);
        AssertChildrenBeforeParents(order);
        foreach (Value leaf in new[] { neuron.X1, neuron.X2, neuron.W1, neuron.W2, neuron.B })
        {
            Assert.Contains(leaf, order);
        }
    }

    [Fact]
    public static void TopologicalOrder_SharedNodes_AppearOnce()
    {
        var a = new Value(1);
        Value b = a + a;
        Value c = b + b;

        IReadOnlyList<Value> order = c.TopologicalOrder();

        Assert.Equal([a, b, c], order);
    }

    [Fact]
    public static void TopologicalOrder_OfSubgraphAfterWalkingWholeGraph_StillFindsEveryNode()
    {
        // Walks mark visited nodes; a later walk must not mistake those marks for its own.
        NotebookNeuron neuron = NotebookNeuron.Build();
        Value n = neuron.O.Children[0];
        _ = neuron.O.TopologicalOrder();

        IReadOnlyList<Value> order = n.TopologicalOrder();

        Assert.Equal(9, order.Count);
        Assert.Same(n, order[^1]);
        AssertChildrenBeforeParents(order);
    }

    [Fact]
    public static void TopologicalOrder_Leaf_IsJustTheLeaf()
    {
        var a = new Value(5);

        Assert.Equal([a], a.TopologicalOrder());
    }

    internal static void AssertChildrenBeforeParents(IReadOnlyList<Value> order)
    {
        var position = new Dictionary<Value, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < order.Count; i++)
        {
            position.Add(order[i], i);
        }
        for (int i = 0; i < order.Count; i++)
        {
            foreach (Value child in order[i].Children)
            {
                Assert.True(position.TryGetValue(child, out int childPosition), $"Child of node {i} is missing from the order.");
                Assert.True(childPosition < i, $"Child at {childPosition} comes after its parent at {i}.");
            }
        }
    }
}
