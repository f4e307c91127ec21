using System.Globalization;
using System.Text.Json;
using MicroNet.Cli.Commands.Bench;
using BenchEngine = MicroNet.Cli.Examples.Engine;

namespace MicroNet.Tests.Cli;

/// <summary>
/// The parts of <c>micronet bench</c> that can be checked without timing anything: the machine description, the
/// number format, and that the shared workloads compute what they claim. Speed itself is proven by benchmarks only.
/// </summary>
public static class BenchCommandTests
{
    [Fact]
    public static void ProcessorName_IsNotEmpty()
    {
        Assert.False(string.IsNullOrWhiteSpace(BenchReport.ProcessorName()));
    }

    [Theory]
    [InlineData(2.5, "2.50 s")]
    [InlineData(0.0123456, "12.346 ms")]
    [InlineData(1.5e-6, "1.500 µs")]
    public static void FormatSeconds_PicksAUnitInInvariantCulture(double seconds, string expected)
    {
        CultureInfo culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal(expected, BenchReport.FormatSeconds(seconds));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public static void Json_OnlyNotebook_PrintsTheMachineThenOneObjectPerRowWithItsSamples()
    {
        CultureInfo culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            CliRun run = CliRun.Of("bench", "--only", "notebook", "--quick", "--json");

            Assert.Equal(0, run.ExitCode);
            JsonElement[] lines = [.. run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)];
            Assert.Equal(["machine", "row", "row"], lines.Select(l => l.GetProperty("kind").GetString()));
            Assert.Equal(["eager", "compiled"], lines.Skip(1).Select(l => l.GetProperty("engine").GetString()));
            foreach (JsonElement row in lines.Skip(1))
            {
                Assert.Equal("notebook step", row.GetProperty("workload").GetString());
                double[] samples = [.. row.GetProperty("samples").EnumerateArray().Select(x => x.GetDouble())];
                Assert.Equal(15, samples.Length);
                Assert.Equal(samples.Order().ElementAt(7), row.GetProperty("median").GetDouble());
                Assert.Equal(samples.Min(), row.GetProperty("min").GetDouble());
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public static void NotebookStep_EagerAndCompiled_GiveTheSameLosses()
    {
        var eager = new NotebookStep(BenchEngine.Eager);
        var compiled = new NotebookStep(BenchEngine.Compiled);

        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(eager.Step(), compiled.Step());
        }
    }

    [Fact]
    public static void MoonsStep_EagerAndCompiled_GiveTheSameFallingLosses()
    {
        var eager = new MoonsStep(BenchEngine.Eager);
        var compiled = new MoonsStep(BenchEngine.Compiled);
        double first = eager.Step();
        Assert.Equal(first, compiled.Step());

        double last = first;
        for (int i = 0; i < 20; i++)
        {
            last = eager.Step();
            Assert.Equal(last, compiled.Step());
        }

        Assert.True(last < first, $"loss went from {first} to {last}");
    }

    [Fact]
    public static void PlaygroundFrame_TrainsTheIssuesNetworkAndItsLossFalls()
    {
        var frame = new PlaygroundFrame();
        double first = frame.Step();

        double last = first;
        for (int i = 0; i < 30; i++)
        {
            last = frame.Step();
        }

        Assert.True(last < first, $"loss went from {first} to {last}");
    }

    [Fact]
    public static void Json_OnlyPlayground_PrintsOneRowOfFrameTimes()
    {
        CliRun run = CliRun.Of("bench", "--only", "playground", "--quick", "--json");

        Assert.Equal(0, run.ExitCode);
        JsonElement[] lines = [.. run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)];
        JsonElement row = Assert.Single(lines, l => l.GetProperty("kind").GetString() == "row");
        Assert.Equal("playground frame (2-8-8-1, 200 points)", row.GetProperty("workload").GetString());
        Assert.All(row.GetProperty("samples").EnumerateArray(), sample => Assert.True(sample.GetDouble() > 0));
    }
}
