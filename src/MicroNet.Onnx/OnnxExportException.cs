namespace MicroNet.Onnx;

/// <summary>
/// A model that cannot be exported as asked: probabilities for a model that has none, an activation with no ONNX
/// equivalent here, or weights that are not finite or do not fit in the chosen precision. The message is one sentence
/// naming the problem and what to do.
/// </summary>
public sealed class OnnxExportException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public OnnxExportException()
        : base("The model cannot be exported to ONNX.")
    {
    }

    /// <summary>Creates the exception with a message a user can act on.</summary>
    public OnnxExportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message a user can act on, wrapping the error that caused it.</summary>
    public OnnxExportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
