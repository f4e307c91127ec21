using MicroNet.Data;

namespace MicroNet.Tests.Data;

/// <summary>The two regression sets of <see cref="SyntheticData"/>: <see cref="SyntheticData.Plane"/> and <see cref="SyntheticData.GaussianBumps"/>.</summary>
public static class RegressionSurfaceTests
{
    [Fact]
    public static void Plane_NoNoise_TargetIsTheMeanOfTheCoordinates()
    {
        Dataset plane = SyntheticData.Plane(200, noise: 0, seed: 3);

        Assert.Equal(ProblemKind.Regression, plane.Kind);
        Assert.Equal(200, plane.Count);
        for (int i = 0; i < plane.Count; i++)
        {
            double x = plane.Features[i][0], y = plane.Features[i][1];
            Assert.InRange(x, -1, 1);
            Assert.InRange(y, -1, 1);
            Assert.Equal((x + y) / 2, plane.Targets[i]);
        }
    }

    [Fact]
    public static void GaussianBumps_NoNoise_PeaksAtTheCentresWithAlternatingSigns()
    {
        Dataset bumps = SyntheticData.GaussianBumps(4000, noise: 0, seed: 4);

        // Near (-0.6, 0.4) the target is close to +1, near (0, 0.4) close to -1.
        double Near(double cx, double cy) => bumps.Targets
            .Where((_, i) => Math.Abs(bumps.Features[i][0] - cx) < 0.05 && Math.Abs(bumps.Features[i][1] - cy) < 0.05)
            .Average();
        Assert.InRange(Near(-0.6, 0.4), 0.9, 1.05);
        Assert.InRange(Near(0, 0.4), -1.05, -0.9);
        Assert.InRange(Near(0, -0.4), 0.9, 1.05);
        Assert.All(bumps.Targets, t => Assert.InRange(t, -1.1, 1.1));
    }

    [Fact]
    public static void Plane_SameSeed_SameRows_NoiseOnTargetsOnly()
    {
        Dataset clean = SyntheticData.Plane(50, noise: 0, seed: 9);
        Dataset noisy = SyntheticData.Plane(50, noise: 0.1, seed: 9);

        Assert.Equal(clean.Features, noisy.Features);
        Assert.NotEqual(clean.Targets, noisy.Targets);
        Assert.Equal(clean.Features, SyntheticData.Plane(50, noise: 0, seed: 9).Features);
    }
}
