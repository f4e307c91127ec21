using System.Net;
using System.Text.Json.Nodes;
using MicroNet.Models;
using MicroNet.Playground.Tests.Support;

namespace MicroNet.Playground.Tests;

/// <summary>The trained model as a MicroNet model file (what <c>micronet predict</c> reads) and as ONNX.</summary>
public static class DownloadTests
{
    [Fact]
    public static async Task ModelFile_LoadsAndPredictsAsTheRunWasTrained()
    {
        await using TestServer server = await TestServer.StartAsync();
        JsonObject snapshot = await server.CreateSessionAsync("data=circles&features=x,y,x2,y2&layers=5&seed=9");
        string id = (string)snapshot["id"]!;
        for (int i = 0; i < 3; i++)
        {
            await server.PostAsync($"/api/sessions/{id}/control", new { action = "step" });
        }

        using HttpResponseMessage response = await server.Client.GetAsync($"/api/sessions/{id}/model.json", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment; filename=\"micronet-circles-epoch3.json\"", response.Content.Headers.ContentDisposition?.ToString());
        string path = Path.Combine(Directory.CreateTempSubdirectory("micronet-playground-tests-").FullName, "model.json");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        Model model = ModelFile.Load(path);

        Assert.Equal(["x", "y", "x^2", "y^2"], model.Schema.FeatureNames);
        Assert.Equal("label", model.Schema.TargetColumn);
        Assert.Equal(ModelOutput.Sigmoid, model.Output);
        Assert.Equal((string?)snapshot["state"], model.Metadata["playground"]);
        Assert.Equal("3", model.Metadata["epochsRun"]);
        // A row as micronet predict reads it from a CSV: the inputs by column name.
        Prediction prediction = model.Predict(new Dictionary<string, string> { ["x"] = "0.5", ["y"] = "-1", ["x^2"] = "0.25", ["y^2"] = "1" });
        Assert.InRange(prediction.Probabilities[1], 0, 1);
    }

    [Fact]
    public static async Task Onnx_IsAnOnnxModel()
    {
        await using TestServer server = await TestServer.StartAsync();
        string id = (string)(await server.CreateSessionAsync("data=plane"))["id"]!;

        using HttpResponseMessage response = await server.Client.GetAsync($"/api/sessions/{id}/model.onnx", TestContext.Current.CancellationToken);
        byte[] bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment; filename=\"micronet-plane-epoch0.onnx\"", response.Content.Headers.ContentDisposition?.ToString());
        // An ONNX ModelProto starts with field 1, ir_version, a varint: tag byte 0x08.
        Assert.Equal(0x08, bytes[0]);
        Assert.True(bytes.Length > 200);
    }
}
