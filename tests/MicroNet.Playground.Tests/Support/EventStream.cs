using System.Text.Json.Nodes;

namespace MicroNet.Playground.Tests.Support;

/// <summary>Reads a session's Server-Sent Events: each <c>frame</c> event's JSON, in order.</summary>
internal sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<EventStream> OpenAsync(HttpClient client, string sessionId)
    {
        HttpResponseMessage response = await client.GetAsync($"/api/sessions/{sessionId}/events", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Stream stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        return new EventStream(response, new StreamReader(stream));
    }

    /// <summary>The next frame, or a failure after <paramref name="timeout"/>.</summary>
    public async Task<JsonObject> NextFrameAsync(TimeSpan? timeout = null)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
        string? eventName = null;
        while (await _reader.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName == "frame")
            {
                return JsonNode.Parse(line["data: ".Length..])!.AsObject();
            }
        }
        throw new InvalidOperationException("The event stream ended.");
    }

    /// <summary>Frames until one satisfies <paramref name="done"/>.</summary>
    public async Task<JsonObject> FrameWhereAsync(Func<JsonObject, bool> done, TimeSpan? timeout = null)
    {
        DateTime end = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            JsonObject frame = await NextFrameAsync(end - DateTime.UtcNow);
            if (done(frame))
            {
                return frame;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
