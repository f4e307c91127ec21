using MicroNet.Cli.Commands.Bench;
using MicroNet.Cli.Examples;
using MicroNet.Nn;

namespace MicroNet.Tests.Compiled;

/// <summary>
/// A compiled replay calls the same op definitions in the same order as the eager engine, so its values and
/// gradients are bit-identical to an eager graph built from the same leaf data. The one exception is which NaN:
/// when both operands of an addition are NaN, x86 keeps the first one's sign and payload, and the two engines'
/// compiled code may order a commutative addition differently, so a NaN is only required to be a NaN.
/// </summary>
public static class CompiledGraphTests
{
    private const int GraphCount = 500;

    [Fact]
    public static void ForwardBackward_RandomGraphs_BitIdenticalToEager()
    {
        var random = new Random(2025);
        int finite = 0;
        foreach ((int g, RandomGraph graph) in RandomGraphs(random))
        {
            Value eagerOutput = graph.Build(graph.LeafData, out Value[] eagerLeaves, out List<Value> eagerNodes);
            eagerOutput.Backward();
            Value output = graph.Build(graph.LeafData, out Value[] leaves, out List<Value> nodes);

            CompiledGraph compiled = output.Compile();
            compiled.Forward();
            compiled.Backward();
            compiled.CopyToValues();

            string where = $"graph {g}";
            AssertSameBits(eagerOutput.Data, compiled.Output, $"{where}: output");
            AssertSameGradients(eagerLeaves, leaves, where);
            for (int i = 0; i < nodes.Count; i++)
            {
                AssertSameBits(eagerNodes[i].Data, nodes[i].Data, $"{where}: data of node {i}");
                AssertSameBits(eagerNodes[i].Grad, nodes[i].Grad, $"{where}: gradient of node {i}");
            }
            finite += double.IsFinite(compiled.Output) && leaves.All(v => double.IsFinite(v.Grad)) ? 1 : 0;
        }
        // Logs and powers of negative numbers give NaN; most graphs must still compare real numbers.
        Assert.InRange(finite, GraphCount * 6 / 10, GraphCount);
    }

    [Fact]
    public static void Replay_AfterChangingLeafData_BitIdenticalToFreshEagerGraph()
    {
        var random = new Random(7);
        foreach ((int g, RandomGraph graph) in RandomGraphs(random))
        {
            Value output = graph.Build(graph.LeafData, out Value[] leaves, out _);
            CompiledGraph compiled = output.Compile();
            double[] newData = [.. graph.LeafData.Select(_ => RandomGraph.RandomNumber(random))];

            for (int i = 0; i < leaves.Length; i++)
            {
                leaves[i].Data = newData[i];
            }
            compiled.Forward();
            compiled.Backward();

            Value fresh = graph.Build(newData, out Value[] freshLeaves, out _);
            fresh.Backward();
            AssertSameBits(fresh.Data, compiled.Output, $"graph {g}: output");
            AssertSameGradients(freshLeaves, leaves, $"graph {g}");
        }
    }

    [Fact]
    public static void Backward_Repeated_AccumulatesLeafGradientsLikeEager()
    {
        var random = new Random(11);
        foreach ((int g, RandomGraph graph) in RandomGraphs(random))
        {
            Value eagerOutput = graph.Build(graph.LeafData, out Value[] eagerLeaves, out _);
            Value output = graph.Build(graph.LeafData, out Value[] leaves, out _);
            CompiledGraph compiled = output.Compile();

            for (int call = 0; call < 3; call++)
            {
                eagerOutput.Backward();
                compiled.Forward();
                compiled.Backward();
            }

            AssertSameGradients(eagerLeaves, leaves, $"graph {g}");
        }
    }

    [Fact]
    public static void Backward_RightAfterCapture_MatchesEagerBackwardOnTheSameObjects()
    {
        var x = new Value(3);
        Value y = x * x;
        x.Data = 10;

        CompiledGraph compiled = y.Compile();
        compiled.Backward();
        double compiledGrad = x.Grad;
        x.Grad = 0;
        y.Backward();

        // Both read the leaf's current data (10) and the node's stored result (9): no forward pass has run.
        Assert.Equal(9.0, compiled.Output);
        Assert.Equal(20.0, compiledGrad);
        Assert.Equal(x.Grad, compiledGrad);
    }

    [Fact]
    public static void Backward_LeavesThatRequireNoGradient_KeepTheirGrad()
    {
        var w = new Value(2);
        var input = new Value(5) { RequiresGrad = false };
        Value three = Value.Constant(3.0);
        CompiledGraph compiled = (w * input * three).Compile();

        compiled.Forward();
        compiled.Backward();

        Assert.Equal(15.0, w.Grad);
        Assert.Equal(0.0, input.Grad);
        Assert.Equal(0.0, three.Grad);
    }

    [Fact]
    public static void Leaves_ListEachLeafOnceAndNothingElse()
    {
        var a = new Value(1);
        var b = new Value(2);
        Value c = 3.0;
        Value y = (a * b + a * c) * a;

        CompiledGraph compiled = CompiledGraph.Capture(y);

        Assert.Equal(3, compiled.Leaves.Count);
        Assert.Equal(new HashSet<Value>([a, b, c], ReferenceEqualityComparer.Instance), new HashSet<Value>(compiled.Leaves, ReferenceEqualityComparer.Instance));
        Assert.Same(y, compiled.Root);
        Assert.Equal(y.TopologicalOrder().Count, compiled.NodeCount);
    }

