using MicroNet.Nn;

namespace MicroNet.Tests.Nn;

/// <summary>Building networks, their parameters and summaries, and running them forward.</summary>
public static class MlpTests
{
    [Fact]
    public static void Constructor_NotebookShape_Has41ParametersAndSummary()
    {
        var model = new Mlp(3, [4, 4, 1], seed: 1);

        // (3 + 1) * 4 + (4 + 1) * 4 + (4 + 1) * 1
        Assert.Equal(41, model.Parameters().Count);
        Assert.Equal(41, model.Parameters().Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Equal("Mlp(3 -> [4 tanh, 4 tanh, 1 tanh], 41 parameters)", model.ToString());
    }

    [Fact]
    public static void ToString_OtherActivations_NamesEachLayer()
    {
        var model = new Mlp(2, [3, 1], seed: 1, Activation.Relu, Activation.Linear);

        Assert.Equal("Mlp(2 -> [3 relu, 1 linear], 13 parameters)", model.ToString());
        Assert.Equal("Layer(2 -> 3 relu)", model.Layers[0].ToString());
        Assert.Equal("Neuron(3 inputs, linear)", model.Layers[1].Neurons[0].ToString());
    }

    [Fact]
    public static void Constructor_SameSeed_GivesIdenticalWeights()
    {
        double[] first = [.. new Mlp(3, [4, 4, 1], seed: 7).Parameters().Select(p => p.Data)];
        double[] second = [.. new Mlp(3, [4, 4, 1], seed: 7).Parameters().Select(p => p.Data)];

        Assert.Equal(first, second);
    }

    [Fact]
    public static void Constructor_DifferentSeed_GivesDifferentWeights()
    {
        double[] first = [.. new Mlp(3, [4, 4, 1], seed: 7).Parameters().Select(p => p.Data)];
        double[] second = [.. new Mlp(3, [4, 4, 1], seed: 8).Parameters().Select(p => p.Data)];

        Assert.NotEqual(first, second);
    }

    [Fact]
    public static void Constructor_Weights_SpreadOverMinusOneToOne()
    {
        double[] weights = [.. new Mlp(10, [20, 20, 5], seed: 3).Parameters().Select(p => p.Data)];

        Assert.All(weights, w => Assert.InRange(w, -1.0, 1.0));
        // 745 uniform draws: the extremes come close to both ends.
        Assert.True(weights.Min() < -0.95);
        Assert.True(weights.Max() > 0.95);
    }

    [Fact]
    public static void Parameters_Neuron_ListsWeightsThenBias()
    {
        var neuron = new Neuron(3, new Random(1));

        Assert.Equal([.. neuron.Weights, neuron.Bias], neuron.Parameters());
    }

    [Fact]
    public static void Parameters_Mlp_ListsLayersInOrder()
    {
        var model = new Mlp(2, [3, 2], seed: 1);

        Assert.Equal([.. model.Layers[0].Parameters(), .. model.Layers[1].Parameters()], model.Parameters());
    }

    [Fact]
    public static void Constructor_NoLayers_Throws()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new Mlp(3, [], seed: 1));

        Assert.Equal("layerSizes", e.ParamName);
    }

    [Fact]
    public static void Constructor_EmptyLayer_ThrowsNamingTheLayer()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new Mlp(3, [4, 0, 1], seed: 1));

        Assert.Equal("layerSizes", e.ParamName);
        Assert.Contains("Layer 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Forward_SmallMlp_MatchesHandComputedNetwork()
    {
        var model = new Mlp(2, [3, 1], seed: 5);
        double[] x = [0.7, -1.3];

        double output = model.ForwardSingle(x).Data;

        double[] hidden = new double[3];
        for (int j = 0; j < 3; j++)
        {
            Neuron n = model.Layers[0].Neurons[j];
            hidden[j] = Math.Tanh(n.Weights[0].Data * x[0] + n.Weights[1].Data * x[1] + n.Bias.Data);
        }
        Neuron last = model.Layers[1].Neurons[0];
        double expected = Math.Tanh(
            last.Weights[0].Data * hidden[0] + last.Weights[1].Data * hidden[1] + last.Weights[2].Data * hidden[2] + last.Bias.Data);
        Assert.Equal(expected, output, 1e-14);
    }

    [Fact]
    public static void LayerForward_ReturnsOneValuePerNeuron()
    {
        var layer = new Layer(3, 5, new Random(2), Activation.Sigmoid);
        Value[] x = [0.5, -1, 2];

        IReadOnlyList<Value> outputs = layer.Forward(x);

        Assert.Equal(5, outputs.Count);
        for (int j = 0; j < 5; j++)
        {
            Neuron n = layer.Neurons[j];
            double sum = n.Weights[0].Data * 0.5 + n.Weights[1].Data * -1 + n.Weights[2].Data * 2 + n.Bias.Data;
            Assert.Equal(1 / (1 + Math.Exp(-sum)), outputs[j].Data, 1e-14);
        }
    }

    [Fact]
    public static void Forward_WrongInputCount_ThrowsNamingInputsAndBothSizes()
    {
        var model = new Mlp(3, [4, 1], seed: 1);

        AssertThrowsNamingInputs(["3", "5"],
            () => model.Forward([1.0, 2.0, 3.0, 4.0, 5.0]),
            () => model.Forward(new Value[] { 1, 2, 3, 4, 5 }));
    }

    [Fact]
    public static void LayerAndNeuronForward_WrongInputCount_ThrowNamingInputs()
    {
        var layer = new Layer(4, 2, new Random(1));
        Value[] two = [1, 2];

        AssertThrowsNamingInputs(["4", "2"], () => layer.Forward(two), () => layer.Neurons[0].Forward(two));
    }

    [Fact]
    public static void ForwardSingle_MultiOutputMlp_Throws()
    {
        var model = new Mlp(3, [4, 2], seed: 1);

        Assert.Throws<InvalidOperationException>(() => model.ForwardSingle([1.0, 2.0, 3.0]));
        Assert.Throws<InvalidOperationException>(() => model.ForwardSingle(new Value[] { 1, 2, 3 }));
    }

    [Fact]
    public static void ZeroGrad_AfterBackward_ZeroesEveryParameterGradient()
    {
        var model = new Mlp(3, [4, 4, 1], seed: 1);
        model.ForwardSingle([2.0, 3.0, -1.0]).Backward();
        Assert.All(model.Parameters(), p => Assert.NotEqual(0.0, p.Grad));

        model.ZeroGrad();

        Assert.All(model.Parameters(), p => Assert.Equal(0.0, p.Grad));
    }

    [Fact]
    public static void Apply_Linear_ReturnsTheSameValue()
    {
        var x = new Value(-2);

        Assert.Same(x, Activation.Linear.Apply(x));
        Assert.Equal(0.0, Activation.Relu.Apply(x).Data);
    }

    // Each call throws an ArgumentException for the parameter inputs whose message has both sizes.
    private static void AssertThrowsNamingInputs(string[] sizes, params Action[] calls)
    {
        foreach (Action call in calls)
        {
            ArgumentException e = Assert.Throws<ArgumentException>(call);
            Assert.Equal("inputs", e.ParamName);
            foreach (string size in sizes)
            {
                Assert.Contains(size, e.Message, StringComparison.Ordinal);
            }
        }
    }
}
