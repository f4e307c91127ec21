using CsCheck;
using MicroNet.Tests.Support;

namespace MicroNet.Tests.Engine;

/// <summary>
/// Every op's second derivatives (<see cref="Autograd.Hessian"/>) against central finite differences of its gradient,
/// on seeded random inputs away from kinks and singularities; and relu's, which is 0 everywhere.
/// </summary>
public static class SecondOrderOpTests
{
    private static readonly Gen<double> s_anywhere = Gen.Double[-3, 3];
    private static readonly Gen<double> s_positive = Gen.Double[0.2, 4];
    private static readonly Gen<double> s_awayFromZero =
        Gen.Select(Gen.Double[0.2, 3], Gen.Bool, (magnitude, negative) => negative ? -magnitude : magnitude);

    private static readonly Gen<double[]> s_pairs = Gen.Int[1, 6].SelectMany(n => s_anywhere.Array[2 * n]);

    [Fact]
    public static void AddAndMultiply_RandomInputs_MatchFiniteDifferencesOfTheGradient() =>
        Seeded.Sample(s_anywhere.Array[3], x => HessianCheck.Check(x, v => v[0] * v[1] + v[1] * v[2] * v[0] + v[2]));

    [Fact]
    public static void DivideAndNegate_RandomInputs_MatchFiniteDifferencesOfTheGradient() =>
        Seeded.Sample(Gen.Select(s_anywhere, s_awayFromZero), t => HessianCheck.Check([t.Item1, t.Item2], v => -v[0] / v[1]));

    [Fact]
    public static void PowConstant_RandomInputs_MatchFiniteDifferencesOfTheGradient() =>
        Seeded.Sample(Gen.Select(s_positive, Gen.Double[-3, 3]), t => HessianCheck.Check([t.Item1], v => v[0].Pow(t.Item2)));

    // An exponent of exactly 0 is where PyTorch's mask makes the Hessian differ from the calculus (AutogradTests).
    [Fact]
    public static void PowValue_RandomInputs_MatchFiniteDifferencesOfTheGradient() =>
        Seeded.Sample(Gen.Select(s_positive, s_awayFromZero), t => HessianCheck.Check([t.Item1, t.Item2], v => v[0].Pow(v[1])));

    [Fact]
    public static void ExpAndLog_RandomInputs_MatchFiniteDifferencesOfTheGradient() =>
        Seeded.Sample(Gen.Select(s_anywhere, s_positive), t => HessianCheck.Check([t.Item1, t.Item2], v => (v[0] * v[1]).Exp() + (v[1] * v[1]).Log()));

    [Fact]
    public static void Tanh_RandomInputs_MatchesFiniteDifferencesOfTheGradient() =>
        Seeded.Sample(s_anywhere.Array[2], x => HessianCheck.Check(x, v => (v[0] * v[1]).Tanh()));

    [Fact]
    public static void Sigmoid_RandomInputs_MatchesFiniteDifferencesOfTheGradient() =>
        Seeded.Sample(s_anywhere.Array[2], x => HessianCheck.Check(x, v => (v[0] * v[1]).Sigmoid()));

    [Fact]
    public static void Softplus_RandomInputs_MatchesFiniteDifferencesOfTheGradient() =>
        Seeded.Sample(s_anywhere.Array[2], x => HessianCheck.Check(x, v => (v[0] * v[1]).Softplus()));

    [Fact]
    public static void Sum_RandomInputs_MatchesFiniteDifferencesOfTheGradient() =>
        Seeded.Sample(s_anywhere.Array[3], x => HessianCheck.Check(x, v => Value.Sum(v[0] * v[1], v[2], v[0]).Pow(2)));

    [Fact]
    public static void LogSumExp_RandomInputs_MatchesFiniteDifferencesOfTheGradient() =>
        Seeded.Sample(Gen.Int[1, 6].SelectMany(n => s_anywhere.Array[n]), x => HessianCheck.Check(x, v => Value.LogSumExp(v)));

    [Fact]
    public static void LogSumExp_ReusedAndComputedArguments_MatchFiniteDifferencesOfTheGradient() =>
        Seeded.Sample(s_anywhere.Array[2], x => HessianCheck.Check(x, v => Value.LogSumExp(v[0], v[0] * v[1], 3, v[1].Tanh())));

    [Fact]
    public static void Dot_RandomInputs_MatchesFiniteDifferencesOfTheGradient() =>
        Seeded.Sample(s_pairs, x => HessianCheck.Check(x, v =>
        {
            int n = v.Length / 2;
            return Value.Dot(v[..n], [.. v[n..].Select(xi => xi * xi)]);
        }));

    [Fact]
    public static void Relu_AwayFromZero_MatchesFiniteDifferencesOfTheGradient() =>
        Seeded.Sample(Gen.Select(s_awayFromZero, s_anywhere), t => HessianCheck.Check([t.Item1, t.Item2], v => v[0].Relu() * v[1] + v[0].Relu().Pow(2)));

    [Theory]
    [InlineData(-2.0)]
    [InlineData(0.0)]
    [InlineData(3.0)]
    [InlineData(double.NaN)]
    public static void Relu_SecondDerivative_IsZeroEverywhere(double x)
    {
        var leaf = new Value(x);

        double[,] hessian = Autograd.Hessian(leaf.Relu(), [leaf]);

        Assert.Equal(0.0, hessian[0, 0]);
    }
}
