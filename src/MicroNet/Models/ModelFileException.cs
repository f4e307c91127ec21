namespace MicroNet.Models;

/// <summary>
/// A model file that cannot be loaded: missing, not JSON, truncated, of another format or version, or with weights
/// that do not fit its architecture. The message is one sentence naming the file and the problem.
/// </summary>
public sealed class ModelFileException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ModelFileException()
        : base("The model file cannot be loaded.")
    {
    }

    /// <summary>Creates the exception with a message a user can act on.</summary>
    public ModelFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message a user can act on, wrapping the error that caused it.</summary>
    public ModelFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private ModelFileException(string filePath, string problem, Exception? innerException)
        : base($"Cannot load model '{filePath}': {problem}", innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The model file, if known.</summary>
    public string? FilePath { get; }

    /// <summary>"Cannot load model 'PATH': PROBLEM" (the problem ends with a full stop).</summary>
    internal static ModelFileException For(string filePath, string problem, Exception? innerException = null) =>
        new(filePath, problem, innerException);
}
