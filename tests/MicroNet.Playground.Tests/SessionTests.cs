using System.Net;
using System.Text.Json.Nodes;
using MicroNet.Playground.Tests.Support;

namespace MicroNet.Playground.Tests;

/// <summary>Sessions: one per tab, each with its own run, trained off the request threads, bounded, and closed when idle.</summary>
public static class SessionTests
{
    [Fact]
    public static async Task CreateSession_Defaults_GivesTheCanonicalLinkAndTheFirstFrame()
    {
        await using TestServer server = await TestServer.StartAsync();

        JsonObject snapshot = await server.CreateSessionAsync();

        Assert.Equal("data=moons&n=200&noise=0.1&train=0.5&seed=1&features=x,y&layers=4,2&activation=tanh&optimizer=adam&lr=0.03&batch=10&l2=0",
            (string?)snapshot["state"]);
        Assert.Equal(200, snapshot["points"]!["x"]!.AsArray().Count);
        Assert.Equal(100, snapshot["points"]!["test"]!.AsArray().Count(t => (int)t! == 1));
        Assert.Equal("bce", (string?)snapshot["settings"]!["loss"]);
        JsonObject frame = snapshot["frame"]!.AsObject();
        Assert.Equal(0, (int)frame["epoch"]!);
        Assert.False((bool)frame["playing"]!);
        // 50 x 50 boundary cells, and 4 + 2 + 1 neurons of 25 x 25 cells, as signed bytes in base64.
        Assert.Equal(2500, Convert.FromBase64String((string)frame["boundary"]!).Length);
        Assert.Equal(7 * 625, Convert.FromBase64String((string)frame["neurons"]!).Length);
        // Per layer, each neuron's weights and bias: 4 x (2 + 1), 2 x (4 + 1), 1 x (2 + 1).
        Assert.Equal([12, 10, 3], frame["weights"]!.AsArray().Select(l => l!.AsArray().Count));
    }

    [Fact]
    public static async Task Step_TrainsOneEpoch_OnlyInItsOwnSession()
    {
        await using TestServer server = await TestServer.StartAsync();
        string a = (string)(await server.CreateSessionAsync("data=xor&seed=3"))["id"]!;
        string b = (string)(await server.CreateSessionAsync("data=circles&seed=4"))["id"]!;

        JsonObject stepped = await server.PostAsync($"/api/sessions/{a}/control", new { action = "step" });
        await server.PostAsync($"/api/sessions/{a}/control", new { action = "step" });

        Assert.Equal(1, (int)stepped["epoch"]!);
        Assert.Equal(2, (int)(await server.GetAsync($"/api/sessions/{a}"))["frame"]!["epoch"]!);
        JsonObject other = await server.GetAsync($"/api/sessions/{b}");
        Assert.Equal(0, (int)other["frame"]!["epoch"]!);
        Assert.Equal("circles", (string?)other["settings"]!["data"]);
    }

    [Fact]
    public static async Task Play_PushesFramesWithGrowingEpochsAndLossHistory_UntilPaused()
    {
        await using TestServer server = await TestServer.StartAsync();
        string id = (string)(await server.CreateSessionAsync("data=moons&layers=8,8"))["id"]!;
        await using EventStream events = await EventStream.OpenAsync(server.Client, id);
        JsonObject first = await events.NextFrameAsync();
        Assert.Equal(0, (int)first["epoch"]!);

        await server.PostAsync($"/api/sessions/{id}/control", new { action = "play" });
        JsonObject later = await events.FrameWhereAsync(f => (int)f["epoch"]! >= 20);
        JsonObject paused = await server.PostAsync($"/api/sessions/{id}/control", new { action = "pause" });

        Assert.True((bool)later["playing"]!);
        Assert.False((bool)paused["playing"]!);
        JsonObject stopped = await events.FrameWhereAsync(f => !(bool)f["playing"]!);
        int epoch = (int)stopped["epoch"]!;
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Equal(epoch, (int)(await server.GetAsync($"/api/sessions/{id}"))["frame"]!["epoch"]!);
        // The stream sent the loss of every epoch once, in order, across all the frames.
        Assert.True((double)later["testLoss"]! < (double)first["testLoss"]!);
    }

    [Fact]
    public static async Task Events_HistoryCoversEveryEpochOnce()
    {
        await using TestServer server = await TestServer.StartAsync();
        string id = (string)(await server.CreateSessionAsync("data=moons&batch=200"))["id"]!;
        await using EventStream events = await EventStream.OpenAsync(server.Client, id);
        var epochs = new List<int>();
        JsonObject frame = await events.NextFrameAsync();
        epochs.AddRange(frame["history"]!["points"]!.AsArray().Select(p => (int)p![0]!));

        await server.PostAsync($"/api/sessions/{id}/control", new { action = "play" });
        while ((int)frame["epoch"]! < 60)
        {
            frame = await events.NextFrameAsync();
            Assert.Equal(epochs.Count, (int)frame["history"]!["start"]!);
            epochs.AddRange(frame["history"]!["points"]!.AsArray().Select(p => (int)p![0]!));
        }

        Assert.Equal(Enumerable.Range(0, epochs.Count), epochs);
    }

