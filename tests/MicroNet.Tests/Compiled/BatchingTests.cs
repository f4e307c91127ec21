using MicroNet.Nn;
using MicroNet.Ops;
using static MicroNet.Tests.Compiled.CompiledGraphTests;

namespace MicroNet.Tests.Compiled;

/// <summary>
/// Autobatching at capture: same-shaped nodes run as kernels, and the oracle is the node-by-node replay of the same graph
/// (and the eager engine): every number and every gradient must be the same, bit for bit, because the plan keeps the
/// order in which each gradient receives its additions.
/// </summary>
public static class BatchingTests
{
    [Fact]
    public static void Replay_BatchedRandomGraphs_BitIdenticalToNodeByNodeAndEager()
    {
        var random = new Random(1313);
        int batchedNodes = 0;
        for (int g = 0; g < 300; g++)
        {
            RandomGraph recipe = RandomGraph.Create(random, maxSteps: 25);
            int copies = random.Next(1, 6);
            // Some leaves are shared by every copy (parameters), the others are each copy's own (inputs).
            int shared = random.Next(recipe.LeafData.Length + 1);
            double[][] data = [.. Enumerable.Range(0, copies).Select(_ => recipe.LeafData.Select(_ => RandomGraph.RandomNumber(random)).ToArray())];

            Value eager = BuildCopies(recipe, data, shared, out Value[] eagerLeaves, out List<Value> eagerNodes);
            eager.Backward();
            CompiledGraph nodeByNode = CompiledGraph.Capture(BuildCopies(recipe, data, shared, out Value[] plainLeaves, out _), null, batching: false);
            CompiledGraph batched = CompiledGraph.Capture(BuildCopies(recipe, data, shared, out Value[] leaves, out List<Value> nodes), null, batching: true);
            nodeByNode.Forward();
            nodeByNode.Backward();
            batched.Forward();
            batched.Backward();
            batched.CopyToValues();

            string where = $"graph {g}";
            AssertSameBits(nodeByNode.Output, batched.Output, $"{where}: output");
            AssertSameBits(eager.Data, batched.Output, $"{where}: output against eager");
            AssertSameGradients(plainLeaves, leaves, where);
            AssertSameGradients(eagerLeaves, leaves, $"{where} against eager");
            for (int i = 0; i < nodes.Count; i++)
            {
                AssertSameBits(eagerNodes[i].Data, nodes[i].Data, $"{where}: data of node {i}");
                AssertSameBits(eagerNodes[i].Grad, nodes[i].Grad, $"{where}: gradient of node {i}");
            }
            batchedNodes += batched.Kernels.Sum(k => k.Outputs.Length);
        }
        // The copies share their shape, so most of their nodes must have been batched.
        Assert.True(batchedNodes > 2000, $"{batchedNodes} nodes ran in kernels");
    }

