using System.Text.Json.Nodes;
using MicroNet.Drawing;
using MicroNet.Playground.Tests.Support;

namespace MicroNet.Playground.Tests;

/// <summary>A neuron's computation graph for one point, and the backward steps through it.</summary>
public static class GraphTests
{
    [Fact]
    public static async Task Graph_Output_HasEveryValueAndBackwardSteps()
    {
        await using TestServer server = await TestServer.StartAsync();
        string id = (string)(await server.CreateSessionAsync("data=moons&layers=3"))["id"]!;
        await server.PostAsync($"/api/sessions/{id}/control", new { action = "step" });

        JsonObject graph = await server.GetAsync($"/api/sessions/{id}/graph?layer=2&neuron=1&point=4");

        Assert.Equal("out", (string?)graph["root"]);
        Assert.Equal("expanded", (string?)graph["form"]);
        Assert.Equal(1, (int)graph["epoch"]!);
        JsonArray nodes = graph["nodes"]!.AsArray();
        // Expanded: 2 inputs; per hidden neuron 2 weights, a bias, 2 products, 2 additions, tanh; then 3 weights, a bias,
        // 3 products and 3 additions for the output (linear, so no activation node).
        Assert.Equal(2 + 3 * 8 + 10, nodes.Count);
        Assert.Contains(nodes, n => (string?)n!["label"] == "w[1,2,1]");
        Assert.Contains(nodes, n => (string?)n!["label"] == "h[1,3]" && (string?)n["op"] == "tanh");
        JsonArray steps = graph["steps"]!.AsArray();
        Assert.Equal(nodes.Count, steps.Count);
        JsonObject first = steps[0]!.AsObject();
        Assert.Equal(nodes.Count - 1, (int)first["node"]!);
        Assert.Equal(1.0, (double)first["grad"]!);
        Assert.Empty(first["terms"]!.AsArray());
    }

    [Fact]
    public static async Task Graph_Steps_SumLocalTimesUpstreamToBackwardsGradients()
    {
        await using TestServer server = await TestServer.StartAsync();
        string id = (string)(await server.CreateSessionAsync("data=xor&layers=4,3&features=x,y,xy&activation=relu"))["id"]!;
        await server.PostAsync($"/api/sessions/{id}/control", new { action = "step" });

        JsonObject graph = await server.GetAsync($"/api/sessions/{id}/graph?layer=2&neuron=2&point=7");

        JsonArray nodes = graph["nodes"]!.AsArray();
        var seen = new HashSet<int>();
        foreach (JsonNode? step in graph["steps"]!.AsArray())
        {
            int node = (int)step!["node"]!;
            double grad = (double)step["grad"]!;
            // Reverse topological order: every value that uses this one has had its step already.
            foreach (JsonNode? term in step["terms"]!.AsArray())
            {
                Assert.Contains((int)term!["parent"]!, seen);
                Assert.Equal((double)term["local"]! * (double)term["upstream"]!, (double)term["product"]!);
            }
            double sum = step["terms"]!.AsArray().Aggregate(0.0, (s, t) => s + (double)t!["product"]!);
            if (step["terms"]!.AsArray().Count > 0)
            {
                // Summed in backward's own order: the very number Value.Backward left in the node.
                Assert.Equal(grad, sum);
            }
            Assert.Equal(grad, (double)nodes[node]!["grad"]!);
            seen.Add(node);
        }
        Assert.Equal(nodes.Count, seen.Count);
    }

    [Fact]
    public static async Task Graph_NodeIdsMatchTheDotDrawing()
    {
        await using TestServer server = await TestServer.StartAsync();
        string id = (string)(await server.CreateSessionAsync("layers=2"))["id"]!;

        JsonObject graph = await server.GetAsync($"/api/sessions/{id}/graph?layer=1&neuron=2&point=0");

        string dot = (string)graph["dot"]!;
        foreach (JsonNode? node in graph["nodes"]!.AsArray())
        {
            string label = (string)node!["label"]!;
            Assert.Contains($"n{(int)node["id"]!} [shape=record, label=\"{{ {label} |", dot, StringComparison.Ordinal);
        }
        Assert.Equal("h[1,2]", (string?)graph["root"]);
    }

    [Fact]
    public static async Task Graph_LargeNetwork_FallsBackToDotNodes()
    {
        await using TestServer server = await TestServer.StartAsync();
        string id = (string)(await server.CreateSessionAsync("layers=8,8,8,8,8,8&features=x,y,x2,y2,xy,sinx,siny"))["id"]!;

        JsonObject graph = await server.GetAsync($"/api/sessions/{id}/graph?layer=7&neuron=1&point=0");

        Assert.Equal("fused", (string?)graph["form"]);
        Assert.StartsWith("Drawn with one dot node per neuron: with a node per multiplication the graph would have ", (string?)graph["note"]);
        Assert.Contains(graph["nodes"]!.AsArray(), n => (string?)n!["op"] == "dot");
    }

    [Fact]
    public static async Task Graph_WithGraphviz_IsSvg()
    {
        Assert.SkipUnless(Graphviz.IsInstalled, "Graphviz's dot is not installed (apt-get install graphviz); the page then draws graphs itself.");
        await using TestServer server = await TestServer.StartAsync();
        string id = (string)(await server.CreateSessionAsync())["id"]!;

        JsonObject graph = await server.GetAsync($"/api/sessions/{id}/graph?layer=1&neuron=1&point=0&form=fused");

        Assert.Contains("<svg", (string?)graph["svg"], StringComparison.Ordinal);
        Assert.Contains("<title>n0</title>", (string?)graph["svg"], StringComparison.Ordinal);
        Assert.Null((string?)graph["graphviz"]);
        Assert.True((bool)(await server.GetAsync("/api/options"))["graphviz"]!);
    }

    [Fact]
    public static async Task Graph_WithoutGraphviz_SaysWhyAndLeavesTheDrawingToThePage()
    {
        await using TestServer server = await TestServer.StartAsync(new PlaygroundOptions { DotExecutable = "no-such-dot-program" });
        string id = (string)(await server.CreateSessionAsync())["id"]!;

        JsonObject graph = await server.GetAsync($"/api/sessions/{id}/graph?layer=1&neuron=1&point=0");

        Assert.Null((string?)graph["svg"]);
        Assert.Equal($"Graphviz's 'no-such-dot-program' was not found, so the page draws the graph itself. {GraphDrawing.InstallHint}.", (string?)graph["graphviz"]);
        Assert.NotEmpty(graph["nodes"]!.AsArray());
        Assert.False((bool)(await server.GetAsync("/api/options"))["graphviz"]!);
    }
}
