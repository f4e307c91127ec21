using System.Globalization;
using System.Text.Json;
using MicroNet.Tests.Support;

namespace MicroNet.Tests.Cli;

public static class GradCommandTests
{
    [Fact]
    public static void Grad_NotebookNeuron_PrintsValueThenGradientsInTheOrderGiven()
    {
        const double b = 6.8813735870195432;
        CliRun run = CliRun.Of("grad", "tanh(x1*w1 + x2*w2 + b)", "b=6.8813735870195432", "x1=2", "w1=-3", "x2=0", "w2=1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        string[] lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["value", "d/db", "d/dx1", "d/dw1", "d/dx2", "d/dw2"], lines.Select(l => l.Split('=')[0].Trim()));
        double o = Math.Tanh(2 * -3 + 0 * 1 + b);
        double dn = 1 - o * o;
        double[] expected = [o, dn, dn * -3, dn * 2, dn * 1, dn * 0];
        double[] printed = [.. lines.Select(l => double.Parse(l.Split('=')[1], CultureInfo.InvariantCulture))];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], printed[i], 1e-12);
        }
    }

    [Fact]
    public static void Grad_Json_PrintsValueAndGradientsWithSeventeenDigits()
    {
        CliRun run = CliRun.Of("grad", "x**y", "x=2", "y=-1", "--json");

        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        Assert.Equal(0.5, json.RootElement.GetProperty("value").GetDouble());
        JsonElement grad = json.RootElement.GetProperty("grad");
        Assert.Equal(["x", "y"], grad.EnumerateObject().Select(p => p.Name));
        Assert.Equal(-1 * Math.Pow(2, -2), grad.GetProperty("x").GetDouble());
        Assert.Equal(0.5 * Math.Log(2), grad.GetProperty("y").GetDouble(), 1e-15);
        Assert.Contains((0.5 * Math.Log(2)).ToString("G17", CultureInfo.InvariantCulture), run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public static void Grad_Json_WritesNaNAndInfinitiesAsStrings()
    {
        CliRun zero = CliRun.Of("grad", "log(x)", "x=0", "--json");
        CliRun negative = CliRun.Of("grad", "log(x)", "x=-1", "--json");

        using JsonDocument atZero = JsonDocument.Parse(zero.Output);
        Assert.Equal("-Infinity", atZero.RootElement.GetProperty("value").GetString());
        Assert.Equal("Infinity", atZero.RootElement.GetProperty("grad").GetProperty("x").GetString());
        using JsonDocument atNegative = JsonDocument.Parse(negative.Output);
        Assert.Equal("NaN", atNegative.RootElement.GetProperty("value").GetString());
        Assert.Equal(-1.0, atNegative.RootElement.GetProperty("grad").GetProperty("x").GetDouble());
    }

    [Theory]
    [InlineData("-a**2", "a=3", -9.0, -6.0)]
    [InlineData("2**-a", "a=1", 0.5, -0.34657359027997264)]
    [InlineData("a/4 - 1", "a=2", -0.5, 0.25)]
    public static void Grad_PythonPrecedence_GivesPythonsValue(string expression, string assignment, double value, double gradient)
    {
        CliRun run = CliRun.Of("grad", expression, assignment, "--json");

        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        Assert.Equal(value, json.RootElement.GetProperty("value").GetDouble(), 1e-15);
        Assert.Equal(gradient, json.RootElement.GetProperty("grad").GetProperty("a").GetDouble(), 1e-15);
    }

    [Fact]
    public static void Grad_VariableNotInExpression_HasGradientZero()
    {
        CliRun run = CliRun.Of("grad", "x*3", "x=1", "unused=5", "--json");

        using JsonDocument json = JsonDocument.Parse(run.Output);
        Assert.Equal(3.0, json.RootElement.GetProperty("grad").GetProperty("x").GetDouble());
        Assert.Equal(0.0, json.RootElement.GetProperty("grad").GetProperty("unused").GetDouble());
    }

    [Fact]
    public static void Grad_SyntaxError_ShowsTheExpressionWithACaretUnderThePosition()
    {
        CliRun run = CliRun.Of("grad", "tanh(x))", "x=1");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        string[] lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("')'", lines[0], StringComparison.Ordinal);
        int expressionColumn = lines[1].IndexOf("tanh(x))", StringComparison.Ordinal);
        Assert.True(expressionColumn >= 0, lines[1]);
        Assert.Equal(expressionColumn + "tanh(x)".Length, lines[2].IndexOf('^', StringComparison.Ordinal));
        GraphCommandTests.AssertNoStackTrace(run.Error);
    }

    [Theory]
    [InlineData(new[] { "grad", "foo(x)", "x=1" }, "'foo'")]
    [InlineData(new[] { "grad", "x+y", "x=1" }, "'y'")]
    [InlineData(new[] { "grad", "x+1", "x=abc" }, "'x'")]
    [InlineData(new[] { "grad", "x+1", "x" }, "NAME=VALUE")]
    [InlineData(new[] { "grad", "x+1", "x=1", "x=2" }, "'x'")]
    [InlineData(new[] { "grad", "x+1", "1x=2" }, "'1x'")]
    [InlineData(new[] { "grad", "", "x=1" }, "")]
    public static void Grad_BadInput_ExitsTwoNamingTheCulprit(string[] args, string named)
    {
        CliRun run = CliRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.NotEmpty(run.ErrorLines);
        Assert.Contains(named, run.ErrorLines[0], StringComparison.Ordinal);
        GraphCommandTests.AssertNoStackTrace(run.Error);
    }

    [Fact]
    public static void Grad_BadGraphExtension_IsAUsageError()
    {
        using var folder = new TempFolder();

        CliRun.Of("grad", "x*2", "x=1", "--graph", folder["graph.jpg"]).AssertUsageError("--graph");

        Assert.Empty(folder.Entries());
    }

    [Fact]
    public static void Grad_GraphToDot_DrawsTheExpressionWithVariablesLabelled()
    {
        using var folder = new TempFolder();

        CliRun run = CliRun.Of("grad", "w*x + b", "w=2", "x=3", "b=1", "--graph", folder["expr.dot"]);

        Assert.Equal(0, run.ExitCode);
        string dot = File.ReadAllText(folder["expr.dot"]);
        Assert.StartsWith("digraph", dot, StringComparison.Ordinal);
        Assert.Contains("{ w | data 2.0000 | grad 3.0000 }", dot, StringComparison.Ordinal);
        Assert.Contains("{ x | data 3.0000 | grad 2.0000 }", dot, StringComparison.Ordinal);
        Assert.Contains("{ b | data 1.0000 | grad 1.0000 }", dot, StringComparison.Ordinal);
    }
}
