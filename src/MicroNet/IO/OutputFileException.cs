namespace MicroNet.IO;

/// <summary>
/// A path cannot be used as an output, found before anything is written: it is empty, its folder does not exist or
/// cannot be written, it is a folder or a device that cannot be replaced, or it is one of the command's inputs. The
/// message is one sentence naming the path.
/// </summary>
public sealed class OutputFileException : IOException
{
    /// <summary>Creates the exception with its one-sentence message.</summary>
    public OutputFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and the error that revealed the problem.</summary>
    public OutputFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public OutputFileException()
        : base("The path cannot be used as an output.")
    {
    }
}
