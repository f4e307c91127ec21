using System.Globalization;
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
        Assert.False(string.IsNullOrWhiteSpace(BenchCommand.ProcessorName()));
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
            Assert.Equal(expected, BenchCommand.FormatSeconds(seconds));
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
}