    [Fact]
    public static void Replay_RandomMlpLosses_BitIdenticalToNodeByNode()
    {
        var random = new Random(77);
        LossFunction[] losses = [new MseLoss(), new HingeLoss(), new BinaryCrossEntropyLoss(), new CrossEntropyLoss()];
        Activation[] activations = [Activation.Relu, Activation.Tanh, Activation.Sigmoid, Activation.Linear];
        for (int run = 0; run < 40; run++)
        {
            LossFunction loss = losses[random.Next(losses.Length)];
            int inputs = random.Next(1, 20), samples = random.Next(1, 13);
            int outputs = loss is CrossEntropyLoss ? random.Next(2, 6) : 1;
            int[] layers = [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => random.Next(1, 20)), outputs];
            var model = new Mlp(inputs, layers, random.Next(), activations[random.Next(4)], Activation.Linear);
            double l2 = random.Next(2) == 0 ? 0 : 1e-3;
            bool implicitInputs = random.Next(2) == 0;
            double[][] rows = [.. Enumerable.Range(0, samples).Select(_ => Enumerable.Range(0, inputs).Select(_ => random.NextDouble() * 4 - 2).ToArray())];
            double[] targets = [.. Enumerable.Range(0, samples).Select(_ => (double)random.Next(outputs == 1 ? 2 : outputs))];

            Value Loss(out Value[] inputLeaves)
            {
                // Inputs as a user writes them (leaves from doubles, which require a gradient) or as the trainer does (constants).
                Value[][] x = [.. rows.Select(r => r.Select(v => implicitInputs ? (Value)v : Value.Constant(v)).ToArray())];
                inputLeaves = [.. x.SelectMany(r => r)];
                var terms = new Value[samples];
                for (int s = 0; s < samples; s++)
                {
                    var encoded = new double[loss.TargetCount(outputs)];
                    loss.EncodeTarget(targets[s], encoded);
                    terms[s] = loss.Term(model.Forward(x[s]), [.. encoded.Select(Value.Constant)]);
                }
                Value mean = Value.Sum(terms) * Value.Constant(1.0 / samples);
                return l2 > 0 ? mean + Losses.L2(model.Parameters(), l2) : mean;
            }

            CompiledGraph nodeByNode = CompiledGraph.Capture(Loss(out Value[] plainInputs), null, batching: false);
            CompiledGraph batched = CompiledGraph.Capture(Loss(out Value[] batchedInputs), null, batching: true);
            IReadOnlyList<Value> parameters = model.Parameters();
            for (int step = 0; step < 2; step++)
            {
                nodeByNode.Forward();
                batched.Forward();
                AssertSameBits(nodeByNode.Output, batched.Output, $"run {run} step {step}: loss");
                foreach (Value p in parameters)
                {
                    p.Grad = 0;
                }
                nodeByNode.Backward();
                double[] expected = [.. parameters.Select(p => p.Grad)];
                foreach (Value p in parameters)
                {
                    p.Grad = 0;
                }
                batched.Backward();
                Assert.Equal(expected, parameters.Select(p => p.Grad));
                Assert.Equal(plainInputs.Select(v => v.Grad), batchedInputs.Select(v => v.Grad));
                foreach (Value p in parameters)
                {
                    p.Data -= 0.1 * p.Grad;
                }
            }
            if (samples >= 2)
            {
                Assert.Equal(layers.Length, batched.Kernels.Count(k => k.IsGrid));
            }
        }
    }

    [Fact]
    public static void Capture_GroupThatWouldReorderASharedGradient_RunsNodeByNode()
    {
        // Node by node, w's gradient (1e16 so far) receives a2's contribution (-1e16), then b's (1), then a1's (0.7): 1.7.
        // Running a1 and a2 as one kernel would add b's first: 1e16 + 1 rounds to 1e16, and the sum would be 0.7.
        var w = new Value(0.1) { Grad = 1e16 };
        Value[] x = [new(0.7), new(-1e16), new(3)];
        Value a1 = w * x[0], b = w + x[2], a2 = w * x[1];
        Value output = Value.Sum(a1, b, a2);

        CompiledGraph compiled = output.Compile();
        compiled.Backward();
        double batchedGrad = w.Grad;
        w.Grad = 1e16;
        output.Backward();

        Assert.Empty(compiled.Kernels);
        Assert.Equal(1.7, w.Grad);
        AssertSameBits(w.Grad, batchedGrad, "w's gradient");
    }

    [Fact]
    public static void Capture_IndependentSameShapedNodes_RunAsOneKernel()
    {
        var w = new Value(0.1);
        Value[] x = [new(0.7), new(1e16), new(3)];
        Value a1 = w * x[0], b = x[0] + x[2], a2 = w * x[1];

        CompiledGraph compiled = Value.Sum(a1, b, a2).Compile();

        Kernel kernel = Assert.Single(compiled.Kernels);
        Assert.Equal(2, kernel.Outputs.Length);
    }

    [Fact]
    public static void ForwardGrid_RandomRows_BitIdenticalToForwardPerPair()
    {
        var random = new Random(3);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = random.Next(0, 40), leftCount = random.Next(1, 10), rightCount = random.Next(1, 10);
            double[] data = RandomRows(random, (leftCount + rightCount) * n + 3);
            int[] lefts = [.. Enumerable.Range(0, leftCount).Select(l => 1 + l * n)];
            int[] rights = [.. Enumerable.Range(0, rightCount).Select(r => 1 + (leftCount + r) * n)];
            var products = new double[leftCount * rightCount];

            DotOp.ForwardGrid(data, lefts, rights, n, products);

            for (int l = 0; l < leftCount; l++)
            {
                for (int r = 0; r < rightCount; r++)
                {
                    double expected = DotOp.Forward(data.AsSpan(lefts[l], n), data.AsSpan(rights[r], n));
                    AssertSameBits(expected, products[l * rightCount + r], $"trial {trial}, n {n}, pair ({l}, {r})");
                }
            }
        }
    }

    [Fact]
    public static void AccumulateGrid_RandomRows_BitIdenticalToAddScaledInOrder()
    {
        var random = new Random(4);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = random.Next(0, 40), targetCount = random.Next(1, 10), sourceCount = random.Next(1, 10);
            double[] data = RandomRows(random, (targetCount + sourceCount) * n + 2);
            int[] targets = [.. Enumerable.Range(0, targetCount).Select(t => 2 + t * n)];
            int[] sources = [.. Enumerable.Range(0, sourceCount).Select(s => 2 + (targetCount + s) * n)];
            double[] factors = RandomRows(random, targetCount * sourceCount);
            double[] grad = RandomRows(random, data.Length);
            double[] expected = (double[])grad.Clone();
            bool transposed = random.Next(2) == 0;
            (int targetStride, int sourceStride) = transposed ? (1, targetCount) : (sourceCount, 1);

            DotOp.AccumulateGrid(data, grad, targets, sources, n, factors, targetStride, sourceStride);

            for (int t = 0; t < targetCount; t++)
            {
                for (int s = 0; s < sourceCount; s++)
                {
                    Real.AddScaled(Real.Of(data.AsSpan(sources[s], n)), factors[t * targetStride + s * sourceStride], Real.Of(expected.AsSpan(targets[t], n)));
                }
            }
            for (int i = 0; i < grad.Length; i++)
            {
                AssertSameBits(expected[i], grad[i], $"trial {trial}, n {n}, element {i}");
            }
        }
    }

    // Copies of one recipe summed; the first `shared` leaves are the same objects in every copy.
    private static Value BuildCopies(RandomGraph recipe, double[][] data, int shared, out Value[] leaves, out List<Value> nodes)
    {
        var allLeaves = new List<Value>();
        nodes = [];
        var outputs = new Value[data.Length];
        Value[]? sharedLeaves = null;
        for (int c = 0; c < data.Length; c++)
        {
            var copyLeaves = new Value[data[c].Length];
            for (int i = 0; i < copyLeaves.Length; i++)
            {
                copyLeaves[i] = i < shared && sharedLeaves is not null ? sharedLeaves[i]
                    : new Value(data[c][i]) { RequiresGrad = recipe.LeafRequiresGrad[i] };
            }
            sharedLeaves ??= copyLeaves;
            allLeaves.AddRange(c == 0 ? copyLeaves : copyLeaves.Skip(shared));
            outputs[c] = recipe.Build(copyLeaves, out List<Value> copyNodes);
            nodes.AddRange(copyNodes.Skip(copyLeaves.Length));
        }
        leaves = [.. allLeaves];
        Value output = Value.Sum(outputs);
        nodes.Add(output);
        return output;
    }

    // Numbers of mixed sizes and signs, so that a different order of additions would round differently.
    private static double[] RandomRows(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => (random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-3, 4)))];
}
