using CsCheck;
using MicroNet.Nn;
using MicroNet.Tests.Support;

namespace MicroNet.Tests.Nn;

/// <summary>The fused (one dot node) and expanded (the notebook's w*x nodes) neuron forms compute the same thing.</summary>
public static class NeuronFormTests
{
    [Theory]
    [InlineData(Activation.Linear)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Sigmoid)]
    public static void Forward_ExpandedAndFused_GiveSameOutputsAndGradients(Activation activation)
    {
        Gen<double[]> inputs = Gen.Double[-2, 2].Array[3];
        Seeded.Sample(Gen.Select(inputs, Gen.Int[0, 1000]), t =>
        {
            (double[] x, int seed) = t;
            (double[] fusedOutputs, double[] fusedGrads) = RunAndDifferentiate(x, seed, activation, NeuronForm.Fused);
            (double[] expandedOutputs, double[] expandedGrads) = RunAndDifferentiate(x, seed, activation, NeuronForm.Expanded);

            for (int i = 0; i < fusedOutputs.Length; i++)
            {
                Approx.Equal(fusedOutputs[i], expandedOutputs[i], 1e-12, $"output {i}");
            }
            for (int i = 0; i < fusedGrads.Length; i++)
            {
                Approx.Equal(fusedGrads[i], expandedGrads[i], 1e-12, $"gradient {i}");
            }
        }, count: 50);
    }

    [Fact]
    public static void Forward_Expanded_BuildsOneMultiplyNodePerWeight()
    {
        var model = new Mlp(3, [4, 4, 1], seed: 1) { Form = NeuronForm.Expanded };

        IReadOnlyList<Value> graph = model.ForwardSingle([1.0, 2.0, 3.0]).TopologicalOrder();

        // 3 * 4 + 4 * 4 + 4 * 1 weights.
        Assert.Equal(32, graph.Count(v => v.Op == "*"));
        Assert.Equal(0, graph.Count(v => v.Op == "dot"));
    }

    [Fact]
    public static void Forward_Fused_BuildsOneDotNodePerNeuron()
    {
        var model = new Mlp(3, [4, 4, 1], seed: 1);

        IReadOnlyList<Value> graph = model.ForwardSingle([1.0, 2.0, 3.0]).TopologicalOrder();

        Assert.Equal(NeuronForm.Fused, model.Form);
        Assert.Equal(9, graph.Count(v => v.Op == "dot"));
        Assert.Equal(0, graph.Count(v => v.Op == "*"));
    }

    [Fact]
    public static void Form_SetOnMlp_ReachesEveryNeuron()
    {
        var model = new Mlp(3, [4, 4, 1], seed: 1) { Form = NeuronForm.Expanded };

        Assert.All(model.Layers.SelectMany(l => l.Neurons), n => Assert.Equal(NeuronForm.Expanded, n.Form));
    }

    // The outputs, then the gradients of every parameter and input, of sum(output[i] * (i + 1)).
    private static (double[] Outputs, double[] Grads) RunAndDifferentiate(double[] x, int seed, Activation activation, NeuronForm form)
    {
        var model = new Mlp(3, [4, 4, 2], seed, activation, activation) { Form = form };
        Value[] inputs = [.. x.Select(v => new Value(v))];
        IReadOnlyList<Value> outputs = model.Forward(inputs);
        Value loss = outputs[0] + 2 * outputs[1];
        loss.Backward();
        return ([.. outputs.Select(o => o.Data)], [.. model.Parameters().Concat(inputs).Select(p => p.Grad)]);
    }
}
