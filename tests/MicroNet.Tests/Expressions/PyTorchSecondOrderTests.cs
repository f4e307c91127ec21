using System.Text.Json;
using MicroNet.Expressions;
using static MicroNet.Tests.Support.PyTorchFixture;

namespace MicroNet.Tests.Expressions;

/// <summary>
/// Checks every expression of the PyTorch second-order corpus (tests/reference/pytorch-second-order.json, made by
/// generate_second_order.py) against <see cref="Autograd"/>: the value, the gradient (with and without a graph), every
/// Hessian entry and the third derivatives where the fixture has them, to 1e-9 relative or 1e-12 absolute, with NaN
/// and infinities matched exactly. The deliberate differences (pytorch-second-order-differences.json) must still
/// differ, and give MicroNet's documented numbers.
/// </summary>
public sealed class PyTorchSecondOrderTests
{
    // MicroNet's own numbers where it deliberately differs from PyTorch (tests/reference/README.md, "Deliberate
    // differences of the second-order fixture"): expression, inputs, then each entry that differs and its value.
    // Every other entry of these cases must match PyTorch.
    private static readonly (string Expression, double[] Inputs, (string Entry, double Value)[] Differs)[] s_deliberateDifferences =
    [
        // An infinite gradient into softplus: MicroNet's derivative sigmoid(x) * g is infinite, the fixture's NaN.
        ("softplus(x) / 0", [1], [("d/dx", double.PositiveInfinity), ("d(d/dx)/dx", double.PositiveInfinity)]),
        ("softplus(x) / 0", [-1.5], [("d(d/dx)/dx", double.PositiveInfinity)]),
        // logsumexp's gradient exactly 1 and its second derivative exactly 0, without the rounding of the output.
        ("logsumexp(x, x)", [1e8], [("d/dx", 1), ("d(d/dx)/dx", 0)]),
        // The exact second derivative, 2.25 e**60.
        ("logsumexp(exp(z) + 1.5) ** 1.5", [40], [("d(d/dz)/dz", 2.25 * Math.Exp(60))]),
        // dot's gradient is one vector for the second derivatives, not for the third.
        ("dot([y, x], [z, log(x)])", [1, 0, 2], [("d(d(d/dx)/dy)/dx", 0)]),
    ];

    private static readonly Lazy<JsonDocument> s_fixture = new(() => Load("pytorch-second-order.json"));

    private static readonly Lazy<JsonDocument> s_differences = new(() => Load("pytorch-second-order-differences.json"));

    public static TheoryData<int, string> Cases => CaseData(s_fixture.Value);

    public static TheoryData<int, string> Differences => CaseData(s_differences.Value);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Derivatives_MatchPyTorch(int id, string text)
    {
        JsonElement item = Case(s_fixture.Value, id);
        Dictionary<string, double> microNet = Derivatives(item, text);

        foreach ((string entry, double pyTorch) in Entries(item, text))
        {
            AssertClose(pyTorch, microNet[entry], $"{entry} of {text}");
        }
        // Without a graph the gradient is the same; Derivatives reads it with one.
        foreach ((string entry, double number) in Gradient(item, text))
        {
            AssertClose(number, microNet[entry], $"{entry} of {text} (with a graph)");
        }
    }

    [Theory]
    [MemberData(nameof(Differences))]
    public void DeliberateDifference_StillDiffers_AndGivesMicroNetsDocumentedNumbers(int id, string text)
    {
        JsonElement item = Case(s_differences.Value, id);
        double[] inputs = [.. item.GetProperty("inputs").EnumerateObject().Select(i => ReadNumber(i.Value))];
        (string _, double[] _, (string Entry, double Value)[] differs) = s_deliberateDifferences.SingleOrDefault(
            d => d.Expression == text && d.Inputs.SequenceEqual(inputs));
        Assert.True(differs is not null,
            $"The fixture lists {text} as deliberate difference '{item.GetProperty("difference").GetString()}', but the test does not.");
        Dictionary<string, double> microNet = Derivatives(item, text);

        foreach ((string entry, double pyTorch) in Entries(item, text))
        {
            int documented = Array.FindIndex(differs, d => d.Entry == entry);
            if (documented >= 0)
            {
                Assert.False(IsClose(pyTorch, microNet[entry]),
                    $"{entry} of {text} now matches PyTorch; remove the deliberate difference from the generator, the README and this test.");
                AssertClose(differs[documented].Value, microNet[entry], $"{entry} of {text}", expectedBy: "documented");
            }
            else
            {
                AssertClose(pyTorch, microNet[entry], $"{entry} of {text}");
            }
        }
    }

