using MicroNet.Cli;

namespace MicroNet.Tests.Cli;

/// <summary>One in-process run of <c>micronet</c>: its exit code and what it wrote to each stream.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>The non-empty lines of standard error.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static CliRun Of(params string[] args) => WithDot("dot", args);

    public static CliRun WithDot(string dotExecutable, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = MicronetApp.Run(args, output, error, dotExecutable);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
