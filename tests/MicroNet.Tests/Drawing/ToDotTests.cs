using MicroNet.Drawing;
using MicroNet.Tests.Support;

namespace MicroNet.Tests.Drawing;

/// <summary>The DOT text of a graph: the notebook's record layout, stable node ids, escaped labels.</summary>
public static class ToDotTests
{
    internal static string ExpectedNeuronDot() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Expected", "neuron.dot")).Replace("\r\n", "\n", StringComparison.Ordinal);

    [Fact]
    public static void ToDot_NotebookNeuronAfterBackward_MatchesExpectedFile()
    {
        NotebookNeuron neuron = NotebookNeuron.Build();
        neuron.O.Backward();

        string dot = GraphDrawing.ToDot(neuron.O);

        Assert.Equal(ExpectedNeuronDot(), dot);
    }

    [Fact]
    public static void ToDot_IdenticalGraphs_GiveIdenticalText()
    {
        NotebookNeuron first = NotebookNeuron.Build();
        NotebookNeuron second = NotebookNeuron.Build();
        first.O.Backward();
        second.O.Backward();

        string firstDot = GraphDrawing.ToDot(first.O);
        _ = GraphDrawing.ToDot(NotebookNeuron.Build().O);
        string secondDot = GraphDrawing.ToDot(second.O);

        Assert.Equal(firstDot, secondDot);
    }

    [Fact]
    public static void ToDot_Default_FlowsLeftToRight()
    {
        string dot = GraphDrawing.ToDot(NotebookNeuron.Build().O);

        Assert.Contains("\n  rankdir=LR;\n", dot, StringComparison.Ordinal);
    }

    [Fact]
    public static void ToDot_TopToBottom_SetsRankdirTB()
    {
        string dot = GraphDrawing.ToDot(NotebookNeuron.Build().O, RankDirection.TopToBottom);

        Assert.Contains("\n  rankdir=TB;\n", dot, StringComparison.Ordinal);
        Assert.DoesNotContain("rankdir=LR", dot, StringComparison.Ordinal);
    }

    [Fact]
    public static void ToDot_LabelWithRecordCharacters_IsEscaped()
    {
        var x = new Value(1, "a{b}|c<d>\"e\\f");

        string dot = GraphDrawing.ToDot(x);

        Assert.Contains(@"label=""{ a\{b\}\|c\<d\>\""e\\f | data 1.0000 | grad 0.0000 }""", dot, StringComparison.Ordinal);
    }

    [Fact]
    public static void ToDot_LabelWithNewline_IsEscaped()
    {
        var x = new Value(1, "two\nlines");

        string dot = GraphDrawing.ToDot(x);

        Assert.Contains(@"{ two\nlines | data 1.0000", dot, StringComparison.Ordinal);
    }

    [Fact]
    public static void ToDot_HugeAndNonFiniteNumbers_AreWrittenReadably()
    {
        var big = new Value(1.5e12, "big") { Grad = double.NaN };
        Value y = big * double.PositiveInfinity;

        string dot = GraphDrawing.ToDot(y);

        Assert.Contains("{ big | data 1.5e+12 | grad NaN }", dot, StringComparison.Ordinal);
        Assert.Contains("data Infinity", dot, StringComparison.Ordinal);
    }
}
