using MicroNet.Cli;

namespace MicroNet.Tests.Cli;

/// <summary>One in-process run of <c>micronet</c>: its exit code and what it wrote to each stream.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>The non-empty lines of standard error.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Checks that the run was refused as a usage error: exit code 2, nothing on standard output, and one line on
    /// standard error, without a stack trace, that contains <paramref name="named"/>. Returns that line.
    /// </summary>
    public string AssertUsageError(string named)
    {
        Assert.Equal(2, ExitCode);
        Assert.Equal("", Output);
        string line = Assert.Single(ErrorLines);
        Assert.Contains(named, line, StringComparison.Ordinal);
        GraphCommandTests.AssertNoStackTrace(Error);
        return line;
    }

    public static CliRun Of(params string[] args) => WithDot("dot", args);

    public static CliRun WithDot(string dotExecutable, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = MicronetApp.Run(args, output, error, dotExecutable);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
