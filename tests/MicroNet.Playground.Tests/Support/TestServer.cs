using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MicroNet.Playground.Tests.Support;

/// <summary>A playground on a free loopback port, and an HTTP client for it; stopped on dispose.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(PlaygroundServer server)
    {
        Server = server;
        Client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public PlaygroundServer Server { get; }

    public HttpClient Client { get; }

    public static async Task<TestServer> StartAsync(PlaygroundOptions? options = null) =>
        new(await PlaygroundServer.StartAsync((options ?? new PlaygroundOptions()) with { Port = 0 }, TestContext.Current.CancellationToken));

    /// <summary>Creates a session with <paramref name="state"/> and returns its snapshot.</summary>
    public async Task<JsonObject> CreateSessionAsync(string state = "")
    {
        using HttpResponseMessage response = await Client.PostAsJsonAsync("/api/sessions", new { state }, TestContext.Current.CancellationToken);
        JsonObject body = await ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        return body;
    }

    public async Task<JsonObject> PostAsync(string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using HttpResponseMessage response = await Client.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
        return await ExpectAsync(response, expected);
    }

    public async Task<JsonObject> PutAsync(string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using HttpResponseMessage response = await Client.PutAsJsonAsync(path, body, TestContext.Current.CancellationToken);
        return await ExpectAsync(response, expected);
    }

    public async Task<JsonObject> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using HttpResponseMessage response = await Client.GetAsync(path, TestContext.Current.CancellationToken);
        return await ExpectAsync(response, expected);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        try
        {
            return JsonNode.Parse(text)?.AsObject() ?? throw new InvalidOperationException("The body is JSON null.");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The answer ({(int)response.StatusCode}) is not JSON: {text}", e);
        }
    }

    private static async Task<JsonObject> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        JsonObject body = await ReadAsync(response);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body.ToJsonString()}");
        return body;
    }
}
