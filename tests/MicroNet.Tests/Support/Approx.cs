using System.Globalization;

namespace MicroNet.Tests.Support;

/// <summary>Assertions for floating-point results.</summary>
internal static class Approx
{
    /// <summary>
    /// Passes when <c>|actual - expected| &lt;= tolerance * max(1, |expected|)</c>: relative for large numbers,
    /// absolute for numbers below 1.
    /// </summary>
    public static void Equal(double expected, double actual, double tolerance, string what = "value")
    {
        double error = Math.Abs(actual - expected);
        double allowed = tolerance * Math.Max(1, Math.Abs(expected));
        if (!(error <= allowed))
        {
            throw new Xunit.Sdk.XunitException(string.Create(CultureInfo.InvariantCulture,
                $"{what}: expected {expected:R}, got {actual:R} (error {error:E3}, allowed {allowed:E3})."));
        }
    }
}
