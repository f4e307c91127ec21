using MicroNet.Tests.Support;
namespace MicroNet.Tests.Training;

/// <summary>
/// The LogSumExp and Softplus ops: values and gradients against the naive textbook formulas where those are safe,
/// against central finite differences on seeded inputs, and against hand-derived limits where the naive formulas overflow.
/// </summary>
public static class StableOpTests
{
    private static double NaiveLogSumExp(double[] x) => Math.Log(x.Sum(Math.Exp));

    private static double NaiveSoftplus(double x) => Math.Log(1 + Math.Exp(x));

    [Fact]
    public static void LogSumExp_SmallInputs_MatchesNaiveFormulaAndSoftmaxGradient()
    {
        Value a = 1.0, b = 2.0, c = 3.0;
        Value y = Value.LogSumExp(a, b, c);
        y.Backward();

        double sum = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        Approx.Equal(Math.Log(sum), y.Data, 1e-15, "value");
        Approx.Equal(Math.Exp(1) / sum, a.Grad, 1e-15, "d/da");
        Approx.Equal(Math.Exp(2) / sum, b.Grad, 1e-15, "d/db");
        Approx.Equal(Math.Exp(3) / sum, c.Grad, 1e-15, "d/dc");
        Assert.Equal("logsumexp", y.Op);
        Assert.Equal(3, y.Children.Count);
    }

    [Fact]
    public static void LogSumExp_RandomInputs_MatchesFiniteDifferences()
    {
        var random = new Random(1234);
        for (int trial = 0; trial < 50; trial++)
        {
            double[] x = [.. Enumerable.Range(0, 1 + random.Next(6)).Select(_ => random.NextDouble() * 20 - 10)];
            Value[] leaves = [.. x.Select(v => new Value(v))];
            Value y = Value.LogSumExp(leaves);
            y.Backward();

            Approx.Equal(NaiveLogSumExp(x), y.Data, 1e-13, "value");
            double[] numeric = GradientCheck.CentralDifferences(NaiveLogSumExp, x);
            for (int i = 0; i < x.Length; i++)
            {
                Approx.Equal(numeric[i], leaves[i].Grad, 1e-7, $"gradient {i}");
            }
        }
    }

    [Theory]
    // ln(e^1000 + e^0) = 1000 + ln(1 + e^-1000), and e^-1000 is far below the smallest double.
    [InlineData(1000.0, 0.0, 1000.0, 1.0, 0.0)]
    // e^-infinity is exactly 0, as in PyTorch.
    [InlineData(double.NegativeInfinity, 0.0, 0.0, 0.0, 1.0)]
    public static void LogSumExp_OneLogitDominates_IsThatLogitWithTheWholeGradient(
        double first, double second, double expected, double expectedFirstGradient, double expectedSecondGradient)
    {
        Value a = first, b = second;
        Value y = Value.LogSumExp(a, b);
        y.Backward();

        Assert.Equal(expected, y.Data);
        Assert.Equal(expectedFirstGradient, a.Grad);
        Assert.Equal(expectedSecondGradient, b.Grad);
    }

    [Fact]
    public static void LogSumExp_EqualLargeLogits_GivesMaxPlusLnTwoAndHalfGradients()
    {
        // ln(2 e^1000) = 1000 + ln 2; softmax of two equal logits is 1/2 each. The gradient is PyTorch's e ** (x - y),
        // which carries the rounding of y (ulp(1000) = 1.1e-13): 0.5000000000000275 here, as in PyTorch.
        Value a = 1000.0, b = 1000.0;
        Value y = Value.LogSumExp(a, b);
        y.Backward();

        Approx.Equal(1000 + Math.Log(2), y.Data, 1e-15, "value");
        Approx.Equal(0.5, a.Grad, 1e-13, "d/da");
        Approx.Equal(0.5, b.Grad, 1e-13, "d/db");
    }

    [Fact]
    public static void LogSumExp_LargeNegativeLogits_DoesNotUnderflowToMinusInfinity()
    {
        // The naive formula gives ln(0) = -infinity here.
        Value y = Value.LogSumExp(-1000.0, -1000.0);
        Approx.Equal(-1000 + Math.Log(2), y.Data, 1e-15, "value");
    }

    [Fact]
    public static void LogSumExp_InfiniteAndNaNInputs_FollowPyTorch()
    {
        Assert.Equal(double.PositiveInfinity, Value.LogSumExp(double.PositiveInfinity, 1.0).Data);
        Assert.Equal(double.NegativeInfinity, Value.LogSumExp(double.NegativeInfinity, double.NegativeInfinity).Data);
        Assert.Equal(double.NegativeInfinity, Value.LogSumExp([]).Data);
        Assert.True(double.IsNaN(Value.LogSumExp(double.NaN, 1.0).Data));
    }

    [Fact]
    public static void LogSumExp_NullValue_Throws() =>
        Assert.Throws<ArgumentNullException>(() => Value.LogSumExp(1.0, null!));

    [Fact]
    public static void Softplus_Zero_IsLnTwoWithGradientOneHalf()
    {
        Value x = 0.0;
        Value y = x.Softplus();
        y.Backward();

        Approx.Equal(Math.Log(2), y.Data, 1e-15, "value");
        Approx.Equal(0.5, x.Grad, 1e-15, "gradient");
        Assert.Equal("softplus", y.Op);
    }

    [Fact]
    public static void Softplus_RandomInputs_MatchesNaiveFormulaAndFiniteDifferences()
    {
        var random = new Random(99);
        for (int trial = 0; trial < 50; trial++)
        {
            double x0 = random.NextDouble() * 20 - 10;
            Value x = x0;
            Value y = x.Softplus();
            y.Backward();

            Approx.Equal(NaiveSoftplus(x0), y.Data, 1e-13, "value");
            double numeric = GradientCheck.CentralDifferences(v => NaiveSoftplus(v[0]), [x0])[0];
            Approx.Equal(numeric, x.Grad, 1e-7, "gradient");
        }
    }

    [Fact]
    public static void Softplus_LargeNegativeInput_KeepsFullPrecision()
    {
        // ln(1 + u) = u - u^2/2 + u^3/3 - ... with u = e^-30; Math.Log(1 + u) would keep only about 4 digits.
        double u = Math.Exp(-30);
        Value x = -30.0;
        Value y = x.Softplus();
        y.Backward();

        Approx.Equal(1 - u / 2 + u * u / 3, y.Data / u, 1e-15, "value / u");
        Approx.Equal(1 / (1 + Math.Exp(30)), x.Grad, 1e-14, "gradient");
    }

    [Theory]
    [InlineData(1000.0, 1000.0, 1.0)]
    [InlineData(-1000.0, 0.0, 0.0)]
    public static void Softplus_LargeInputs_AreFiniteWithSaturatedGradients(double input, double expected, double expectedGradient)
    {
        Value x = input;
        Value y = x.Softplus();
        y.Backward();

        Assert.Equal(expected, y.Data);
        Assert.Equal(expectedGradient, x.Grad);
    }

    [Fact]
    public static void Softplus_NonFiniteInputs_GiveInfinityZeroAndNaN()
    {
        Assert.Equal(double.PositiveInfinity, new Value(double.PositiveInfinity).Softplus().Data);
        Assert.Equal(0.0, new Value(double.NegativeInfinity).Softplus().Data);
        Assert.True(double.IsNaN(new Value(double.NaN).Softplus().Data));
    }
}
