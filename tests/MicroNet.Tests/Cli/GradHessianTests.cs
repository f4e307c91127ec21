using System.Globalization;
using System.Text.Json;
using MicroNet.Tests.Support;

namespace MicroNet.Tests.Cli;

/// <summary><c>micronet grad --hessian</c> and <c>--graph FILE --order 2</c>: second derivatives from the shell.</summary>
public static class GradHessianTests
{
    [Fact]
    public static void Hessian_Text_PrintsEverySecondDerivativeAfterTheGradient()
    {
        CliRun run = CliRun.Of("grad", "x*y + x**2", "x=3", "y=-1", "--hessian");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        string[] lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["value", "d/dx", "d/dy", "d(d/dx)/dx", "d(d/dx)/dy", "d(d/dy)/dx", "d(d/dy)/dy"], lines.Select(l => l.Split('=')[0].Trim()));
        Assert.Equal([6.0, 5, 3, 2, 1, 1, 0], lines.Select(l => double.Parse(l.Split('=')[1], CultureInfo.InvariantCulture)));
        Assert.Single(lines.Select(l => l.IndexOf('=', StringComparison.Ordinal)).Skip(1).Distinct());
    }

    [Fact]
    public static void Hessian_Json_AddsRowsInTheOrderOfTheVariablesWithNaNAsStrings()
    {
        // PyTorch's convention at base 0: the masked derivative of the exponent has a NaN row.
        CliRun run = CliRun.Of("grad", "x**y", "x=0", "y=2", "--hessian", "--json");

        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        JsonElement[] rows = [.. json.RootElement.GetProperty("hessian").EnumerateArray()];
        Assert.Equal(2, rows.Length);
        Assert.Equal([2.0, 0.0], rows[0].EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(["NaN", "NaN"], rows[1].EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["x", "y"], json.RootElement.GetProperty("grad").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public static void Hessian_Json_UsesSeventeenDigitsAndTheGivenOrder()
    {
        CliRun run = CliRun.Of("grad", "logsumexp(a, b)", "b=2", "a=1", "--hessian", "--json");

        using JsonDocument json = JsonDocument.Parse(run.Output);
        double pa = 1 / (1 + Math.E), pb = 1 - pa;
        double[][] hessian = [.. json.RootElement.GetProperty("hessian").EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray())];
        Assert.Equal(pa * pb, hessian[0][0], 15);
        Assert.Equal(-pa * pb, hessian[0][1], 15);
        Assert.Equal(hessian[0][1], hessian[1][0], 15);
        Assert.Contains(hessian[1][1].ToString("G17", CultureInfo.InvariantCulture), run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public static void Hessian_VariableNotInExpression_HasARowAndColumnOfZeros()
    {
        CliRun run = CliRun.Of("grad", "x**3", "unused=1", "x=2", "--hessian", "--json");

        using JsonDocument json = JsonDocument.Parse(run.Output);
        Assert.Equal([[0.0, 0.0], [0.0, 12.0]],
            json.RootElement.GetProperty("hessian").EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray()));
    }

    [Fact]
    public static void OrderTwo_DrawsTheGradientsGraph_WithTheSecondDerivativeOnTheVariable()
    {
        using var folder = new TempFolder();

        CliRun run = CliRun.Of("grad", "sigmoid(x) + relu(x)", "x=1", "--graph", folder["gradient.dot"], "--order", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Drew the graph of the gradient", run.Output, StringComparison.Ordinal);
        string dot = File.ReadAllText(folder["gradient.dot"]);
        double s = 1 / (1 + Math.Exp(-1));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{{ d/dx | data {s * (1 - s) + 1:F4} | grad 1.0000 }}"), dot, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{{ x | data 1.0000 | grad {s * (1 - s) * (1 - 2 * s):F4} }}"), dot, StringComparison.Ordinal);
        Assert.Contains("label=\"sigmoid'\"", dot, StringComparison.Ordinal);
        Assert.Contains("label=\"relu'\"", dot, StringComparison.Ordinal);
    }

    [Fact]
    public static void OrderTwo_SeveralVariables_LabelsEachComponentOnce()
    {
        using var folder = new TempFolder();

        CliRun run = CliRun.Of("grad", "x*y + x + y", "x=2", "y=3", "--json", "--graph", folder["gradient.dot"], "--order", "2");

        Assert.Equal(0, run.ExitCode);
        using JsonDocument _ = JsonDocument.Parse(run.Output);
        string dot = File.ReadAllText(folder["gradient.dot"]);
        Assert.Contains("{ d/dx | data 4.0000 | grad 0.0000 }", dot, StringComparison.Ordinal);
        Assert.Contains("{ d/dy | data 3.0000 | grad 0.0000 }", dot, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "grad", "x*y", "x=1", "y=2", "--order", "2" }, "--graph")]
    [InlineData(new[] { "grad", "x*y", "x=1", "y=2", "--graph", "g.dot", "--order", "3" }, "'3'")]
    [InlineData(new[] { "grad", "x*y", "x=1", "y=2", "--graph", "g.dot", "--order", "two" }, "'two'")]
    [InlineData(new[] { "grad", "dot([x], [y, y])", "x=1", "y=2", "--hessian" }, "differ in length")]
    public static void BadOrder_IsAUsageErrorOfOneLine(string[] args, string named)
    {
        CliRun run = CliRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains(named, run.ErrorLines[0], StringComparison.Ordinal);
        GraphCommandTests.AssertNoStackTrace(run.Error);
    }

    [Fact]
    public static void Help_NamesTheNewFunctionsAndOptions()
    {
        CliRun run = CliRun.Of("grad", "--help");

        foreach (string text in (string[])["--hessian", "--order", "softplus", "logsumexp(a, b, ...)", "sum(a, b, ...)", "dot([w1, w2, ...], [x1, x2, ...])"])
        {
            Assert.Contains(text, run.Output, StringComparison.Ordinal);
        }
    }
}
