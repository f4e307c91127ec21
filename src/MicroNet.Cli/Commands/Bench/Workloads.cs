using MicroNet.Cli.Examples;
using MicroNet.Data;
using MicroNet.Loss;
using MicroNet.Nn;

// Shared by 'micronet bench' and the BenchmarkDotNet project (linked there as source), so both time the same work.
namespace MicroNet.Cli.Commands.Bench;

/// <summary>
/// One training step of the notebook's job: a tanh <c>Mlp(3, [4, 4, 1])</c> on its four samples, the sum of squared
/// errors, zero the gradients, backward, and a gradient-descent update.
/// </summary>
internal sealed class NotebookStep(Engine engine, int seed = NotebookExample.DefaultSeed)
      : FullBatchStep(engine, NotebookExample.CreateModel(seed), NotebookExample.DefaultLearningRate, model => NotebookExample.Loss(model, out _));

/// <summary>
/// One full-batch step of micrograd's demo: <c>Mlp(2, [16, 16, 1])</c> with ReLU hidden layers and a linear output
/// on 100 two-moons points (<see cref="SyntheticData.Moons"/>, noise 0.1), mean hinge loss plus a 1e-4 L2 penalty,
/// backward and a gradient-descent update.
/// </summary>
internal sealed class MoonsStep : FullBatchStep
{
    public const int SampleCount = 100;
    public const double Noise = 0.1;
    public const double Alpha = 1e-4;
    public const double LearningRate = 0.05;

    public MoonsStep(Engine engine, int seed = 1337)
        : this(engine, seed, SyntheticData.Moons(SampleCount, Noise, seed))
    {
    }

    private MoonsStep(Engine engine, int seed, Dataset moons)
        : base(engine, new Mlp(2, [16, 16, 1], new Random(seed), Activation.Relu, Activation.Linear), LearningRate,
            model => Loss(model, moons.Features, [.. moons.Targets.Select(t => 2 * t - 1)]))
    {
    }

    private static Value Loss(Mlp model, IReadOnlyList<IReadOnlyList<double>> points, double[] labels)
    {
        var scores = new Value[points.Count];
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = model.ForwardSingle(points[i]);
        }
        return Losses.Hinge(scores, labels) + Losses.L2(model.Parameters(), Alpha);
    }
}

/// <summary>A chain of additions, <c>x = x + one</c> repeated, to time backward over a very deep graph.</summary>
internal sealed class Chain
{
    public const int DefaultLength = 1_000_000;

    public Chain(int length = DefaultLength)
    {
        Length = length;
        Start = new Value(0.5);
        One = new Value(1);
        Value x = Start;
        for (int i = 0; i < length; i++)
        {
            x += One;
        }
        Output = x;
    }

    /// <summary>How many interior (addition) nodes the chain has.</summary>
    public int Length { get; }

    public Value Start { get; }

    public Value One { get; }

    public Value Output { get; }
}
