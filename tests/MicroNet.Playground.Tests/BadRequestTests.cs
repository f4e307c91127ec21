using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MicroNet.Playground.Tests.Support;

namespace MicroNet.Playground.Tests;

/// <summary>Every bad request gets a status and one sentence naming what is wrong, never a stack trace.</summary>
public sealed class BadRequestTests : IAsyncLifetime
{
    private static readonly int[] s_array = [1];

    private TestServer _server = null!;
    private string _id = "";

    public async ValueTask InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _id = (string)(await _server.CreateSessionAsync())["id"]!;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    public static TheoryData<string, string> BadStates => new()
    {
        { "data=mnist", "The setting 'data' is 'mnist'; it must be one of moons, circles, xor, spiral, blobs, plane, bumps or csv." },
        { "n=5000", "The setting 'n' is '5000'; it must be a whole number from 10 to 1000." },
        { "noise=NaN", "The setting 'noise' is 'NaN'; it must be a number from 0 to 0.5." },
        { "layers=4,4,4,4,4,4,4", "The setting 'layers' has 7 hidden layers; the playground takes at most 6." },
        { "layers=9", "The setting 'layers' is '9'; it must be a whole number from 1 to 8." },
        { "features=", "The setting 'features' is empty; the network needs at least one input from x, y, x2, y2, xy, sinx or siny." },
        { "features=x,cos", "The setting 'features' is 'cos'; it must be among x, y, x2, y2, xy, sinx or siny." },
        { "activation=gelu", "The setting 'activation' is 'gelu'; it must be one of linear, tanh, relu or sigmoid." },
        { "loss=mse", "The mse loss does not fit dataset moons (noise 0.1, seed 1) (binary classification); use bce, hinge or cross-entropy." },
        { "lr=100", "The setting 'lr' is '100'; it must be a number from 0.000001 to 10." },
        { "seed=1&seed=2", "The setting 'seed' appears 2 times in the link; give it once." },
        { "colour=red", "The link has an unknown setting 'colour'; the settings are data, n, noise, train, seed, features, layers, activation, loss, optimizer, lr, batch, l2, add, remove, col, class or pts." },
        { "add=1:2", "The setting 'add' is '1:2'; it must be points written x:y:label with finite numbers up to 1e9, separated by ';'." },
        { "add=1:2:5", "A point's label is 5, but the data has classes 0 to 1; pick one of them." },
        { "remove=500", "The setting 'remove' names point 500, but the dataset has 200 points (0 to 199)." },
        { "n=10&remove=0,1,2,3,4,5,6", "Only 3 points are left; the playground needs at least 4 to split into training and test points." },
        { "data=csv", "Uploaded data (data=csv) needs 'col' three times (the x, y and label columns) and 'pts'; upload the file again." },
    };

    [Theory]
    [MemberData(nameof(BadStates))]
    public async Task CreateSession_BadState_Is400WithOneSentence(string state, string message)
    {
        JsonObject body = await _server.PostAsync("/api/sessions", new { state }, HttpStatusCode.BadRequest);

        Assert.Equal(message, (string?)body["error"]);
    }

    [Theory]
    [MemberData(nameof(BadStates))]
    public async Task ReplaceState_BadState_Is400AndKeepsTheRun(string state, string message)
    {
        JsonObject body = await _server.PutAsync($"/api/sessions/{_id}/state", new { state }, HttpStatusCode.BadRequest);

        Assert.Equal(message, (string?)body["error"]);
        JsonObject snapshot = await _server.GetAsync($"/api/sessions/{_id}");
        Assert.Equal("moons", (string?)snapshot["settings"]!["data"]);
    }

    [Theory]
    [InlineData("{\"state\": ", "application/json", HttpStatusCode.BadRequest, "The request body is not valid JSON (line 1, byte 11).")]
    [InlineData("state=data%3Dmoons", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType,
        "Send the request body as JSON, with the header 'Content-Type: application/json'.")]
    public async Task Body_NotJson_IsRefused(string body, string contentType, HttpStatusCode status, string message)
    {
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        using HttpResponseMessage response = await _server.Client.PostAsync("/api/sessions", content, TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(message, Error(await TestServer.ReadAsync(response)));
    }

    [Fact]
    public async Task Body_Array_Is400() =>
        Assert.Equal("The request body must be a JSON object, not an array.",
            Error(await _server.PostAsync("/api/sessions", s_array, HttpStatusCode.BadRequest)));

    [Fact]
    public async Task Body_MissingField_Is400() =>
        Assert.Equal("The request has no field 'state'.", Error(await _server.PostAsync("/api/sessions", new { }, HttpStatusCode.BadRequest)));

    [Fact]
    public async Task Body_FieldOfWrongType_Is400() =>
        Assert.Equal("The field 'state' must be a string, not a number.",
            Error(await _server.PostAsync("/api/sessions", new { state = 3 }, HttpStatusCode.BadRequest)));

    [Fact]
    public async Task Body_TooLarge_Is413()
    {
        using var content = new StringContent(new string(' ', 5 << 20), Encoding.UTF8, "application/json");
        // Expect: 100-continue, so that the client waits for the server's answer before sending the body: the server
        // refuses on the length alone, and a client still writing 5 MiB would otherwise meet a closed connection.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions") { Content = content };
        request.Headers.ExpectContinue = true;
        using HttpResponseMessage response = await _server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("The request body is larger than the playground takes (4 MiB).", Error(await TestServer.ReadAsync(response)));
    }

    [Fact]
    public async Task Control_UnknownAction_Is400() =>
        Assert.Equal("The action 'jump' is not one of play, pause, step or reset.",
            Error(await _server.PostAsync($"/api/sessions/{_id}/control", new { action = "jump" }, HttpStatusCode.BadRequest)));

    [Theory]
    [InlineData("layer=x&neuron=1&point=0", "The parameter 'layer' is 'x'; it must be a whole number.")]
    [InlineData("layer=9&neuron=1&point=0", "The network has layers 1 to 3 (the last is the output), not 9.")]
    [InlineData("layer=1&neuron=5&point=0", "Layer 1 has neurons 1 to 4, not 5.")]
    [InlineData("layer=3&neuron=1&point=200", "There are points 0 to 199, not 200.")]
    [InlineData("layer=3&neuron=1&point=0&form=svg", "The parameter 'form' is 'svg'; it must be expanded or fused.")]
    public async Task Graph_BadParameters_Is400(string query, string message) =>
        Assert.Equal(message, Error(await _server.GetAsync($"/api/sessions/{_id}/graph?{query}", HttpStatusCode.BadRequest)));

    [Fact]
    public async Task Session_Unknown_Is404WithAdvice() =>
        Assert.Equal("There is no session 'nope'; it may have been closed after being idle. Reload the page to start a new one.",
            Error(await _server.GetAsync("/api/sessions/nope", HttpStatusCode.NotFound)));

    [Fact]
    public async Task Path_Unknown_Is404Json() =>
        Assert.Equal("There is no page or API at '/api/nothing'.", Error(await _server.GetAsync("/api/nothing", HttpStatusCode.NotFound)));

    [Fact]
    public async Task Method_Wrong_Is405Json()
    {
        using HttpResponseMessage response = await _server.Client.PutAsJsonAsync("/api/options", new { }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("'/api/options' does not take PUT requests.", Error(await TestServer.ReadAsync(response)));
    }

    private static string Error(JsonObject body)
    {
        string error = (string?)body["error"] ?? throw new InvalidOperationException($"No error in {body.ToJsonString()}");
        Assert.DoesNotContain("\n", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        return error;
    }
}