    [Fact]
    public static async Task Reset_StartsTheSameRunAgain_Paused()
    {
        await using TestServer server = await TestServer.StartAsync();
        JsonObject created = await server.CreateSessionAsync("data=spiral&seed=5");
        string id = (string)created["id"]!;
        await server.PostAsync($"/api/sessions/{id}/control", new { action = "step" });

        await server.PostAsync($"/api/sessions/{id}/control", new { action = "reset" });
        JsonObject reset = await server.GetAsync($"/api/sessions/{id}");

        Assert.Equal(0, (int)reset["frame"]!["epoch"]!);
        Assert.Equal(2, (int)reset["frame"]!["run"]!);
        Assert.Equal(created["frame"]!["boundary"]!.ToJsonString(), reset["frame"]!["boundary"]!.ToJsonString());
        Assert.Equal(created["points"]!.ToJsonString(), reset["points"]!.ToJsonString());
    }

    [Fact]
    public static async Task ReplaceState_KeepsPlaying_AndReturnsTheNewRun()
    {
        await using TestServer server = await TestServer.StartAsync();
        string id = (string)(await server.CreateSessionAsync())["id"]!;
        await server.PostAsync($"/api/sessions/{id}/control", new { action = "play" });

        JsonObject snapshot = await server.PutAsync($"/api/sessions/{id}/state", new { state = "data=plane&layers=3" });

        Assert.Equal("regression", (string?)snapshot["kind"]);
        Assert.Equal("mse", (string?)snapshot["settings"]!["loss"]);
        Assert.Equal(["mse", "huber"], snapshot["losses"]!.AsArray().Select(l => (string)l!));
        Assert.True((bool)snapshot["frame"]!["playing"]!);
        await server.PostAsync($"/api/sessions/{id}/control", new { action = "pause" });
    }

    [Fact]
    public static async Task CreateSession_BeyondTheLimit_Is503()
    {
        await using TestServer server = await TestServer.StartAsync(new PlaygroundOptions { MaxSessions = 2 });
        await server.CreateSessionAsync();
        string second = (string)(await server.CreateSessionAsync())["id"]!;

        JsonObject refused = await server.PostAsync("/api/sessions", new { state = "" }, HttpStatusCode.ServiceUnavailable);

        Assert.Equal("The playground already has 2 sessions open, its limit; close another tab, or wait until an idle one is closed (after 5 minutes).",
            (string?)refused["error"]);
        using HttpResponseMessage closed = await server.Client.DeleteAsync($"/api/sessions/{second}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        await server.CreateSessionAsync();
    }

    [Fact]
    public static async Task IdleSession_IsClosed_WhileAWatchedOneStays()
    {
        await using TestServer server = await TestServer.StartAsync(new PlaygroundOptions { IdleTimeout = TimeSpan.FromMilliseconds(400) });
        string idle = (string)(await server.CreateSessionAsync())["id"]!;
        string watched = (string)(await server.CreateSessionAsync())["id"]!;
        await using EventStream events = await EventStream.OpenAsync(server.Client, watched);
        await events.NextFrameAsync();

        await Task.Delay(1500, TestContext.Current.CancellationToken);

        await server.GetAsync($"/api/sessions/{idle}", HttpStatusCode.NotFound);
        await server.GetAsync($"/api/sessions/{watched}");
        Assert.Equal(1, server.Server.Sessions.Count);
    }

    [Fact]
    public static async Task Close_EndsTheEventStream()
    {
        await using TestServer server = await TestServer.StartAsync();
        string id = (string)(await server.CreateSessionAsync())["id"]!;
        await using EventStream events = await EventStream.OpenAsync(server.Client, id);
        await events.NextFrameAsync();

        using HttpResponseMessage closed = await server.Client.PostAsync($"/api/sessions/{id}/close", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() => events.NextFrameAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public static async Task Play_StaysWithinTheFrameRateLimit()
    {
        await using TestServer server = await TestServer.StartAsync();
        string id = (string)(await server.CreateSessionAsync("data=moons&n=20&batch=20&layers=1"))["id"]!;
        await using EventStream events = await EventStream.OpenAsync(server.Client, id);
        await events.NextFrameAsync();

        await server.PostAsync($"/api/sessions/{id}/control", new { action = "play" });
        await Task.Delay(1000, TestContext.Current.CancellationToken);
        await server.PostAsync($"/api/sessions/{id}/control", new { action = "pause" });
        int epochs = (int)(await server.GetAsync($"/api/sessions/{id}"))["frame"]!["epoch"]!;

        // A one-neuron network on 10 points could do thousands of epochs a second; the session does at most 30.
        Assert.InRange(epochs, 5, PlaygroundLimits.MaxFramesPerSecond + 5);
    }
}
