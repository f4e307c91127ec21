using System.Diagnostics;
using MicroNet.Plots;
using MicroNet.Tests.Support;
using SkiaSharp;

namespace MicroNet.Tests.Plots;

/// <summary>
/// Proves that plots draw their text on a machine without fonts. SkiaSharp's Linux build (the NoDependencies asset
/// that ScottPlot brings) reads fonts from <c>/usr/share/fonts</c> without fontconfig, so pointing FONTCONFIG_FILE at
/// an empty configuration changes nothing. Instead the test runs itself again in a child process inside a private
/// mount namespace, where an empty tmpfs hides <c>/usr/share/fonts</c>; the child checks that Skia really sees no
/// font, renders a plot, and the parent looks for text in the image. Needs Linux, <c>unshare</c> and root (CI is root).
/// </summary>
public static class NoSystemFontsTests
{
    private const string ChildOutput = "MICRONET_TESTS_FONTLESS_PNG";
    private const string FontFolder = "/usr/share/fonts";

    [Fact]
    public static void SaveCurves_WithoutSystemFonts_StillDrawsText()
    {
        string? childOutput = Environment.GetEnvironmentVariable(ChildOutput);
        if (childOutput is not null)
        {
            RenderAsChild(childOutput);
            return;
        }

        Assert.SkipUnless(OperatingSystem.IsLinux(), "Hiding the system fonts uses a Linux mount namespace.");
        Assert.SkipUnless(Run("unshare", ["--mount", "true"], null).ExitCode == 0,
            "unshare --mount is not permitted here (it needs root); the fontless rendering is not checked.");

        using var folder = new TempFolder();
        string png = folder["fontless.png"];
        string method = $"{typeof(NoSystemFontsTests).FullName}.{nameof(SaveCurves_WithoutSystemFonts_StillDrawsText)}";
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        // Mount over the font folder only where it exists: a machine without it has no system fonts already.
        const string Script = $"""if [ -d {FontFolder} ]; then mount -t tmpfs none {FontFolder} || exit 97; fi; exec "$@" """;
        (int exitCode, string output) = Run("unshare",
            ["--mount", "sh", "-c", Script, "sh", dotnet, "exec", typeof(NoSystemFontsTests).Assembly.Location, "-method", method],
            new Dictionary<string, string> { [ChildOutput] = png });

        Assert.True(exitCode == 0, $"the child run failed with exit code {exitCode}:\n{output}");
        Assert.True(File.Exists(png), $"the child run wrote no image:\n{output}");
        using PlotImage image = PlotImage.Read(png);
        Assert.True(image.TextStrokes(200, 0, 600, 30) > 100, "the title has no text pixels without system fonts");
    }

    private static void RenderAsChild(string path)
    {
        // If fonts were still visible, this test would prove nothing.
        Assert.Equal(0, SKTypeface.Default.GlyphCount);
        TrainingPlots.SaveCurves(path, new TrainingCurves([1.0, 0.5, 0.25]), title: "Rendered without system fonts");
    }

    private static (int ExitCode, string Output) Run(string fileName, IReadOnlyList<string> arguments, Dictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach ((string name, string value) in environment ?? [])
        {
            start.Environment[name] = value;
        }
        try
        {
            using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
            Task<string> error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output + error.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
