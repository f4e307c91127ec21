namespace MicroNet.Tests.Cli;

/// <summary>Whether Graphviz's <c>dot</c> can run here; tests that need it skip without it.</summary>
internal static class Graphviz
{
    public const string SkipReason = "Graphviz 'dot' is not on the PATH";

    public static bool IsDotOnPath { get; } = FindDot();

    public static void SkipUnlessDotOnPath()
    {
        if (!IsDotOnPath)
        {
            Assert.Skip(SkipReason);
        }
    }

    private static bool FindDot()
    {
        string name = OperatingSystem.IsWindows() ? "dot.exe" : "dot";
        string path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, name)));
    }
}
