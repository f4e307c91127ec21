using System.Diagnostics;

namespace MicroNet.Playground.Tests.Support;

/// <summary>Whether Graphviz's dot runs on this machine.</summary>
internal static class Graphviz
{
    public static bool IsInstalled { get; } = Check();

    private static bool Check()
    {
        try
        {
            using Process? process = Process.Start(new ProcessStartInfo("dot", "-V") { RedirectStandardError = true, UseShellExecute = false });
            process?.WaitForExit(10_000);
            return process is { HasExited: true, ExitCode: 0 };
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
