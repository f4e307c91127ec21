using MicroNet.Tests.Support;
using MicroNet.Data;

namespace MicroNet.Tests.Data;

public static class SyntheticDataTests
{
    [Fact]
    public static void Moons_NoNoise_PointsLieOnTheirHalfCircles()
    {
        Dataset moons = SyntheticData.Moons(101, noise: 0, seed: 1);

        Assert.Equal(ProblemKind.BinaryClassification, moons.Kind);
        Assert.Equal(50, moons.Classes.Count(c => c == 0));
        Assert.Equal(51, moons.Classes.Count(c => c == 1));
        for (int i = 0; i < moons.Count; i++)
        {
            double x = moons.Features[i][0], y = moons.Features[i][1];
            if (moons.Classes[i] == 0)
            {
                // (cos t, sin t), t in [0, pi]: the upper half of the unit circle.
                Approx.Equal(1, x * x + y * y, 1e-15, "outer radius");
                Assert.True(y >= 0);
            }
            else
            {
                // (1 - cos t, 1 - sin t - 0.5): the lower half of the unit circle around (1, 0.5).
                Approx.Equal(1, (x - 1) * (x - 1) + (y - 0.5) * (y - 0.5), 1e-15, "inner radius");
                Assert.True(y <= 0.5 + 1e-15);
            }
        }
    }

    [Fact]
    public static void Moons_NoNoise_IncludesTheEndsOfBothArcs()
    {
        Dataset moons = SyntheticData.Moons(10, noise: 0, seed: 2);
        (double X, double Y)[] points = [.. moons.Features.Select(r => (r[0], r[1]))];
        (double X, double Y)[] ends = [(1, 0), (-1, 0), (0, 0.5), (2, 0.5)];
        foreach ((double x, double y) in ends)
        {
            Assert.Contains(points, p => Math.Abs(p.X - x) < 1e-15 && Math.Abs(p.Y - y) < 1e-15);
        }
    }

    [Fact]
    public static void Moons_Noise_HasTheRequestedStandardDeviation()
    {
        // Shuffling comes before the noise, so the same seed pairs each noisy row with its clean row.
        Dataset clean = SyntheticData.Moons(2000, noise: 0, seed: 5);
        Dataset noisy = SyntheticData.Moons(2000, noise: 0.1, seed: 5);
        double[] offsets = [.. Enumerable.Range(0, 2000).SelectMany(i => new[]
        {
            noisy.Features[i][0] - clean.Features[i][0],
            noisy.Features[i][1] - clean.Features[i][1],
        })];

        Assert.Equal(clean.Targets, noisy.Targets);
        // 4000 draws: the mean is within 4 standard errors (4 * 0.1 / sqrt(4000) = 0.0063), the deviation within 5%.
        Assert.InRange(offsets.Average(), -0.0063, 0.0063);
        Assert.InRange(Math.Sqrt(offsets.Select(d => d * d).Average()), 0.095, 0.105);
    }

    [Fact]
    public static void Generators_SameSeed_SameRowsAndDifferentSeed_DifferentRows()
    {
        Func<int, Dataset>[] generators =
        [
            seed => SyntheticData.Moons(30, 0.1, seed),
            seed => SyntheticData.Circles(30, 0.1, seed),
            seed => SyntheticData.Spirals(30, 3, 0.1, seed),
            seed => SyntheticData.Xor(30, 0.1, seed),
            seed => SyntheticData.Blobs(30, 3, 1.0, seed),
        ];
        foreach (Func<int, Dataset> generate in generators)
        {
            Dataset a = generate(1), b = generate(1), c = generate(2);
            Assert.Equal(a.Features, b.Features);
            Assert.Equal(a.Targets, b.Targets);
            Assert.NotEqual(a.Features, c.Features);
        }
    }

    [Fact]
    public static void Circles_NoNoise_PointsLieOnRadiusOneAndFactor()
    {
        Dataset circles = SyntheticData.Circles(40, noise: 0, seed: 3, factor: 0.3);
        for (int i = 0; i < circles.Count; i++)
        {
            double radius = Math.Sqrt(circles.Features[i][0] * circles.Features[i][0] + circles.Features[i][1] * circles.Features[i][1]);
            Approx.Equal(circles.Classes[i] == 0 ? 1 : 0.3, radius, 1e-15, "radius");
        }
        Assert.Equal(20, circles.Classes.Count(c => c == 1));
    }

    [Fact]
    public static void Circles_FactorOfOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>("factor", () => SyntheticData.Circles(10, 0, 0, factor: 1));

