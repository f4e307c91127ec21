using System.Text.Json;
using Microsoft.Playwright;

namespace MicroNet.Playground.BrowserTests.Support;

/// <summary>
/// One tab on the playground, with what the tests read from it: <c>window.micronet</c> (the page's own counters), the
/// canvases' pixels, and every console error (a test fails on any).
/// </summary>
internal sealed class PlaygroundPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    private PlaygroundPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => _errors.Add(error);
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Opens the page at <paramref name="link"/> (after '#'; empty for the defaults) and waits for its first frame.</summary>
    public static async Task<PlaygroundPage> OpenAsync(BrowserFixture fixture, string link = "")
    {
        IBrowserContext context = await fixture.RequireBrowser().NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1440, Height = 980 },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(20_000);
        var page = new PlaygroundPage(context, await context.NewPageAsync());
        await page.GoToAsync(new Uri(fixture.Server.Address, link.Length > 0 ? "/#" + link : "/").ToString());
        return page;
    }

    public async Task GoToAsync(string url)
    {
        await Page.GotoAsync(url);
        await Page.WaitForFunctionAsync("() => window.micronet && window.micronet.framesRendered > 0");
    }

    /// <summary>The page's counters: framesRendered, lastFrame (epoch, losses, playing), state (the link), sessionId.</summary>
    public async Task<JsonElement> StatsAsync() => await Page.EvaluateAsync<JsonElement>("() => window.micronet");

    public async Task<string> StateAsync() => (await StatsAsync()).GetProperty("state").GetString()!;

    public async Task<int> EpochAsync() => (await StatsAsync()).GetProperty("lastFrame").GetProperty("epoch").GetInt32();

    /// <summary>The RGBA pixels of a canvas, as the page drew them.</summary>
    public async Task<byte[]> PixelsAsync(string selector) => await Page.EvalOnSelectorAsync<byte[]>(selector,
        "canvas => Array.from(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data)");

    /// <summary>How many points the plot shows.</summary>
    public async Task<int> PointCountAsync() => (await StatsAsync()).GetProperty("points").GetInt32();

    /// <summary>Waits until the page's link (its state) satisfies <paramref name="condition"/>, a JavaScript predicate of the link.</summary>
    public Task WaitForStateAsync(string condition) => Page.WaitForFunctionAsync($"() => (s => {condition})(window.micronet.state)");

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
