namespace MicroNet.Playground;

/// <summary>The playground could not start: its address is taken or not valid. The message is one sentence naming the address.</summary>
public sealed class PlaygroundException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public PlaygroundException()
        : base("The playground could not start.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public PlaygroundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public PlaygroundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an address that something else listens on already.</summary>
    public PlaygroundException(string message, Uri address, Exception? innerException)
        : base(message, innerException)
    {
        Address = address;
    }

    /// <summary>The address that was in use (another playground may be there), or null when the failure was another one.</summary>
    public Uri? Address { get; }

    /// <summary>Whether the address was in use.</summary>
    public bool AddressInUse => Address is not null;
}
