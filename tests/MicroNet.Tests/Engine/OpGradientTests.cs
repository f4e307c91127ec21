using CsCheck;
using MicroNet.Tests.Support;

namespace MicroNet.Tests.Engine;

/// <summary>
/// Every op's forward value against a plain-double formula and its gradients against central finite differences,
/// on seeded random inputs. Domains stay away from kinks (relu at 0) and singularities (log and pow at 0).
/// </summary>
public static class OpGradientTests
{
    private static readonly Gen<double> s_anywhere = Gen.Double[-10, 10];

    // |x| in [0.2, 10] with either sign: away from 0 for division and relu.
    private static readonly Gen<double> s_awayFromZero =
        Gen.Select(Gen.Double[0.2, 10], Gen.Bool, (magnitude, negative) => negative ? -magnitude : magnitude);

    private static readonly Gen<double> s_positive = Gen.Double[0.2, 4];

    [Fact]
    public static void Add_RandomInputs_MatchesFiniteDifferences() =>
        Seeded.Sample(Gen.Select(s_anywhere, s_anywhere), t =>
            GradientCheck.Check([t.Item1, t.Item2], v => v[0] + v[1], x => x[0] + x[1]));

    [Fact]
    public static void Subtract_RandomInputs_MatchesFiniteDifferences() =>
        Seeded.Sample(Gen.Select(s_anywhere, s_anywhere), t =>
            GradientCheck.Check([t.Item1, t.Item2], v => v[0] - v[1], x => x[0] - x[1]));

    [Fact]
    public static void Negate_RandomInputs_MatchesFiniteDifferences() =>
        Seeded.Sample(s_anywhere, a =>
            GradientCheck.Check([a], v => -v[0], x => -x[0]));

    [Fact]
    public static void Multiply_RandomInputs_MatchesFiniteDifferences() =>
        Seeded.Sample(Gen.Select(s_anywhere, s_anywhere), t =>
            GradientCheck.Check([t.Item1, t.Item2], v => v[0] * v[1], x => x[0] * x[1]));

    [Fact]
    public static void Divide_RandomInputs_MatchesFiniteDifferences() =>
        Seeded.Sample(Gen.Select(s_anywhere, s_awayFromZero), t =>
            GradientCheck.Check([t.Item1, t.Item2], v => v[0] / v[1], x => x[0] / x[1]));

    [Fact]
    public static void PowConstant_PositiveBase_MatchesFiniteDifferences() =>
        Seeded.Sample(Gen.Select(s_positive, Gen.Double[-3, 3]), t =>
            GradientCheck.Check([t.Item1], v => v[0].Pow(t.Item2), x => Math.Pow(x[0], t.Item2)));

    [Fact]
    public static void PowConstant_NegativeBaseIntegerExponent_MatchesFiniteDifferences() =>
        Seeded.Sample(Gen.Select(Gen.Double[-4, -0.2], Gen.Int[-3, 4]), t =>
            GradientCheck.Check([t.Item1], v => v[0].Pow(t.Item2), x => Math.Pow(x[0], t.Item2)));

    [Fact]
    public static void PowValue_PositiveBase_MatchesFiniteDifferencesInBaseAndExponent() =>
        Seeded.Sample(Gen.Select(s_positive, Gen.Double[-3, 3]), t =>
            GradientCheck.Check([t.Item1, t.Item2], v => v[0].Pow(v[1]), x => Math.Pow(x[0], x[1])));

    [Fact]
    public static void Exp_RandomInputs_MatchesFiniteDifferences() =>
        Seeded.Sample(Gen.Double[-5, 5], a =>
            GradientCheck.Check([a], v => v[0].Exp(), x => Math.Exp(x[0])));

    [Fact]
    public static void Log_PositiveInputs_MatchesFiniteDifferences() =>
        Seeded.Sample(Gen.Double[0.05, 20], a =>
            GradientCheck.Check([a], v => v[0].Log(), x => Math.Log(x[0])));

    [Fact]
    public static void Tanh_RandomInputs_MatchesFiniteDifferences() =>
        // The notebook's definition, (e^2x - 1) / (e^2x + 1), as an independent formula.
        Seeded.Sample(Gen.Double[-4, 4], a =>
            GradientCheck.Check([a], v => v[0].Tanh(), x => (Math.Exp(2 * x[0]) - 1) / (Math.Exp(2 * x[0]) + 1)));

    [Fact]
    public static void Relu_AwayFromZero_MatchesFiniteDifferences() =>
        Seeded.Sample(s_awayFromZero, a =>
            GradientCheck.Check([a], v => v[0].Relu(), x => Math.Max(0, x[0])));

