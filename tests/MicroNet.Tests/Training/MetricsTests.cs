using MicroNet.Tests.Support;
using MicroNet.Training;

namespace MicroNet.Tests.Training;

public static class MetricsTests
{
    [Fact]
    public static void Accuracy_ThreeOfFourCorrect_IsThreeQuarters() =>
        Assert.Equal(0.75, Metrics.Accuracy([0, 1, 2, 1], [0, 1, 2, 0]));

    [Fact]
    public static void ConfusionMatrix_RowsAreTargetsAndColumnsPredictions()
    {
        // Targets 0,0,1,1,2 predicted as 0,1,1,1,0.
        int[,] matrix = Metrics.ConfusionMatrix([0, 1, 1, 1, 0], [0, 0, 1, 1, 2], 3);
        int[,] expected =
        {
            { 1, 1, 0 },
            { 0, 2, 0 },
            { 1, 0, 0 },
        };
        Assert.Equal(expected, matrix);
    }

    [Fact]
    public static void ConfusionMatrix_ClassOutOfRange_ThrowsNamingTheList()
    {
        Assert.Throws<ArgumentOutOfRangeException>("predictions", () => Metrics.ConfusionMatrix([3], [0], 3));
        Assert.Throws<ArgumentOutOfRangeException>("targets", () => Metrics.ConfusionMatrix([0], [-1], 3));
    }

    [Fact]
    public static void Rmse_KnownErrors_IsRootOfMeanSquare()
    {
        // Errors 1, -1, 3, -1: mean square (1 + 1 + 9 + 1) / 4 = 3.
        Approx.Equal(Math.Sqrt(3), Metrics.Rmse([2.0, 1.0, 6.0, 3.0], [1.0, 2.0, 3.0, 4.0]), 1e-15, "rmse");
    }

    [Fact]
    public static void RSquared_KnownPredictions_IsOneMinusResidualOverTotal()
    {
        // Targets 1, 2, 3, 4: mean 2.5, SS_tot = 2.25 + 0.25 + 0.25 + 2.25 = 5. Residuals 0.5, -0.5, 0, 1: SS_res = 1.5.
        Approx.Equal(1 - 1.5 / 5, Metrics.RSquared([0.5, 2.5, 3.0, 3.0], [1.0, 2.0, 3.0, 4.0]), 1e-15, "r2");
    }

    [Fact]
    public static void RSquared_MeanPredictor_IsZeroAndPerfect_IsOne()
    {
        Assert.Equal(0.0, Metrics.RSquared([2.5, 2.5, 2.5, 2.5], [1.0, 2.0, 3.0, 4.0]));
        Assert.Equal(1.0, Metrics.RSquared([1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0]));
    }

    [Fact]
    public static void RSquared_ConstantTargets_FollowsScikitLearn()
    {
        Assert.Equal(1.0, Metrics.RSquared([2.0, 2.0], [2.0, 2.0]));
        Assert.Equal(0.0, Metrics.RSquared([1.0, 2.0], [2.0, 2.0]));
    }

    [Fact]
    public static void RmseAndRSquared_NaNPrediction_GiveNaN()
    {
        Assert.True(double.IsNaN(Metrics.Rmse([double.NaN, 1.0], [1.0, 2.0])));
        Assert.True(double.IsNaN(Metrics.RSquared([double.NaN, 1.0], [1.0, 2.0])));
        Assert.True(double.IsNaN(Metrics.RSquared([double.NaN, 2.0], [2.0, 2.0])));
    }

    [Fact]
    public static void Metrics_MismatchedLengths_ThrowNamingBothSizes()
    {
        var error = Assert.Throws<ArgumentException>("targets", () => Metrics.Rmse([1.0, 2.0, 3.0], [1.0, 2.0]));
        Assert.Contains("3", error.Message, StringComparison.Ordinal);
        Assert.Contains("2", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("targets", () => Metrics.Accuracy([], []));
    }
}
