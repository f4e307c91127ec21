using static MicroNet.Tests.Compiled.CompiledGraphTests;

namespace MicroNet.Tests.Training;

/// <summary>
/// The compiled trainer steps the optimizer on flat arrays, in ranges, while <see cref="IOptimizer.Step"/> works on the
/// <see cref="Value"/> objects: both must give the bits of the documented formula computed one parameter at a time.
/// </summary>
public static class FlatOptimizerTests
{
    private const int Count = 11;

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.1, false)]
    [InlineData(0.05, true)]
    public static void Adam_FlatRangesAndValueStep_BitIdenticalToTheFormula(double weightDecay, bool decoupled)
    {
        const double Lr = 0.01, B1 = 0.9, B2 = 0.999, Eps = 1e-8;
        var random = new Random(9);
        double[] start = [.. Enumerable.Range(0, Count).Select(_ => random.NextDouble() * 4 - 2)];
        Value[] values = [.. start.Select(x => new Value(x))];
        Value[] flatValues = [.. start.Select(x => new Value(x))];
        var adam = new Adam(values, Lr, weightDecay: weightDecay, decoupledWeightDecay: decoupled);
        var flat = new Adam(flatValues, Lr, weightDecay: weightDecay, decoupledWeightDecay: decoupled);
        double[] data = [.. start], next = new double[Count], m = new double[Count], v = new double[Count], expected = [.. start];

        for (int t = 1; t <= 4; t++)
        {
            double[] g = [.. Enumerable.Range(0, Count).Select(_ => (random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-3, 3)))];
            // torch.optim.Adam, arranged as PyTorch arranges it: (lr / bc1) * m / (sqrt(v) / sqrt(bc2) + eps).
            double stepSize = Lr / (1 - Math.Pow(B1, t)), bc2 = Math.Sqrt(1 - Math.Pow(B2, t));
            for (int i = 0; i < Count; i++)
            {
                double gi = g[i];
                if (decoupled)
                {
                    expected[i] *= 1 - Lr * weightDecay;
                }
                else
                {
                    gi += weightDecay * expected[i];
                }
                m[i] = B1 * m[i] + (1 - B1) * gi;
                v[i] = B2 * v[i] + (1 - B2) * gi * gi;
                expected[i] -= stepSize * m[i] / (Math.Sqrt(v[i]) / bc2 + Eps);
            }

            for (int i = 0; i < Count; i++)
            {
                values[i].Grad = g[i];
            }
            adam.Step();
            StepInRanges(flat, data, next, g);
            (data, next) = (next, data);

            for (int i = 0; i < Count; i++)
            {
                AssertSameBits(expected[i], values[i].Data, $"step {t}, parameter {i}, Value objects");
                AssertSameBits(expected[i], data[i], $"step {t}, parameter {i}, flat");
            }
        }
    }

    [Fact]
    public static void Sgd_FlatRangesAndValueStep_BitIdenticalToTheFormula()
    {
        const double Lr = 0.1, Momentum = 0.9, Decay = 0.01;
        var random = new Random(10);
        double[] start = [.. Enumerable.Range(0, Count).Select(_ => random.NextDouble() * 4 - 2)];
        Value[] values = [.. start.Select(x => new Value(x))];
        var sgd = new Sgd(values, Lr, Momentum, Decay);
        var flat = new Sgd([.. start.Select(x => new Value(x))], Lr, Momentum, Decay);
        double[] data = [.. start], next = new double[Count], velocity = new double[Count], expected = [.. start];

        for (int t = 1; t <= 4; t++)
        {
            double[] g = [.. Enumerable.Range(0, Count).Select(_ => random.NextDouble() * 2 - 1)];
            for (int i = 0; i < Count; i++)
            {
                velocity[i] = Momentum * velocity[i] + (g[i] + Decay * expected[i]);
                expected[i] -= Lr * velocity[i];
                values[i].Grad = g[i];
            }
            sgd.Step();
            StepInRanges(flat, data, next, g);
            (data, next) = (next, data);

            for (int i = 0; i < Count; i++)
            {
                AssertSameBits(expected[i], values[i].Data, $"step {t}, parameter {i}, Value objects");
                AssertSameBits(expected[i], data[i], $"step {t}, parameter {i}, flat");
            }
        }
    }

    // The trainer's way: one BeginStep, then ranges (here of 5 and 6, so that both the vector and the padded path run),
    // reading one array and writing another.
    private static void StepInRanges(IOptimizer optimizer, double[] data, double[] next, double[] gradients)
    {
        var flat = (IFlatOptimizer)optimizer;
        flat.BeginStep();
        flat.Update(0, data.AsSpan(0, 5), next.AsSpan(0, 5), gradients.AsSpan(0, 5));
        flat.Update(5, data.AsSpan(5), next.AsSpan(5), gradients.AsSpan(5));
    }
}
