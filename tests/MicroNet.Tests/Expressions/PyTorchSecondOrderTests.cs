using System.Globalization;
using System.Text.Json;
using MicroNet.Expressions;

namespace MicroNet.Tests.Expressions;

/// <summary>
/// Checks every expression of the PyTorch second-order corpus (tests/reference/pytorch-second-order.json, made by
/// generate_second_order.py) against <see cref="Autograd"/>: the value, the gradient, every Hessian entry and
/// the third derivatives where the fixture has them, to 1e-9 relative or 1e-12 absolute, with NaN and infinities matched
/// exactly.
/// </summary>
public sealed class PyTorchSecondOrderTests
{
    private const double RelativeTolerance = 1e-9;
    private const double AbsoluteTolerance = 1e-12;

    private static readonly Lazy<JsonDocument> s_fixture = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "pytorch-second-order.json"))));

    public static TheoryData<int, string> Cases
    {
        get
        {
            var data = new TheoryData<int, string>();
            foreach (JsonElement item in CaseElements())
            {
                data.Add(item.GetProperty("id").GetInt32(), item.GetProperty("expression").GetString()!);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hessian_MatchesPyTorch(int id, string text)
    {
        JsonElement item = CaseElements().Single(c => c.GetProperty("id").GetInt32() == id);
        ExpressionResult result = Evaluate(item, text);
        IReadOnlyList<Value> variables = result.Variables;
        int n = variables.Count;

        AssertClose(ReadNumber(item.GetProperty("value")), result.Output.Data, $"value of {text}");
        double[] grad = [.. item.GetProperty("grad").EnumerateObject().Select(g => ReadNumber(g.Value))];
        Value[] numbers = Autograd.Grad(result.Output, variables);
        Value[] graph = Autograd.Grad(result.Output, variables, createGraph: true);
        for (int i = 0; i < n; i++)
        {
            AssertClose(grad[i], numbers[i].Data, $"d/d{variables[i].Label} of {text}");
            AssertClose(grad[i], graph[i].Data, $"d/d{variables[i].Label} of {text} (createGraph)");
        }

        double[][] hessian = ReadMatrix(item.GetProperty("hessian"));
        double[,] actual = Autograd.Hessian(result.Output, variables);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                AssertClose(hessian[i][j], actual[i, j], $"d(d/d{variables[i].Label})/d{variables[j].Label} of {text}");
            }
        }

        if (item.TryGetProperty("third", out JsonElement third))
        {
            for (int i = 0; i < n; i++)
            {
                Value[] row = Autograd.Grad(graph[i], variables, createGraph: true);
                for (int j = 0; j < n; j++)
                {
                    Value[] derivatives = Autograd.Grad(row[j], variables);
                    double[] expected = [.. third[i][j].EnumerateArray().Select(ReadNumber)];
                    for (int k = 0; k < n; k++)
                    {
                        AssertClose(expected[k], derivatives[k].Data,
                            $"d(d(d/d{variables[i].Label})/d{variables[j].Label})/d{variables[k].Label} of {text}");
                    }
                }
            }
        }
    }

    private static ExpressionResult Evaluate(JsonElement item, string text)
    {
        var inputs = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (JsonProperty input in item.GetProperty("inputs").EnumerateObject())
        {
            inputs.Add(input.Name, ReadNumber(input.Value));
        }
        Expression expression = Expression.Parse(text);
        Assert.Equal([.. item.GetProperty("variables").EnumerateArray().Select(v => v.GetString()!)], expression.Variables);
        return expression.Evaluate(inputs);
    }

    private static JsonElement.ArrayEnumerator CaseElements() => s_fixture.Value.RootElement.GetProperty("cases").EnumerateArray();

    private static double[][] ReadMatrix(JsonElement rows) =>
        [.. rows.EnumerateArray().Select(row => row.EnumerateArray().Select(ReadNumber).ToArray())];

    // JSON has no NaN or infinity; the fixture writes them as the strings "NaN", "Infinity" and "-Infinity".
    private static double ReadNumber(JsonElement element) => element.ValueKind == JsonValueKind.String
        ? double.Parse(element.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
        : element.GetDouble();

    private static bool IsClose(double expected, double actual) =>
        double.IsNaN(expected) || double.IsNaN(actual) || double.IsInfinity(expected) || double.IsInfinity(actual)
            ? expected.Equals(actual)
            : Math.Abs(expected - actual) <= Math.Max(AbsoluteTolerance, RelativeTolerance * Math.Abs(expected));

    private static void AssertClose(double expected, double actual, string what)
    {
        Assert.True(IsClose(expected, actual), string.Create(CultureInfo.InvariantCulture, $"{what}: PyTorch {expected:R}, MicroNet {actual:R}."));
    }
}
