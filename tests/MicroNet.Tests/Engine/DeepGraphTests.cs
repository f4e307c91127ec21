using MicroNet.Cli.Commands.Bench;
using MicroNet.Drawing;

namespace MicroNet.Tests.Engine;

/// <summary>Graph walks are iterative: chains far deeper than the call stack allows must still work.</summary>
public static class DeepGraphTests
{
    private const int MillionNodes = 1_000_000;

    [Fact]
    public static void Backward_MillionNodeChain_CompletesWithCorrectLeafGradients()
    {
        var chain = new Chain(MillionNodes);

        chain.Output.Backward();

        Assert.Equal(MillionNodes + 0.5, chain.Output.Data);
        Assert.Equal(1.0, chain.Start.Grad);
        Assert.Equal(MillionNodes, chain.One.Grad);
    }

    [Fact]
    public static void TopologicalOrderAndZeroGrad_MillionNodeChain_CoverEveryNode()
    {
        const double Factor = 1.0000001;
        var start = new Value(2);
        var factor = new Value(Factor);
        Value x = start;
        for (int i = 0; i < MillionNodes; i++)
        {
            x *= factor;
        }

        IReadOnlyList<Value> order = x.TopologicalOrder();
        x.Backward();
        double startGrad = start.Grad;
        x.ZeroGrad();

        Assert.Equal(MillionNodes + 2, order.Count);
        Assert.Same(start, order[0]);
        Assert.Same(factor, order[1]);
        Assert.Same(x, order[^1]);
        // d/dstart of start * f^N is f^N; a million roundings keep it within about 1e-10.
        Assert.Equal(Math.Pow(Factor, MillionNodes), startGrad, Math.Pow(Factor, MillionNodes) * 1e-9);
        Assert.Equal(0.0, start.Grad);
        Assert.Equal(0.0, factor.Grad);
        Assert.Equal(0.0, x.Grad);
        Assert.Equal(0.0, order[MillionNodes / 2].Grad);
    }

    [Fact]
    public static void ToDot_HundredThousandNodeChain_DrawsEveryNodeAndEdge()
    {
        const int Nodes = 100_000;
        var start = new Value(0);
        var one = new Value(1);
        Value x = start;
        for (int i = 0; i < Nodes; i++)
        {
            x += one;
        }

        string dot = GraphDrawing.ToDot(x);

        string[] lines = dot.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Three header lines, two leaf records, five lines per op node (record, op, op edge, two child edges), "}".
        Assert.Equal(3 + 2 + 5 * Nodes + 1, lines.Length);
        Assert.Equal(Nodes, lines.Count(l => l.EndsWith("_op [label=\"+\"];", StringComparison.Ordinal)));
        Assert.Contains($"  n{Nodes + 1} [shape=record, label=\"{{  | data 100000.0000 | grad 0.0000 }}\"];", lines);
        Assert.Equal("}", lines[^1]);
    }
}