    [Fact]
    public static void Sigmoid_RandomInputs_MatchesFiniteDifferences() =>
        Seeded.Sample(s_anywhere, a =>
            GradientCheck.Check([a], v => v[0].Sigmoid(), x => 1 / (1 + Math.Exp(-x[0]))));

    [Fact]
    public static void Sum_RandomLengths_MatchesFiniteDifferences() =>
        Seeded.Sample(s_anywhere.Array[1, 9], values =>
            GradientCheck.Check(values, v => Value.Sum(v), x => x.Sum()));

    [Fact]
    public static void Dot_RandomLengths_MatchesFiniteDifferences() =>
        // Inputs are laid out as [w0 .. w(n-1), x0 .. x(n-1)].
        Seeded.Sample(Gen.Int[1, 8].SelectMany(n => s_anywhere.Array[2 * n]), values =>
        {
            int n = values.Length / 2;
            GradientCheck.Check(values, v => Value.Dot(v[..n], v[n..]), x =>
            {
                double sum = 0;
                for (int i = 0; i < n; i++)
                {
                    sum += x[i] * x[n + i];
                }
                return sum;
            });
        });

    [Fact]
    public static void Sum_MoreValuesThanFitOnTheStack_MatchesFiniteDifferences() =>
        // Nodes with more than 64 children compute on heap arrays instead of the stack.
        Seeded.Sample(s_anywhere.Array[65, 300], values =>
            GradientCheck.Check(values, v => Value.Sum(v), x => x.Sum()), count: 10);

    [Fact]
    public static void Dot_MorePairsThanFitOnTheStack_MatchesFiniteDifferences() =>
        Seeded.Sample(Gen.Int[33, 150].SelectMany(n => s_anywhere.Array[2 * n]), values =>
        {
            int n = values.Length / 2;
            GradientCheck.Check(values, v => Value.Dot(v[..n], v[n..]),
                x => x[..n].Zip(x[n..], (w, input) => w * input).Aggregate(0.0, (sum, term) => sum + term));
        }, count: 10);

    [Fact]
    public static void Composite_ReusedVariablesThroughManyOps_MatchesFiniteDifferences() =>
        Seeded.Sample(Gen.Select(Gen.Double[-2, 2], Gen.Double[-2, 2], Gen.Double[-2, 2]), t =>
            GradientCheck.Check([t.Item1, t.Item2, t.Item3],
                v =>
                {
                    Value a = v[0], b = v[1], c = v[2];
                    return ((a - c).Pow(2) + b.Sigmoid()).Log() * c + (b * b + 1).Pow(a) / (c.Exp() + a.Tanh() + 2);
                },
                x =>
                {
                    double a = x[0], b = x[1], c = x[2];
                    return Math.Log((a - c) * (a - c) + 1 / (1 + Math.Exp(-b))) * c
                        + Math.Pow(b * b + 1, a) / (Math.Exp(c) + Math.Tanh(a) + 2);
                }));

    [Fact]
    public static void Composite_ReusedInteriorNode_MatchesFiniteDifferences() =>
        Seeded.Sample(Gen.Select(Gen.Double[-2, 2], Gen.Double[-2, 2]), t =>
            GradientCheck.Check([t.Item1, t.Item2],
                v =>
                {
                    Value e = v[0] * v[1];
                    return e * e + e.Tanh() - e / (e.Pow(2) + 1) + Value.Sum(e, v[0], e.Sigmoid());
                },
                x =>
                {
                    double e = x[0] * x[1];
                    return e * e + Math.Tanh(e) - e / (e * e + 1) + (e + x[0] + 1 / (1 + Math.Exp(-e)));
                }));

    [Fact]
    public static void Composite_DotSumAndRelu_MatchesFiniteDifferences() =>
        Seeded.Sample(Gen.Select(s_awayFromZero, s_anywhere, s_anywhere), t =>
            GradientCheck.Check([t.Item1, t.Item2, t.Item3],
                v =>
                {
                    Value a = v[0], b = v[1], c = v[2];
                    return Value.Dot([a, b, c], [c, a, a]) * a.Relu() + Value.Sum(a, a * b, (b * 0.1).Pow(3), -c);
                },
                x =>
                {
                    double a = x[0], b = x[1], c = x[2];
                    return (a * c + b * a + c * a) * Math.Max(0, a) + (a + a * b + Math.Pow(b * 0.1, 3) - c);
                }));
}
