using System.Globalization;
using System.Text.Json;

namespace MicroNet.Tests.Support;

/// <summary>
/// Reading the PyTorch reference fixtures (tests/reference/*.json, copied beside the tests) and comparing with their
/// tolerance: 1e-9 relative or 1e-12 absolute, NaN and infinities exactly.
/// </summary>
internal static class PyTorchFixture
{
    public const double RelativeTolerance = 1e-9;
    public const double AbsoluteTolerance = 1e-12;

    public static JsonDocument Load(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", name)));

    public static JsonElement.ArrayEnumerator Cases(JsonDocument fixture) => fixture.RootElement.GetProperty("cases").EnumerateArray();

    public static JsonElement Case(JsonDocument fixture, int id) => Cases(fixture).Single(c => c.GetProperty("id").GetInt32() == id);

    /// <summary>Each case's id and expression, for a theory.</summary>
    public static TheoryData<int, string> CaseData(JsonDocument fixture)
    {
        var data = new TheoryData<int, string>();
        foreach (JsonElement item in Cases(fixture))
        {
            data.Add(item.GetProperty("id").GetInt32(), item.GetProperty("expression").GetString()!);
        }
        return data;
    }

    /// <summary>A case's inputs by variable name.</summary>
    public static Dictionary<string, double> Inputs(JsonElement item)
    {
        var inputs = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (JsonProperty input in item.GetProperty("inputs").EnumerateObject())
        {
            inputs.Add(input.Name, ReadNumber(input.Value));
        }
        return inputs;
    }

    // JSON has no NaN or infinity; the fixtures write them as the strings "NaN", "Infinity" and "-Infinity".
    public static double ReadNumber(JsonElement element) => element.ValueKind == JsonValueKind.String
        ? double.Parse(element.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
        : element.GetDouble();

    public static bool IsClose(double expected, double actual) =>
        double.IsNaN(expected) || double.IsNaN(actual) || double.IsInfinity(expected) || double.IsInfinity(actual)
            ? expected.Equals(actual)
            : Math.Abs(expected - actual) <= Math.Max(AbsoluteTolerance, RelativeTolerance * Math.Abs(expected));

    public static void AssertClose(double expected, double actual, string what, string expectedBy = "PyTorch") =>
        Assert.True(IsClose(expected, actual), string.Create(CultureInfo.InvariantCulture, $"{what}: {expectedBy} {expected:R}, MicroNet {actual:R}."));
}
