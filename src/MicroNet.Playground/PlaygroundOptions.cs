namespace MicroNet.Playground;

/// <summary>Where the playground listens and how much it takes on. Immutable; each setting is checked when the server starts.</summary>
public sealed record PlaygroundOptions
{
    /// <summary>The default <see cref="Port"/>, 5151.</summary>
    public const int DefaultPort = 5151;

    /// <summary>
    /// The address to listen on: an IP address, or <c>localhost</c> for both loopback addresses. <c>127.0.0.1</c> by
    /// default, so that only this machine can reach the page; any other address lets the network in, without a password.
    /// </summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The TCP port, 1 to 65535, or 0 for any free one (read the one chosen from <see cref="PlaygroundServer.Address"/>). <see cref="DefaultPort"/> by default.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>How many sessions (browser tabs) may be open at once; a new tab beyond that is refused until one closes. 8 by default.</summary>
    public int MaxSessions { get; init; } = 8;

    /// <summary>How long a session lives with no tab watching it and no request; then it is closed and its training stopped. 5 minutes by default.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The Graphviz program that draws computation graphs as SVG; <c>dot</c> from the PATH by default. Without it the page draws them itself.</summary>
    public string DotExecutable { get; init; } = "dot";
}
