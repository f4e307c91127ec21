using System.Text.Json;
using MicroNet.Expressions;
using MicroNet.Tests.Support;
using static MicroNet.Tests.Support.PyTorchFixture;

namespace MicroNet.Tests.Expressions;

/// <summary>
/// Checks every expression of the PyTorch corpus (tests/reference/pytorch-gradients.json, made by generate.py) against
/// MicroNet: the value and each gradient to 1e-9 relative or 1e-12 absolute, with NaN and infinities matched exactly.
/// </summary>
public sealed class PyTorchReferenceTests
{
    // MicroNet's own results for the cases the fixture marks with "difference" (see tests/reference/README.md,
    // "Deliberate differences"): expression, inputs, then the value and the gradients in variable order.
    private static readonly (string Expression, double[] Inputs, double Value, double[] Grads)[] s_deliberateDifferences =
    [
        // sigmoid(-720) is exp(-720) / (1 + exp(-720)), a subnormal, not PyTorch's 1 / (1 + exp(720)) = 0, so the value
        // is right (-720); the gradient, 1 exactly, is infinity because log's 1 / y overflows (PyTorch: NaN).
        ("log(sigmoid(x))", [-720], -720, [double.PositiveInfinity]),
        // a / b is a * b**-1 as in micrograd: b**-2 overflows for |b| below about 1e-154.
        ("x / y", [1e-200, 1e-200], 1, [1e200, double.NegativeInfinity]),
        // 1 / b overflows for a subnormal b.
        ("x / y", [1e-10, 1e-310], double.PositiveInfinity, [double.PositiveInfinity, double.NegativeInfinity]),
    ];

    private static readonly Lazy<JsonDocument> s_fixture = new(() => Load("pytorch-gradients.json"));

    public static TheoryData<int, string> Cases => CaseData(s_fixture.Value);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Expression_MatchesPyTorch(int id, string text)
    {
        JsonElement item = Case(s_fixture.Value, id);
        Dictionary<string, double> inputs = Inputs(item);

        Expression expression = Expression.Parse(text);
        ExpressionResult result = expression.Evaluate(inputs);
        result.Output.Backward();

        string[] expectedVariables = [.. item.GetProperty("variables").EnumerateArray().Select(v => v.GetString()!)];
        Assert.Equal(expectedVariables, expression.Variables);
        if (item.TryGetProperty("difference", out JsonElement difference))
        {
            AssertDeliberateDifference(difference.GetString()!, item, text, inputs, result);
            return;
        }
        AssertClose(ReadNumber(item.GetProperty("value")), result.Output.Data, $"value of {text}");
        foreach (JsonProperty grad in item.GetProperty("grad").EnumerateObject())
        {
            AssertClose(ReadNumber(grad.Value), result.Variable(grad.Name).Grad, $"d/d{grad.Name} of {text}");
        }
    }

    [Fact]
    public void Fixture_CoversEveryOperatorFunctionAndSpecialValue()
    {
        JsonElement[] cases = [.. CaseElements()];
        string[] texts = [.. cases.Select(c => c.GetProperty("expression").GetString()!)];
        string[] results = [.. cases.SelectMany(c => c.GetProperty("grad").EnumerateObject().Select(g => g.Value)
            .Append(c.GetProperty("value"))).Select(v => v.ToString())];

        Assert.True(cases.Length >= 300, $"Only {cases.Length} cases.");
        foreach (string token in (string[])["+", "-", "*", "/", "**", "tanh(", "exp(", "log(", "relu(", "sigmoid(", "pow("])
        {
            Assert.True(texts.Count(t => t.Contains(token, StringComparison.Ordinal)) >= 20, $"Fewer than 20 cases use {token}.");
        }
        Assert.Contains("NaN", results);
        Assert.Contains("Infinity", results);
        Assert.Contains("-Infinity", results);
        Assert.Contains(cases, c => c.GetProperty("variables").GetArrayLength() >= 3);
    }

    [Fact]
    public void Fixture_HasEveryDeliberateDifference()
    {
        foreach ((string text, double[] inputs, _, _) in s_deliberateDifferences)
        {
            Assert.Contains(CaseElements(), c => c.TryGetProperty("difference", out _)
                && c.GetProperty("expression").GetString() == text
                && c.GetProperty("inputs").EnumerateObject().Select(i => ReadNumber(i.Value)).SequenceEqual(inputs));
        }
    }

    // The case must still differ from PyTorch somewhere (or the entry is stale) and must give MicroNet's documented result.
    private static void AssertDeliberateDifference(
        string name, JsonElement item, string text, Dictionary<string, double> inputs, ExpressionResult result)
    {
        (string _, double[] _, double value, double[] grads) = s_deliberateDifferences.SingleOrDefault(
            d => d.Expression == text && d.Inputs.SequenceEqual(inputs.Values));
        Assert.True(grads is not null, $"The fixture marks {text} as deliberate difference '{name}', but the test does not list it.");
        double[] pyTorch = [ReadNumber(item.GetProperty("value")), .. item.GetProperty("grad").EnumerateObject().Select(g => ReadNumber(g.Value))];
        double[] microNet = [result.Output.Data, .. result.Variables.Select(v => v.Grad)];
        Assert.False(pyTorch.Zip(microNet).All(pair => IsClose(pair.First, pair.Second)),
            $"{text} now matches PyTorch; remove deliberate difference '{name}' from the generator, the README and this test.");
        AssertClose(value, result.Output.Data, $"MicroNet's value of {text}");
        for (int i = 0; i < grads.Length; i++)
        {
            AssertClose(grads[i], result.Variables[i].Grad, $"MicroNet's d/d{result.Variables[i].Label} of {text}");
        }
    }

    private static JsonElement.ArrayEnumerator CaseElements() => PyTorchFixture.Cases(s_fixture.Value);
}
