using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(MicroNet.Playground.BrowserTests.Support.BrowserFixture))]

namespace MicroNet.Playground.BrowserTests.Support;

/// <summary>
/// One playground server and one headless Chromium for the whole assembly (a browser takes about a second to start).
/// The browser is the system's (Debian's <c>chromium</c>, or <c>CHROMIUM_PATH</c>), never one Playwright downloads.
/// Where there is none, every test reports itself skipped with the reason; under CI (<c>CI=true</c>), where
/// .ci/run installs it, they fail instead.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] s_candidates = ["/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser"];

    private IPlaywright? _playwright;

    public PlaygroundServer Server { get; private set; } = null!;

    public IBrowser? Browser { get; private set; }

    /// <summary>Why there is no browser, or null.</summary>
    public string? Missing { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Server = await PlaygroundServer.StartAsync(new PlaygroundOptions { Port = 0, MaxSessions = 64 });
        string? path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } custom ? custom : s_candidates.FirstOrDefault(File.Exists);
        if (path is null || !File.Exists(path))
        {
            Missing = $"No Chromium at {path ?? string.Join(", ", s_candidates)}; install it (apt-get install -y chromium) or set CHROMIUM_PATH.";
            return;
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            // The background-networking flags keep Chromium from calling home, which this machine's closed network refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Skips the test where there is no browser (fails it under CI).</summary>
    public IBrowser RequireBrowser()
    {
        if (Missing is not null && Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail($"CI must run the browser tests: {Missing}");
        }
        Assert.SkipUnless(Browser is not null, Missing ?? "");
        return Browser;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}
