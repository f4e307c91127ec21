namespace MicroNet.Drawing;

/// <summary>Graphviz's <c>dot</c> could not render a drawing: it is not installed, or it failed.</summary>
public sealed class GraphvizException : Exception
{
    /// <summary>Creates the exception with a message a user can act on.</summary>
    public GraphvizException(string message, string? dotFilePath = null, Exception? innerException = null)
        : base(message, innerException)
    {
        DotFilePath = dotFilePath;
    }

    /// <summary>Where the DOT text was written instead of the picture, if it was; render it later with <c>dot</c>.</summary>
    public string? DotFilePath { get; }
}
