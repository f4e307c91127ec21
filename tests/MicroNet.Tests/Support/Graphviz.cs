namespace MicroNet.Tests.Support;

/// <summary>Finds Graphviz's <c>dot</c> on the PATH, so that tests needing it can skip where it is missing.</summary>
internal static class Graphviz
{
    public static bool IsDotOnPath { get; } = FindDot();

    public static void SkipUnlessDotIsOnPath()
    {
        if (!IsDotOnPath)
        {
            Assert.Skip("Graphviz 'dot' is not on the PATH");
        }
    }

    private static bool FindDot()
    {
        string fileName = OperatingSystem.IsWindows() ? "dot.exe" : "dot";
        string path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(System.IO.Path.Combine(folder, fileName)));
    }
}
