using MicroNet.Tests.Support;

namespace MicroNet.Tests.Engine;

/// <summary>Published numbers from micrograd's test suite (checked there against PyTorch) and from the notebook.</summary>
public static class ReferenceCaseTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public static void Backward_MicrogradSanityCheck_MatchesPyTorch()
    {
        (Value x, Value y) = MicrogradSanityCheck.AfterBackward();

        Approx.Equal(-20.0, y.Data, Tolerance, "y");
        Approx.Equal(46.0, x.Grad, Tolerance, "dy/dx");
    }

    [Fact]
    public static void Backward_MicrogradMoreOps_MatchesPyTorch()
    {
        var a = new Value(-4.0);
        var b = new Value(2.0);
        Value c = a + b;
        Value d = a * b + b.Pow(3);
        c += c + 1;
        c += 1 + c + (-a);
        d += d * 2 + (b + a).Relu();
        d += 3 * d + (b - a).Relu();
        Value e = c - d;
        Value f = e.Pow(2);
        Value g = f / 2;
        g += 10 / f;

        g.Backward();

        Approx.Equal(24.70408163265306, g.Data, Tolerance, "g");
        Approx.Equal(138.83381924198252, a.Grad, Tolerance, "dg/da");
        Approx.Equal(645.5772594752186, b.Grad, Tolerance, "dg/db");
    }

    [Fact]
    public static void Backward_NotebookTanhNeuron_GivesNotebookGradients()
    {
        NotebookNeuron neuron = NotebookNeuron.Build();

        neuron.O.Backward();

        Assert.Equal(0.7071067811865477, neuron.O.Data, 1e-14);
        Assert.Equal(-1.5, neuron.X1.Grad, 1e-14);
        Assert.Equal(1.0, neuron.W1.Grad, 1e-14);
        Assert.Equal(0.5, neuron.X2.Grad, 1e-14);
        Assert.Equal(0.0, neuron.W2.Grad, 1e-14);
        Assert.Equal(0.5, neuron.B.Grad, 1e-14);
    }

    [Fact]
    public static void Backward_SameValueOnBothSidesOfAdd_AccumulatesGradientTwice()
    {
        var a = new Value(3.0);
        Value b = a + a;

        b.Backward();

        Assert.Equal(6.0, b.Data);
        Assert.Equal(2.0, a.Grad);
    }

    [Fact]
    public static void Backward_ReusedNode_AccumulatesGradient()
    {
        var a = new Value(-2.0);
        Value b = a + a;
        Value c = b + b;

        c.Backward();

        Assert.Equal(-8.0, c.Data);
        Assert.Equal(2.0, b.Grad);
        Assert.Equal(4.0, a.Grad);
    }

    [Fact]
    public static void Backward_NodeUsedInProduct_SumsBothPaths()
    {
        // d(a*a)/da = 2a: the product rule reaches a through both operands.
        var a = new Value(-3.0);
        Value b = a * a;

        b.Backward();

        Assert.Equal(-6.0, a.Grad);
    }
}
