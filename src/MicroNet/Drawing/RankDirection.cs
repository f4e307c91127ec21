namespace MicroNet.Drawing;

/// <summary>Which way a drawn graph flows, from inputs to output.</summary>
public enum RankDirection
{
    /// <summary>Inputs on the left, output on the right (Graphviz <c>rankdir=LR</c>), as in the notebook.</summary>
    LeftToRight,

    /// <summary>Inputs at the top, output at the bottom (Graphviz <c>rankdir=TB</c>).</summary>
    TopToBottom,
}
