using MicroNet.Tests.Compiled;

namespace MicroNet.Tests.Engine;

/// <summary>
/// <see cref="Autograd"/>: gradients returned as numbers that are bit for bit <see cref="Value.Backward"/>'s, or as a
/// graph of the same ops that can be differentiated again; nothing written to <see cref="Value.Grad"/>.
/// </summary>
public static class AutogradTests
{
    private const int GraphCount = 500;

    [Fact]
    public static void Grad_WithoutGraph_BitIdenticalToBackward_OnRandomGraphs()
    {
        var random = new Random(14);
        for (int g = 0; g < GraphCount; g++)
        {
            RandomGraph graph = RandomGraph.Create(random);
            Value output = graph.Build(graph.LeafData, out _, out List<Value> nodes);
            // Leaves and interior nodes alike; Backward leaves each one's gradient in its Grad.
            Value[] inputs = [.. nodes.Where(n => n.RequiresGrad && random.Next(3) != 0)];

            Value[] gradients = Autograd.Grad(output, inputs);
            output.Backward();

            for (int i = 0; i < inputs.Length; i++)
            {
                double expected = output.RequiresGrad && output.TopologicalOrder().Contains(inputs[i]) ? inputs[i].Grad : 0;
                CompiledGraphTests.AssertSameBits(expected, gradients[i].Data, $"graph {g}: input {i}");
                Assert.False(gradients[i].RequiresGrad);
            }
        }
    }

    [Fact]
    public static void Grad_WithGraph_GivesTheSameNumbers_OnRandomGraphs()
    {
        var random = new Random(15);
        for (int g = 0; g < GraphCount; g++)
        {
            RandomGraph graph = RandomGraph.Create(random);
            Value output = graph.Build(graph.LeafData, out Value[] leaves, out _);
            Value[] inputs = [.. leaves.Where(l => l.RequiresGrad)];

            Value[] numbers = Autograd.Grad(output, inputs);
            Value[] values = Autograd.Grad(output, inputs, createGraph: true);

            for (int i = 0; i < inputs.Length; i++)
            {
                // The same arithmetic in the same order; only the sign of a zero may differ (a first contribution of
                // -0 is kept as it is, where adding it to 0 gives +0).
                Assert.True(numbers[i].Data == values[i].Data || (double.IsNaN(numbers[i].Data) && double.IsNaN(values[i].Data)),
                    $"graph {g}: input {i}: {numbers[i].Data:R} and {values[i].Data:R}");
            }
        }
    }

    [Fact]
    public static void Grad_NeverReadsOrWritesGrad()
    {
        var x = new Value(0.5, "x");
        var y = new Value(-1.5, "y");
        Value f = (x * y).Tanh() + x.Pow(y).Sigmoid() + Value.LogSumExp(x, y).Relu();
        foreach (Value node in f.TopologicalOrder())
        {
            node.Grad = 42;
        }

        Value[] gradient = Autograd.Grad(f, [x, y], createGraph: true);
        Value[] second = Autograd.Grad(gradient[0], [x, y]);
        double[,] hessian = Autograd.Hessian(f, [x, y]);

        Assert.All(f.TopologicalOrder(), node => Assert.Equal(42, node.Grad));
        Assert.Equal(Autograd.Grad(f, [x, y]).Select(v => v.Data), gradient.Select(v => v.Data));
        Assert.Equal(hessian[0, 0], second[0].Data);
        Assert.Equal(hessian[0, 1], second[1].Data);
    }

    [Fact]
    public static void Grad_ToAnyOrder_GivesEveryDerivativeOfAPower()
    {
        var x = new Value(2, "x");
        Value derivative = x.Pow(5);
        double[] expected = [80, 160, 240, 240, 120, 0, 0];

        foreach (double d in expected)
        {
            derivative = Autograd.Grad(derivative, [x], createGraph: true)[0];
            Assert.Equal(d, derivative.Data);
        }
    }

    [Fact]
    public static void Grad_WithGraph_CanBeBackpropagated()
    {
        var x = new Value(1.5, "x");
        Value dy = Autograd.Grad(x * x * x, [x], createGraph: true)[0];

        Assert.True(dy.RequiresGrad);
        dy.Backward();

        Assert.Equal(3 * 1.5 * 1.5, dy.Data);
        Assert.Equal(6 * 1.5, x.Grad);
    }

    [Fact]
    public static void Grad_InputsTheOutputDoesNotDependOn_AreZero()
    {
        var x = new Value(3, "x");
        var unused = new Value(1, "unused");
        Value constant = Value.Constant(2) * Value.Constant(5);

        Value[] gradient = Autograd.Grad(x * 4, [unused, x], createGraph: true);
        Value[] ofConstant = Autograd.Grad(constant, [x]);
        Value[] ofLinear = Autograd.Grad(gradient[1], [x]);

        Assert.Equal([0.0, 4.0], gradient.Select(g => g.Data));
        Assert.Equal(0.0, Assert.Single(ofConstant).Data);
        Assert.Equal(0.0, Assert.Single(ofLinear).Data);
    }

