using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using MicroNet.Tests.Shared;

namespace MicroNet.Playground.Tests;

/// <summary><c>micronet playground</c> as a user runs it: a process that prints its address, serves, and stops on Ctrl-C.</summary>
public static partial class CommandTests
{
    [Fact]
    public static async Task Playground_PrintsItsAddress_ServesThePage_AndStopsOnCtrlC()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "Sending SIGINT needs a POSIX system.");
        using Process tool = Start("playground", "--no-open", "--port", "0");
        Uri address = await AddressAsync(tool);

        using var client = new HttpClient { BaseAddress = address };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal("127.0.0.1", address.Host);

        // What Ctrl-C sends: SIGINT, through kill(1).
        using (Process kill = Process.Start("kill", ["-INT", tool.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, kill.ExitCode);
        }
        await tool.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        Assert.Equal(0, tool.ExitCode);
        Assert.Contains("Playground stopped.", await tool.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public static async Task Playground_OnATakenPort_SaysSoAndFails()
    {
        await using PlaygroundServer first = await PlaygroundServer.StartAsync(new PlaygroundOptions { Port = 0 }, TestContext.Current.CancellationToken);
        int port = first.Address.Port;

        using Process tool = Start("playground", "--no-open", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await tool.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(1, tool.ExitCode);
        string error = await tool.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.Equal(
            $"Port {port} on 127.0.0.1 is already in use, perhaps by another playground (http://127.0.0.1:{port}/). Open http://127.0.0.1:{port}/ if it is one, or start another with --port.",
            error.Trim());
    }

    [Fact]
    public static async Task Playground_BadHost_IsAUsageError()
    {
        using Process tool = Start("playground", "--no-open", "--host", "not-an-address");
        await tool.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(2, tool.ExitCode);
        Assert.Equal("The host 'not-an-address' is not an IP address (such as 127.0.0.1 or 0.0.0.0) or localhost.",
            (await tool.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken)).Trim());
    }

    [Fact]
    public static async Task Predict_ReadsTheDownloadedModel()
    {
        await using PlaygroundServer server = await PlaygroundServer.StartAsync(new PlaygroundOptions { Port = 0 }, TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = server.Address };
        using var create = new StringContent("{\"state\":\"data=xor&features=x,y,xy&layers=4\"}", System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage created = await client.PostAsync("/api/sessions", create, TestContext.Current.CancellationToken);
        string id = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("id").GetString()!;
        string folder = Directory.CreateTempSubdirectory("micronet-playground-predict-").FullName;
        string model = Path.Combine(folder, "xor.json"), rows = Path.Combine(folder, "rows.csv");
        await File.WriteAllBytesAsync(model, await client.GetByteArrayAsync($"/api/sessions/{id}/model.json", TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        // The model's inputs are the chosen features, named after the x and y columns: x, y and x*y.
        await File.WriteAllTextAsync(rows, "x,y,x*y\n1,1,1\n-2,3,-6\n", TestContext.Current.CancellationToken);

        using Process tool = Start("predict", "--model", model, "--csv", rows);
        string output = await tool.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await tool.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.True(tool.ExitCode == 0, await tool.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
        Assert.Equal(3, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static Process Start(params string[] arguments) => MicronetProcess.Start(arguments);

    private static async Task<Uri> AddressAsync(Process tool)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        string line = await tool.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException(await tool.StandardError.ReadToEndAsync(timeout.Token));
        Match match = AddressLine().Match(line);
        Assert.True(match.Success, line);
        return new Uri(match.Groups[1].Value);
    }

    [GeneratedRegex(@"^MicroNet playground: (http://\S+) \(Ctrl-C stops it\)$")]
    private static partial Regex AddressLine();
}
