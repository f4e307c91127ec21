using MicroNet.Data;

namespace MicroNet.Tests.Data;

public static class StandardizerTests
{
    // Column 1 is 1, 2, 3, 4 (mean 2.5, population variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25); column 2 is constant 5.
    private static Dataset Sample() =>
        new([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0], [4.0, 5.0]], [0.0, 1.0, 2.0, 3.0], ProblemKind.Regression);

    [Fact]
    public static void Fit_KnownColumns_GivesMeansAndPopulationStandardDeviations()
    {
        Standardizer standardizer = Standardizer.Fit(Sample());
        Assert.Equal([2.5, 5.0], standardizer.Means);
        Assert.Equal(Math.Sqrt(1.25), standardizer.StandardDeviations[0], 15);
        Assert.Equal(0.0, standardizer.StandardDeviations[1]);
    }

    [Fact]
    public static void Transform_ConstantFeature_IsCentredNotDividedByZero()
    {
        Standardizer standardizer = Standardizer.Fit(Sample());
        double[] row = standardizer.Transform([4.0, 7.0]);
        Assert.Equal(1.5 / Math.Sqrt(1.25), row[0], 15);
        Assert.Equal(2.0, row[1]);
    }

    [Fact]
    public static void Fit_ConstantColumnOfInexactValue_HasExactlyZeroDeviation()
    {
        // 0.1 summed ten times is not exactly 1, so a naive mean leaves a deviation of about 1e-17.
        var data = new Dataset([.. Enumerable.Repeat<IReadOnlyList<double>>([0.1], 10)], [.. Enumerable.Repeat(0.0, 10)], ProblemKind.Regression);
        Standardizer standardizer = Standardizer.Fit(data);
        Assert.Equal(0.1, standardizer.Means[0]);
        Assert.Equal(0.0, standardizer.StandardDeviations[0]);
        Assert.Equal(0.0, standardizer.Transform([0.1])[0]);
    }

    [Fact]
    public static void TransformDataset_TrainingRows_HaveMeanZeroAndUnitDeviation()
    {
        Dataset data = SyntheticData.Blobs(200, 3, 2.0, seed: 4);
        Standardizer standardizer = Standardizer.Fit(data);
        Dataset scaled = standardizer.Transform(data);

        for (int j = 0; j < 2; j++)
        {
            double[] column = [.. scaled.Features.Select(r => r[j])];
            double mean = column.Average();
            Assert.Equal(0.0, mean, 12);
            Assert.Equal(1.0, Math.Sqrt(column.Select(x => (x - mean) * (x - mean)).Average()), 12);
        }
        Assert.Equal(data.Targets, scaled.Targets);
        Assert.Equal(data.FeatureNames, scaled.FeatureNames);
    }

    [Fact]
    public static void Constructor_FromSavedNumbers_TransformsLikeTheFittedOne()
    {
        Standardizer fitted = Standardizer.Fit(Sample());
        var restored = new Standardizer(fitted.Means, fitted.StandardDeviations);
        Assert.Equal(fitted.Transform([3.5, -1.0]), restored.Transform([3.5, -1.0]));
    }

    [Fact]
    public static void Fit_NaNFeature_ThrowsNamingFeatureAndRow()
    {
        var data = new Dataset([[1.0, 2.0], [double.NaN, 3.0]], [0.0, 1.0], ProblemKind.Regression, featureNames: ["age", "height"]);
        var error = Assert.Throws<ArgumentException>("data", () => Standardizer.Fit(data));
        Assert.Contains("'age'", error.Message, StringComparison.Ordinal);
        Assert.Contains("row 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Transform_NaNInput_GivesNaN() =>
        Assert.True(double.IsNaN(Standardizer.Fit(Sample()).Transform([double.NaN, 5.0])[0]));

    [Fact]
    public static void Transform_WrongFeatureCount_ThrowsNamingBothSizes()
    {
        var error = Assert.Throws<ArgumentException>("row", () => Standardizer.Fit(Sample()).Transform([1.0, 2.0, 3.0]));
        Assert.Contains("Expected 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("got 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Constructor_InvalidNumbers_Throw()
    {
        Assert.Throws<ArgumentException>("standardDeviations", () => new Standardizer([0.0], [-1.0]));
        Assert.Throws<ArgumentException>("means", () => new Standardizer([double.NaN], [1.0]));
        Assert.Throws<ArgumentException>("standardDeviations", () => new Standardizer([0.0, 1.0], [1.0]));
    }
}