    [Fact]
    public static void Grad_InteriorInput_IsTheTotalDerivativeThroughIt()
    {
        var x = new Value(2, "x");
        var y = new Value(3, "y");
        Value u = x * y;
        Value f = u * u + u + x;

        Value[] gradient = Autograd.Grad(f, [u, x, f]);

        Assert.Equal([2 * 6 + 1, (2 * 6 + 1) * 3 + 1, 1.0], gradient.Select(g => g.Data));
    }

    [Fact]
    public static void Grad_InputThatNeedsNoGradient_ThrowsNamingIt()
    {
        var x = new Value(1);
        Value data = Value.Constant(2);

        ArgumentException error = Assert.Throws<ArgumentException>(() => Autograd.Grad(x * data, [x, data]));

        Assert.Contains("inputs[1]", error.Message, StringComparison.Ordinal);
        Assert.Equal("inputs", error.ParamName);
    }

    [Fact]
    public static void Grad_NullArguments_Throw()
    {
        var x = new Value(1);

        Assert.Throws<ArgumentNullException>(() => Autograd.Grad(null!, [x]));
        Assert.Throws<ArgumentNullException>(() => Autograd.Grad(x, null!));
        Assert.Throws<ArgumentNullException>(() => Autograd.Grad(x, [x, null!]));
        Assert.Throws<ArgumentNullException>(() => Autograd.Hessian(x, null!));
    }

    [Fact]
    public static void Hessian_Rosenbrock_IsTheKnownMatrix()
    {
        static double[,] At(double a, double b)
        {
            var x = new Value(a, "x");
            var y = new Value(b, "y");
            return Autograd.Hessian((1 - x).Pow(2) + 100 * (y - x.Pow(2)).Pow(2), [x, y]);
        }

        Assert.Equal(new double[,] { { 802, -400 }, { -400, 200 } }, At(1, 1));
        double[,] start = At(-1.2, 1);
        Assert.Equal(1200 * 1.44 - 400 * 1 + 2, start[0, 0], 9);
        Assert.Equal(400 * 1.2, start[0, 1], 9);
        Assert.Equal(400 * 1.2, start[1, 0], 9);
        Assert.Equal(200, start[1, 1]);
    }

    [Fact]
    public static void Hessian_PowAtExponentZero_KeepsPyTorchsAsymmetry()
    {
        var x = new Value(2, "x");
        var y = new Value(0, "y");

        double[,] hessian = Autograd.Hessian(x.Pow(y), [x, y]);

        // d/dx is masked to 0 where y == 0, so d(d/dx)/dy is 0; d(d/dy)/dx = 1 / x is not masked.
        Assert.Equal(0, hessian[0, 1]);
        Assert.Equal(0.5, hessian[1, 0]);
        Assert.Equal(Math.Log(2) * Math.Log(2), hessian[1, 1], 15);
    }

    [Fact]
    public static void Grad_HessianVectorProduct_WithoutFormingTheHessian()
    {
        var x = new Value(0.3, "x");
        var y = new Value(-0.7, "y");
        Value f = (x * y).Tanh() + x.Pow(3) * y.Exp();
        double[] v = [0.25, -2];

        Value[] gradient = Autograd.Grad(f, [x, y], createGraph: true);
        Value[] product = Autograd.Grad(Value.Dot([v[0], v[1]], gradient), [x, y]);

        double[,] hessian = Autograd.Hessian(f, [x, y]);
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(hessian[i, 0] * v[0] + hessian[i, 1] * v[1], product[i].Data, 14);
        }
    }

    [Fact]
    public static void Grad_MillionNodeChain_DoesNotRecurse()
    {
        const int length = 300_000;
        var x = new Value(1, "x");
        Value y = x;
        for (int i = 0; i < length; i++)
        {
            y *= x;
        }

        Value derivative = Autograd.Grad(y, [x], createGraph: true)[0];
        double second = Autograd.Grad(derivative, [x])[0].Data;

        Assert.Equal(length + 1, derivative.Data);
        Assert.Equal((double)(length + 1) * length, second);
    }

    [Fact]
    public static void Compiled_GradientGraph_BitIdenticalToEager_OnRandomGraphs()
    {
        var random = new Random(16);
        for (int g = 0; g < GraphCount / 5; g++)
        {
            RandomGraph graph = RandomGraph.Create(random, maxSteps: 20);
            Value eager = GradientSum(graph, out Value[] eagerLeaves);
            Value replayed = GradientSum(graph, out Value[] leaves);
            if (!eager.RequiresGrad)
            {
                continue;
            }

            eager.Backward();
            CompiledGraph compiled = replayed.Compile();
            compiled.Forward();
            compiled.Backward();

            CompiledGraphTests.AssertSameBits(eager.Data, compiled.Output, $"graph {g}: output");
            CompiledGraphTests.AssertSameGradients(eagerLeaves, leaves, $"graph {g}");
        }

        // The sum of the gradient's components: a graph made of the ops' derivatives (masks, elements, divisions).
        static Value GradientSum(RandomGraph graph, out Value[] leaves)
        {
            Value output = graph.Build(graph.LeafData, out leaves, out _);
            return Value.Sum(Autograd.Grad(output, [.. leaves.Where(l => l.RequiresGrad)], createGraph: true));
        }
    }
}
