using System.Diagnostics;

namespace MicroNet.Tests.Shared;

/// <summary>
/// The <c>micronet</c> tool built beside the tests (its own launcher, MicroNet.Cli, which the tool package installs as
/// <c>micronet</c>), started as a user runs it, with standard output and error redirected. Linked into each test
/// project that runs the tool as a process.
/// </summary>
internal static class MicronetProcess
{
    public static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "MicroNet.Cli.exe" : "MicroNet.Cli"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start)!;
    }
}