    [Fact]
    public void Fixture_CoversEveryFunctionAndSpecialValue()
    {
        JsonElement[] cases = [.. s_fixture.Value.RootElement.GetProperty("cases").EnumerateArray()];
        string[] texts = [.. cases.Select(c => c.GetProperty("expression").GetString()!)];
        string json = s_fixture.Value.RootElement.GetRawText();

        Assert.True(cases.Length >= 400, $"Only {cases.Length} cases.");
        foreach (string token in (string[])["+", "-", "*", "/", "**", "tanh(", "exp(", "log(", "relu(", "sigmoid(", "pow(", "softplus(", "logsumexp(", "sum(", "dot(["])
        {
            Assert.True(texts.Count(t => t.Contains(token, StringComparison.Ordinal)) >= 20, $"Fewer than 20 cases use {token}.");
        }
        Assert.True(cases.Count(c => c.TryGetProperty("third", out _)) >= 40);
        foreach (string special in (string[])["\"NaN\"", "\"Infinity\"", "\"-Infinity\""])
        {
            Assert.Contains(special, json, StringComparison.Ordinal);
        }
    }

    // MicroNet's value, gradient (built as a graph), Hessian and, where the fixture has them, third derivatives, by
    // the names Entries gives PyTorch's.
    private static Dictionary<string, double> Derivatives(JsonElement item, string text)
    {
        ExpressionResult result = Evaluate(item, text);
        IReadOnlyList<Value> variables = result.Variables;
        string[] names = [.. variables.Select(v => v.Label)];
        var numbers = new Dictionary<string, double>(StringComparer.Ordinal) { ["value"] = result.Output.Data };
        Value[] gradient = Autograd.Grad(result.Output, variables, createGraph: true);
        double[,] hessian = Autograd.Hessian(result.Output, variables);
        bool third = item.TryGetProperty("third", out _);
        for (int i = 0; i < names.Length; i++)
        {
            numbers[$"d/d{names[i]}"] = gradient[i].Data;
            Value[] row = third ? Autograd.Grad(gradient[i], variables, createGraph: true) : [];
            for (int j = 0; j < names.Length; j++)
            {
                numbers[$"d(d/d{names[i]})/d{names[j]}"] = hessian[i, j];
                if (third)
                {
                    Value[] derivatives = Autograd.Grad(row[j], variables);
                    for (int k = 0; k < names.Length; k++)
                    {
                        numbers[$"d(d(d/d{names[i]})/d{names[j]})/d{names[k]}"] = derivatives[k].Data;
                    }
                }
            }
        }
        return numbers;
    }

    // PyTorch's numbers from the fixture, named as Derivatives names MicroNet's.
    private static IEnumerable<(string Entry, double Number)> Entries(JsonElement item, string text)
    {
        string[] names = [.. item.GetProperty("variables").EnumerateArray().Select(v => v.GetString()!)];
        yield return ("value", ReadNumber(item.GetProperty("value")));
        foreach (JsonProperty grad in item.GetProperty("grad").EnumerateObject())
        {
            yield return ($"d/d{grad.Name}", ReadNumber(grad.Value));
        }
        JsonElement[] hessian = [.. item.GetProperty("hessian").EnumerateArray()];
        Assert.True(hessian.Length == names.Length, $"The Hessian of {text} has {hessian.Length} rows for {names.Length} variables.");
        for (int i = 0; i < names.Length; i++)
        {
            JsonElement[] row = [.. hessian[i].EnumerateArray()];
            for (int j = 0; j < names.Length; j++)
            {
                yield return ($"d(d/d{names[i]})/d{names[j]}", ReadNumber(row[j]));
                if (item.TryGetProperty("third", out JsonElement third))
                {
                    JsonElement[] along = [.. third[i][j].EnumerateArray()];
                    for (int k = 0; k < names.Length; k++)
                    {
                        yield return ($"d(d(d/d{names[i]})/d{names[j]})/d{names[k]}", ReadNumber(along[k]));
                    }
                }
            }
        }
    }

    // The gradient without a graph (numbers, as Backward computes them).
    private static IEnumerable<(string Entry, double Number)> Gradient(JsonElement item, string text)
    {
        ExpressionResult result = Evaluate(item, text);
        Value[] gradient = Autograd.Grad(result.Output, result.Variables);
        return result.Variables.Select((v, i) => ($"d/d{v.Label}", gradient[i].Data));
    }

    private static ExpressionResult Evaluate(JsonElement item, string text)
    {
        Expression expression = Expression.Parse(text);
        Assert.Equal([.. item.GetProperty("variables").EnumerateArray().Select(v => v.GetString()!)], expression.Variables);
        return expression.Evaluate(Inputs(item));
    }

}
