namespace MicroNet.Tests.Training;

/// <summary>Comparisons and finite differences shared by the training and data tests.</summary>
internal static class Check
{
    /// <summary>Asserts |expected - actual| &lt;= tolerance * max(1, |expected|): absolute near 0, relative elsewhere.</summary>
    public static void Close(double expected, double actual, double tolerance, string what = "")
    {
        double allowed = tolerance * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= allowed,
            FormattableString.Invariant($"{what}: expected {expected:R}, got {actual:R} (allowed difference {allowed:R})."));
    }

    /// <summary>The gradient of <paramref name="formula"/> at <paramref name="x"/> by central differences, step 1e-6 relative.</summary>
    public static double[] CentralDifferences(Func<double[], double> formula, double[] x)
    {
        var gradient = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double h = 1e-6 * Math.Max(1, Math.Abs(x[i]));
            double[] plus = [.. x], minus = [.. x];
            plus[i] += h;
            minus[i] -= h;
            gradient[i] = (formula(plus) - formula(minus)) / (plus[i] - minus[i]);
        }
        return gradient;
    }
}
