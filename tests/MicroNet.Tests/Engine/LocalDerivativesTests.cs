using MicroNet.Nn;
using MicroNet.Tests.Support;

namespace MicroNet.Tests.Engine;

/// <summary>What <see cref="Value.LocalDerivatives"/> promises: each op's own local derivative, the factor backward multiplies by.</summary>
public static class LocalDerivativesTests
{
    [Fact]
    public static void LocalDerivatives_Leaf_IsEmpty() => Assert.Empty(new Value(3).LocalDerivatives());

    [Fact]
    public static void LocalDerivatives_Tanh_IsOneMinusOutputSquared()
    {
        Value y = new Value(0.7).Tanh();

        Assert.Equal([1 - y.Data * y.Data], y.LocalDerivatives());
    }

    [Fact]
    public static void LocalDerivatives_SameChildTwice_HasOneEntryPerPosition()
    {
        var x = new Value(3);

        Assert.Equal([3.0, 3.0], (x * x).LocalDerivatives());
    }

    [Fact]
    public static void LocalDerivatives_Dot_AreTheOtherHalf()
    {
        Value[] weights = [new(2), new(-3)];
        Value[] inputs = [new(5), new(7)];

        // Children are laid out as [w0, w1, x0, x1]: d/dw[i] = x[i], d/dx[i] = w[i].
        Assert.Equal([5.0, 7.0, 2.0, -3.0], Value.Dot(weights, inputs).LocalDerivatives());
    }

    [Fact]
    public static void LocalDerivatives_TimesUpstream_ReplayBackwardOnANetwork()
    {
        var network = new Mlp(3, [4, 4, 1], seed: 7) { Form = NeuronForm.Expanded };
        Value[] inputs = [new(0.5), new(-1.5), new(2)];
        Value output = network.Forward(inputs)[0];
        output.Backward();

        // The chain rule by hand, in reverse topological order: each child gets local * upstream from each parent.
        IReadOnlyList<Value> order = output.TopologicalOrder();
        var grads = new Dictionary<Value, double>(ReferenceEqualityComparer.Instance) { [output] = 1 };
        for (int i = order.Count - 1; i >= 0; i--)
        {
            Value node = order[i];
            IReadOnlyList<double> locals = node.LocalDerivatives();
            for (int c = 0; c < locals.Count; c++)
            {
                Value child = node.Children[c];
                grads[child] = grads.GetValueOrDefault(child) + locals[c] * grads.GetValueOrDefault(node);
            }
        }

        foreach (Value node in order)
        {
            Approx.Equal(node.Grad, grads.GetValueOrDefault(node), 1e-12, node.Label);
        }
    }
}
