
namespace MicroNet.Tests.Training;

/// <summary>Losses against numbers worked out by hand, and the gradients they send back.</summary>
public static class LossesTests
{
    private const double Tolerance = 1e-15;

    // Leaves that require a gradient; a collection of plain numbers would convert to constants, which get none.
    private static Value[] Leaves(params double[] data) => [.. data.Select(x => new Value(x))];

    [Fact]
    public static void Mse_Mean_MatchesHandComputed()
    {
        Value[] predictions = Leaves(1, 2, 3);

        Value loss = Losses.Mse(predictions, [0, 2, 5]);
        loss.Backward();

        // Squared errors 1, 0 and 4; d/dp = 2 (p - t) / 3.
        Assert.Equal(5.0 / 3, loss.Data, Tolerance);
        Assert.Equal(2.0 / 3, predictions[0].Grad, Tolerance);
        Assert.Equal(0.0, predictions[1].Grad, Tolerance);
        Assert.Equal(-4.0 / 3, predictions[2].Grad, Tolerance);
    }

    [Fact]
    public static void Mse_Sum_MatchesHandComputed()
    {
        Value[] predictions = Leaves(1, 2, 3);

        Value loss = Losses.Mse(predictions, [0, 2, 5], Reduction.Sum);
        loss.Backward();

        Assert.Equal(5.0, loss.Data);
        Assert.Equal(2.0, predictions[0].Grad);
        Assert.Equal(0.0, predictions[1].Grad);
        Assert.Equal(-4.0, predictions[2].Grad);
    }

    [Fact]
    public static void Mse_MismatchedLengths_ThrowsNamingTargets()
    {
        Value[] predictions = [1, 2, 3];

        ArgumentException e = Assert.Throws<ArgumentException>(() => Losses.Mse(predictions, [1, 2]));

        Assert.Equal("targets", e.ParamName);
        Assert.Contains("3", e.Message, StringComparison.Ordinal);
        Assert.Contains("2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Mse_Empty_Throws()
    {
        Assert.Throws<ArgumentException>(() => Losses.Mse([], []));
    }

    [Fact]
    public static void Hinge_MatchesHandComputed()
    {
        Value[] scores = Leaves(0.5, -2, 0.3);

        Value loss = Losses.Hinge(scores, [1, -1, -1]);
        loss.Backward();

        // relu(1 - 0.5) = 0.5, relu(1 - 2) = 0, relu(1 + 0.3) = 1.3; mean 0.6. d/ds = -label / 3 where the margin is violated.
        Assert.Equal(0.6, loss.Data, Tolerance);
        Assert.Equal(-1.0 / 3, scores[0].Grad, Tolerance);
        Assert.Equal(0.0, scores[1].Grad);
        Assert.Equal(1.0 / 3, scores[2].Grad, Tolerance);
    }

    [Fact]
    public static void Hinge_LabelNotPlusOrMinusOne_ThrowsNamingLabels()
    {
        Value[] scores = [0.5, 1];

        ArgumentException e = Assert.Throws<ArgumentException>(() => Losses.Hinge(scores, [1, 0]));

        Assert.Equal("labels", e.ParamName);
    }

    [Fact]
    public static void L2_IsAlphaTimesSumOfSquares()
    {
        Value[] parameters = Leaves(1, -2, 3);

        Value penalty = Losses.L2(parameters, 0.1);
        penalty.Backward();

        // 0.1 * (1 + 4 + 9); d/dp = 2 * 0.1 * p.
        Assert.Equal(1.4, penalty.Data, Tolerance);
        Assert.Equal(0.2, parameters[0].Grad, Tolerance);
        Assert.Equal(-0.4, parameters[1].Grad, Tolerance);
        Assert.Equal(0.6, parameters[2].Grad, Tolerance);
    }

    [Fact]
    public static void L2_NegativeAlpha_Throws()
    {
        Value[] parameters = [1];

        Assert.Throws<ArgumentOutOfRangeException>(() => Losses.L2(parameters, -0.1));
    }
}
