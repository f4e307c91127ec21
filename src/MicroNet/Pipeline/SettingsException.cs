namespace MicroNet.Pipeline;

/// <summary>
/// A training setting that does not fit the data or the other settings, such as a regression loss on classes. The
/// message is one sentence a user can act on; <see cref="Setting"/> names the <see cref="TrainingSettings"/> property,
/// so that a command line can name its own option.
/// </summary>
public sealed class SettingsException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public SettingsException()
        : base("A training setting does not fit.")
    {
        Setting = "";
    }

    /// <summary>Creates the exception with a message a user can act on.</summary>
    public SettingsException(string message)
        : base(message)
    {
        Setting = "";
    }

    /// <summary>Creates the exception with a message a user can act on, wrapping the error that caused it.</summary>
    public SettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Setting = "";
    }

    /// <summary>Creates the exception for the setting <paramref name="setting"/> (a <see cref="TrainingSettings"/> property name).</summary>
    public SettingsException(string setting, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Setting = setting;
    }

    /// <summary>The <see cref="TrainingSettings"/> property the problem is about, such as <c>Loss</c>; empty if none.</summary>
    public string Setting { get; }
}
