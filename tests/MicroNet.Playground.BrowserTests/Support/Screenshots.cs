using Microsoft.Playwright;

namespace MicroNet.Playground.BrowserTests.Support;

/// <summary>
/// Screenshots the tests take: always into the test output (screenshots/), and into the repository's docs/images when
/// <c>MICRONET_UPDATE_SCREENSHOTS=1</c>, which is how the README's pictures are made (docs/playground.md).
/// </summary>
internal static class Screenshots
{
    public static async Task SaveAsync(IPage page, string fileName)
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        byte[] png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, fileName) });
        if (Environment.GetEnvironmentVariable("MICRONET_UPDATE_SCREENSHOTS") == "1" && RepositoryRoot() is { } root)
        {
            await File.WriteAllBytesAsync(Path.Combine(root, "docs", "images", fileName), png);
        }
    }

    private static string? RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MicroNet.slnx")))
            {
                return folder.FullName;
            }
        }
        return null;
    }
}