    [Fact]
    public static void Replay_LeafOutput_BehavesAsEager()
    {
        var x = new Value(4);
        CompiledGraph compiled = x.Compile();
        x.Data = 5;

        compiled.Forward();
        compiled.Backward();

        Assert.Equal(5.0, compiled.Output);
        Assert.Equal(1.0, x.Grad);
    }

    [Fact]
    public static void Replay_DoesNotTouchInteriorValuesUntilCopyToValues()
    {
        var x = new Value(2);
        Value y = x.Tanh();
        CompiledGraph compiled = y.Compile();
        x.Data = 0;

        compiled.Forward();
        compiled.Backward();
        Assert.Equal(Math.Tanh(2), y.Data);
        Assert.Equal(0.0, y.Grad);

        compiled.CopyToValues();
        Assert.Equal(0.0, y.Data);
        Assert.Equal(1.0, y.Grad);
    }

    [Fact]
    public static void Capture_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => CompiledGraph.Capture(null!));
    }

    [Fact]
    public static void CaptureAndReplay_MillionNodeChain_NoStackOverflow()
    {
        const int Nodes = 1_000_000;
        var chain = new Chain(Nodes);

        CompiledGraph compiled = chain.Output.Compile();
        chain.Start.Data = 1.5;
        compiled.Forward();
        compiled.Backward();

        Assert.Equal(Nodes + 2, compiled.NodeCount);
        Assert.Equal(Nodes + 1.5, compiled.Output);
        Assert.Equal(1.0, chain.Start.Grad);
        Assert.Equal(Nodes, chain.One.Grad);
    }

    [Fact]
    public static void NotebookTraining_Compiled_GivesEagerLossesBitForBit()
    {
        const int Steps = 30;
        NotebookRun eager = NotebookExample.Train(Steps);

        var model = NotebookExample.CreateModel();
        var optimizer = new Sgd(model.Parameters(), NotebookExample.DefaultLearningRate);
        CompiledGraph compiled = NotebookExample.Loss(model, out _).Compile();
        var losses = new double[Steps];
        for (int step = 0; step < Steps; step++)
        {
            compiled.Forward();
            losses[step] = compiled.Output;
            optimizer.ZeroGrad();
            compiled.Backward();
            optimizer.Step();
        }
        compiled.Forward();

        Assert.Equal(eager.StepLosses, losses);
        AssertSameBits(eager.FinalLoss, compiled.Output, "final loss");
        Assert.Equal(eager.Model.Parameters().Select(p => p.Data), model.Parameters().Select(p => p.Data));
    }

    [Fact]
    public static void MoonsLikeTraining_Compiled_GivesEagerLossesAndWeightsBitForBit()
    {
        // micrograd's demo shape: 16-input dots take the four-partial-sum path and run directly on the slots.
        const int Steps = 5;
        var random = new Random(5);
        double[][] points = [.. Enumerable.Range(0, 20).Select(_ => new[] { random.NextDouble() * 3 - 1, random.NextDouble() * 2 - 1 })];
        double[] labels = [.. Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? 1.0 : -1.0)];
        Value Loss(Mlp model) =>
            Losses.Hinge([.. points.Select(model.ForwardSingle)], labels) + Losses.L2(model.Parameters(), 1e-4);
        var eagerModel = new Mlp(2, [16, 16, 1], 3, Activation.Relu, Activation.Linear);
        var model = new Mlp(2, [16, 16, 1], 3, Activation.Relu, Activation.Linear);
        var eagerOptimizer = new Sgd(eagerModel.Parameters(), 0.1);
        var optimizer = new Sgd(model.Parameters(), 0.1);
        CompiledGraph compiled = Loss(model).Compile();
        // Batched, each layer's dots across the samples are one matrix product.
        Assert.Equal(3, compiled.Kernels.Count(k => k.IsGrid));
        Assert.Equal(0, compiled.DirectDotCount);
        // Node by node, every dot and at least the 32 hidden ReLUs and the hinge ReLU of each sample read their children in place.
        CompiledGraph nodeByNode = CompiledGraph.Capture(Loss(model), null, batching: false);
        Assert.Equal(points.Length * 33, nodeByNode.DirectDotCount);
        Assert.True(nodeByNode.DirectOtherCount >= points.Length * 33, $"{nodeByNode.DirectOtherCount} direct nodes");

        for (int step = 0; step < Steps; step++)
        {
            Value eagerLoss = Loss(eagerModel);
            eagerOptimizer.ZeroGrad();
            eagerLoss.Backward();
            compiled.Forward();
            optimizer.ZeroGrad();
            compiled.Backward();

            AssertSameBits(eagerLoss.Data, compiled.Output, $"loss at step {step}");
            Assert.Equal(eagerModel.Parameters().Select(p => p.Grad), model.Parameters().Select(p => p.Grad));
            eagerOptimizer.Step();
            optimizer.Step();
        }
    }

    // GraphCount graphs, each drawn from random when the loop asks for it: numbers the loop draws in between change the
    // graphs that follow.
    private static IEnumerable<(int Index, RandomGraph Graph)> RandomGraphs(Random random)
    {
        for (int g = 0; g < GraphCount; g++)
        {
            yield return (g, RandomGraph.Create(random));
        }
    }

    internal static void AssertSameGradients(Value[] expected, Value[] actual, string where)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            AssertSameBits(expected[i].Grad, actual[i].Grad, $"{where}: gradient of leaf {i}");
        }
    }

    internal static void AssertSameBits(double expected, double actual, string what)
    {
        bool same = BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual)
            || (double.IsNaN(expected) && double.IsNaN(actual));
        if (!same)
        {
            Assert.Fail(FormattableString.Invariant($"{what}: expected {expected:R}, got {actual:R}."));
        }
    }
}
