namespace MicroNet.Tests.Engine;

/// <summary>IEEE results at the edges of each op's domain, as PyTorch gives them: infinities and NaN, never exceptions.</summary>
public static class EdgeCaseTests
{
    [Theory]
    [InlineData("log", 0.0, double.NegativeInfinity)]
    [InlineData("log", -1.0, double.NaN)]
    [InlineData("pow -1", 0.0, double.PositiveInfinity)]
    [InlineData("exp", 1000.0, double.PositiveInfinity)]
    public static void Op_EdgeInput_GivesInfinityOrNaN(string op, double input, double expected)
    {
        Value y = Apply(op, new Value(input));

        Assert.Equal(expected, y.Data);
    }

    [Theory]
    [InlineData(1.0, double.PositiveInfinity)]
    [InlineData(-1.0, double.NegativeInfinity)]
    public static void Divide_ByZero_IsInfinityWithoutException(double numerator, double expected)
    {
        var a = new Value(numerator);
        var b = new Value(0);
        Value y = a / b;

        y.Backward();

        Assert.Equal(expected, y.Data);
        Assert.Equal(double.PositiveInfinity, a.Grad);
    }

    [Theory]
    [InlineData("tanh", 1000.0, 1.0)]
    [InlineData("tanh", -1000.0, -1.0)]
    [InlineData("sigmoid", 1000.0, 1.0)]
    [InlineData("relu", 0.0, 0.0)]
    [InlineData("pow 0", 0.0, 1.0)]
    public static void Op_EdgeInput_IsExactWithZeroGradient(string op, double input, double expected)
    {
        var x = new Value(input);
        Value y = Apply(op, x);

        y.Backward();

        Assert.Equal(expected, y.Data);
        Assert.Equal(0.0, x.Grad);
    }

    [Fact]
    public static void Sigmoid_HugeNegativeInput_IsFiniteNonNegativeWithGradient()
    {
        var x = new Value(-1000);
        Value y = x.Sigmoid();

        y.Backward();

        Assert.True(double.IsFinite(y.Data));
        Assert.True(y.Data >= 0);
        Assert.False(double.IsNaN(x.Grad));
        Assert.True(x.Grad >= 0);
    }

    [Fact]
    public static void Sigmoid_ModerateNegativeInput_KeepsTinyPositiveOutput()
    {
        // e^-700 is about 9.9e-305: the stable form keeps it where 1 / (1 + e^700) would be exactly 0.
        Value y = new Value(-700).Sigmoid();

        Assert.True(y.Data > 0);
        Assert.Equal(Math.Exp(-700), y.Data, Math.Exp(-700) * 1e-12);
    }

    [Theory]
    [InlineData(-2.0, 0.5)]
    [InlineData(-8.0, 1.0 / 3)]
    [InlineData(-0.5, 2.5)]
    public static void PowValue_NegativeBaseNonIntegerExponent_IsNaN(double baseValue, double exponent)
    {
        Value y = new Value(baseValue).Pow(new Value(exponent));

        Assert.True(double.IsNaN(y.Data));
    }

    [Fact]
    public static void PowValue_NegativeBaseIntegerExponent_IsReal()
    {
        var a = new Value(-2);
        var b = new Value(3);
        Value y = a.Pow(b);

        y.Backward();

        Assert.Equal(-8.0, y.Data);
        Assert.Equal(12.0, a.Grad);
        // d/db = y * ln(a) and ln(-2) is undefined.
        Assert.True(double.IsNaN(b.Grad));
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(2.0, 0.0)]
    [InlineData(0.5, 0.0)]
    public static void PowValue_ZeroBaseNonNegativeExponent_HasZeroExponentGradient(double exponent, double expected)
    {
        var a = new Value(0);
        var b = new Value(exponent);
        Value y = a.Pow(b);

        y.Backward();

        Assert.Equal(expected, y.Data);
        Assert.Equal(0.0, b.Grad);
        Assert.False(double.IsNaN(a.Grad));
    }

    [Fact]
    public static void PowValue_ZeroBaseZeroExponent_HasZeroBaseGradient()
    {
        var a = new Value(0);
        Value y = a.Pow(new Value(0));

        y.Backward();

        Assert.Equal(0.0, a.Grad);
    }

    [Fact]
    public static void Sum_NoValues_IsZero()
    {
        Value y = Value.Sum([]);

        Assert.Equal(0.0, y.Data);
    }

    [Fact]
    public static void Dot_MismatchedLengths_ThrowsNamingInputs()
    {
        Value[] weights = [1, 2, 3];
        Value[] inputs = [1, 2];

        ArgumentException e = Assert.Throws<ArgumentException>(() => Value.Dot(weights, inputs));

        Assert.Equal("inputs", e.ParamName);
        Assert.Contains("3", e.Message, StringComparison.Ordinal);
        Assert.Contains("2", e.Message, StringComparison.Ordinal);
    }

    private static Value Apply(string op, Value x) => op switch
    {
        "log" => x.Log(),
        "exp" => x.Exp(),
        "tanh" => x.Tanh(),
        "sigmoid" => x.Sigmoid(),
        "relu" => x.Relu(),
        "pow 0" => x.Pow(0),
        "pow -1" => x.Pow(-1),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };
}