    [Fact]
    public static void Spirals_NoNoise_EachArmFollowsItsAngleFormula()
    {
        // 3 arms of 4, 3 and 3 points; radius r, angle 2 pi c / 3 + 4 r.
        Dataset spirals = SyntheticData.Spirals(10, 3, noise: 0, seed: 9);

        Assert.Equal(ProblemKind.MulticlassClassification, spirals.Kind);
        Assert.Equal(["0", "1", "2"], spirals.ClassNames);
        Assert.Equal([4, 3, 3], Enumerable.Range(0, 3).Select(c => spirals.Classes.Count(k => k == c)));
        for (int i = 0; i < spirals.Count; i++)
        {
            double x = spirals.Features[i][0], y = spirals.Features[i][1];
            double r = Math.Sqrt(x * x + y * y);
            Assert.InRange(r, 0, 1 + 1e-15);
            if (r > 0)
            {
                double expected = 2 * Math.PI * spirals.Classes[i] / 3 + 4 * r;
                Approx.Equal(x, r * Math.Cos(expected), 1e-14, "x");
                Approx.Equal(y, r * Math.Sin(expected), 1e-14, "y");
            }
        }
    }

    [Fact]
    public static void Xor_NoNoise_ClassIsOneExactlyWhereTheSignsDiffer()
    {
        Dataset xor = SyntheticData.Xor(100, noise: 0, seed: 6);
        int[] quadrantCounts = new int[4];
        for (int i = 0; i < xor.Count; i++)
        {
            double x = xor.Features[i][0], y = xor.Features[i][1];
            Assert.Equal(x * y < 0 ? 1 : 0, xor.Classes[i]);
            Assert.InRange(Math.Abs(x), double.Epsilon, 1);
            quadrantCounts[(x > 0 ? 0 : 1) + (y > 0 ? 0 : 2)]++;
        }
        Assert.Equal([25, 25, 25, 25], quadrantCounts);
    }

    [Fact]
    public static void Blobs_GivenCenters_ClassMeansLieNearTheirCenters()
    {
        double[][] centers = [[0.0, 0.0], [5.0, -5.0], [-3.0, 8.0]];
        Dataset blobs = SyntheticData.Blobs(3000, centers, standardDeviation: 0.5, seed: 8);

        for (int c = 0; c < 3; c++)
        {
            IReadOnlyList<double>[] rows = [.. Enumerable.Range(0, blobs.Count).Where(i => blobs.Classes[i] == c).Select(i => blobs.Features[i])];
            Assert.Equal(1000, rows.Length);
            for (int j = 0; j < 2; j++)
            {
                // Standard error 0.5 / sqrt(1000) = 0.016; allow 4 of them.
                Assert.InRange(rows.Average(r => r[j]), centers[c][j] - 0.064, centers[c][j] + 0.064);
            }
        }
    }

    [Fact]
    public static void Blobs_ZeroDeviation_PutsEveryPointOnARandomCenterInsideTheBox()
    {
        Dataset blobs = SyntheticData.Blobs(50, 4, standardDeviation: 0, seed: 10, featureCount: 3);

        Assert.Equal(3, blobs.FeatureCount);
        Assert.Equal(4, blobs.ClassCount);
        for (int c = 0; c < 4; c++)
        {
            IReadOnlyList<double>[] rows = [.. Enumerable.Range(0, blobs.Count).Where(i => blobs.Classes[i] == c).Select(i => blobs.Features[i])];
            Assert.All(rows, r => Assert.Equal(rows[0], r));
            Assert.All(rows[0], v => Assert.InRange(v, -10, 10));
        }
    }

    [Fact]
    public static void Blobs_CentersOfDifferentLength_ThrowsNamingBothSizes()
    {
        var error = Assert.Throws<ArgumentException>("centers", () => SyntheticData.Blobs(10, [[0.0, 0.0], [1.0]], 1.0, seed: 0));
        Assert.Contains("Expected 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("has 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void NextGaussian_ManyDraws_HaveMeanZeroAndUnitVariance()
    {
        var random = new Random(12);
        double[] draws = [.. Enumerable.Range(0, 100_000).Select(_ => SyntheticData.NextGaussian(random))];
        double mean = draws.Average();
        // Standard errors: 1 / sqrt(1e5) = 0.0032 for the mean, sqrt(2 / 1e5) = 0.0045 for the variance.
        Assert.InRange(mean, -0.013, 0.013);
        Assert.InRange(draws.Select(d => (d - mean) * (d - mean)).Average(), 0.982, 1.018);
        // About 68.27% within one standard deviation (standard error 0.0015).
        Assert.InRange(draws.Count(d => Math.Abs(d) < 1) / 100_000.0, 0.6767, 0.6887);
    }

    [Fact]
    public static void Moons_NegativeNoise_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>("noise", () => SyntheticData.Moons(10, -0.1, 0));
}
