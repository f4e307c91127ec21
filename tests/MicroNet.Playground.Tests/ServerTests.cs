using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using MicroNet.Playground.Tests.Support;

namespace MicroNet.Playground.Tests;

/// <summary>The server itself: its page and scripts, its address, and what it refuses.</summary>
public static class ServerTests
{
    [Theory]
    [InlineData("/", "text/html", "<title>MicroNet playground</title>")]
    [InlineData("/js/app.js", "text/javascript", "window.micronet = stats;")]
    [InlineData("/style.css", "text/css", "--orange: #f59322;")]
    [InlineData("/favicon.svg", "image/svg+xml", "<svg")]
    public static async Task Page_IsServedFromTheAssembly(string path, string type, string content)
    {
        await using TestServer server = await TestServer.StartAsync();

        using HttpResponseMessage response = await server.Client.GetAsync(path, TestContext.Current.CancellationToken);
        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(content, text, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public static async Task Page_NothingFromElsewhere()
    {
        await using TestServer server = await TestServer.StartAsync();
        foreach (string path in new[] { "/", "/style.css", "/js/app.js", "/js/api.js", "/js/plot.js", "/js/network.js", "/js/chart.js", "/js/inspector.js", "/js/colors.js" })
        {
            string text = await server.Client.GetStringAsync(path, TestContext.Current.CancellationToken);
            Assert.DoesNotContain("http://", text.Replace("http://www.w3.org/", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("https://", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public static async Task Address_IsLoopbackByDefault()
    {
        await using PlaygroundServer server = await PlaygroundServer.StartAsync(new PlaygroundOptions { Port = 0 }, TestContext.Current.CancellationToken);

        Assert.Equal("127.0.0.1", server.Address.Host);
        Assert.True(server.Address.Port > 0);
    }

    [Fact]
    public static async Task SecondServer_OnTheSamePort_SaysTheAddressIsInUse()
    {
        await using PlaygroundServer first = await PlaygroundServer.StartAsync(new PlaygroundOptions { Port = 0 }, TestContext.Current.CancellationToken);
        int port = first.Address.Port;

        PlaygroundException e = await Assert.ThrowsAsync<PlaygroundException>(
            () => PlaygroundServer.StartAsync(new PlaygroundOptions { Port = port }, TestContext.Current.CancellationToken));

        Assert.True(e.AddressInUse);
        Assert.Equal($"Port {port} on 127.0.0.1 is already in use, perhaps by another playground (http://127.0.0.1:{port}/).", e.Message);
        // The first one still answers.
        using var client = new HttpClient { BaseAddress = first.Address };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/options", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("example.com", "The host 'example.com' is not an IP address (such as 127.0.0.1 or 0.0.0.0) or localhost.")]
    public static async Task BadHost_IsRefused(string host, string message)
    {
        PlaygroundException e = await Assert.ThrowsAsync<PlaygroundException>(
            () => PlaygroundServer.StartAsync(new PlaygroundOptions { Host = host, Port = 0 }, TestContext.Current.CancellationToken));

        Assert.Equal(message, e.Message);
        Assert.False(e.AddressInUse);
    }

    [Fact]
    public static async Task Request_ForAnotherHostName_IsRefused()
    {
        // A page on the internet whose name resolves to 127.0.0.1 (DNS rebinding) still sends its own name.
        await using TestServer server = await TestServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/options");
        request.Headers.Host = "attacker.example";

        using HttpResponseMessage response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The playground answers requests for 127.0.0.1 or localhost only, not for 'attacker.example'.",
            (string?)(await TestServer.ReadAsync(response))["error"]);
    }

    [Fact]
    public static async Task Change_FromAnotherSite_IsRefused()
    {
        await using TestServer server = await TestServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions") { Content = JsonContent("{\"state\":\"\"}") };
        request.Headers.Add("Origin", "https://attacker.example");

        using HttpResponseMessage response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("The playground takes changes from its own page only, not from 'https://attacker.example'.",
            (string?)(await TestServer.ReadAsync(response))["error"]);
        Assert.Equal(0, server.Server.Sessions.Count);
    }

    [Fact]
    public static async Task Options_ListTheLibrarysNames()
    {
        await using TestServer server = await TestServer.StartAsync();

        JsonObject options = await server.GetAsync("/api/options");

        Assert.Equal(Nn.ActivationExtensions.Names.Names, options["activations"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(Optimizers.OptimizerKindExtensions.Names.Names, options["optimizers"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(Loss.LossFunction.All.Select(l => l.Name), options["losses"]!.AsArray().Select(l => (string)l!["name"]!));
        Assert.Equal(1000, (int)options["limits"]!["maxPoints"]!);
    }

    [Fact]
    public static async Task Stop_EndsOpenEventStreams()
    {
        TestServer server = await TestServer.StartAsync();
        string id = (string)(await server.CreateSessionAsync())["id"]!;
        await using EventStream events = await EventStream.OpenAsync(server.Client, id);
        await events.NextFrameAsync();
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        await server.DisposeAsync();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(4), $"Stopping took {stopwatch.Elapsed}.");
        await Assert.ThrowsAnyAsync<Exception>(() => events.NextFrameAsync(TimeSpan.FromSeconds(3)));
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
