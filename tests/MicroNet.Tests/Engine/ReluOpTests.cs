namespace MicroNet.Tests.Engine;

public sealed class ReluOpTests
{
    [Theory]
    [InlineData(2.5, 2.5, 1)]
    [InlineData(-2.5, 0, 0)]
    [InlineData(0, 0, 0)]
    public void Relu_FiniteInput_MatchesMaxAndStep(double x, double expected, double expectedGrad)
    {
        var input = new Value(x);
        Value output = input.Relu();
        output.Backward();

        Assert.Equal(expected, output.Data);
        Assert.Equal(expectedGrad, input.Grad);
    }

    [Fact]
    public void Relu_NaN_PropagatesValueAndGradientAsPyTorch()
    {
        var input = new Value(double.NaN);
        Value output = input.Relu();
        output.Backward();

        Assert.True(double.IsNaN(output.Data));
        Assert.Equal(1, input.Grad);
    }

    [Fact]
    public void Relu_NegativeZero_StaysNegativeZeroAsPyTorch()
    {
        Value output = new Value(-0.0).Relu();

        Assert.True(double.IsNegative(output.Data));
        Assert.Equal(0, output.Data);
    }
}
