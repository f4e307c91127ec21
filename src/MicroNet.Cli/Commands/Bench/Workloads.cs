using MicroNet.Cli.Examples;
using MicroNet.Data;
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
/// One full-batch step of micrograd's demo, written as a user writes it with the public API: <c>Mlp(2, [16, 16, 1])</c>
/// (each neuron a <see cref="Value.Dot"/> plus a bias, ReLU hidden layers, linear output) on 100 two-moons points
/// (<see cref="SyntheticData.Moons"/>, noise 0.1), the inputs converted implicitly from <c>double</c> (leaves that require a
/// gradient, as micrograd's <c>Value</c>s do), micrograd's loss <c>mean((1 + -y * score).relu()) + 1e-4 * sum(p * p)</c> built
/// from operators, then zero the gradients, backward and an SGD update. Compiled, the loss is built once and captured with
/// <c>loss.Compile()</c>; eager, it is built again every step. <c>benchmarks/pytorch/moons_step.py</c> is its PyTorch twin.
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
            model => Loss(model, [.. moons.Features.Select(f => f.ToArray())], [.. moons.Targets.Select(t => 2 * t - 1)]))
    {
    }

    // micrograd's loss() as the demo writes it.
    private static Value Loss(Mlp model, double[][] points, double[] labels)
    {
        var losses = new Value[points.Length];
        for (int i = 0; i < points.Length; i++)
        {
            Value[] x = [points[i][0], points[i][1]];
            Value score = model.ForwardSingle(x);
            losses[i] = (1 + -labels[i] * score).Relu();
        }
        Value dataLoss = Value.Sum(losses) * (1.0 / losses.Length);
        Value regLoss = Alpha * Value.Sum(model.Parameters().Select(p => p * p));
        return dataLoss + regLoss;
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
