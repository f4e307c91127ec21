namespace MicroNet.Drawing;

/// <summary>Which way a drawn graph flows, from inputs to output.</summary>
public enum RankDirection
{
    /// <summary>Inputs on the left, output on the right (Graphviz <c>rankdir=LR</c>), as in the notebook.</summary>
    LeftToRight,

    /// <summary>Inputs at the top, output at the bottom (Graphviz <c>rankdir=TB</c>).</summary>
    TopToBottom,
}

/// <summary>Names a <see cref="RankDirection"/>.</summary>
public static class RankDirectionExtensions
{
    /// <summary>The names on the command line, Graphviz's <c>rankdir</c> in lower case: <c>lr</c>, <c>tb</c>.</summary>
    public static NameTable<RankDirection> Names { get; } = new("direction", (RankDirection.LeftToRight, "lr"), (RankDirection.TopToBottom, "tb"));
}
