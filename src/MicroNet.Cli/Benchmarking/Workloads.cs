using MicroNet.Nn;
using MicroNet.Training;

// Shared by 'micronet bench' and the BenchmarkDotNet project (linked there as source), so both time the same work.
namespace MicroNet.Benchmarking;

/// <summary>Which engine runs a workload's training step.</summary>
internal enum Engine
{
    /// <summary>Build a fresh <see cref="Value"/> graph every step and call <see cref="Value.Backward"/>.</summary>
    Eager,

    /// <summary>Capture the graph once, then replay it with <see cref="CompiledGraph.Forward"/> and <see cref="CompiledGraph.Backward"/>.</summary>
    Compiled,
}

/// <summary>
/// One training step of the notebook's job: a tanh <c>Mlp(3, [4, 4, 1])</c> on its four samples, the sum of squared
/// errors, zero the gradients, backward, and a gradient-descent update.
/// </summary>
internal sealed class NotebookStep
{
    private readonly Mlp _model;
    private readonly Sgd _optimizer;
    private readonly CompiledGraph? _compiled;

    public NotebookStep(Engine engine, int seed = NotebookExample.DefaultSeed)
    {
        Engine = engine;
        _model = NotebookExample.CreateModel(seed);
        _optimizer = new Sgd(_model.Parameters(), NotebookExample.DefaultLearningRate);
        if (engine == Engine.Compiled)
        {
            _compiled = NotebookExample.Loss(_model, out _).Compile();
        }
    }

    public Engine Engine { get; }

    /// <summary>Takes one step; returns the loss before the update.</summary>
    public double Step()
    {
        if (_compiled is null)
        {
            Value loss = NotebookExample.Loss(_model, out _);
            _optimizer.ZeroGrad();
            loss.Backward();
            _optimizer.Step();
            return loss.Data;
        }
        _compiled.Forward();
        _optimizer.ZeroGrad();
        _compiled.Backward();
        _optimizer.Step();
        return _compiled.Output;
    }
}

/// <summary>
/// One full-batch step of micrograd's demo: <c>Mlp(2, [16, 16, 1])</c> with ReLU hidden layers and a linear output
/// on 100 two-moons points, mean hinge loss plus a 1e-4 L2 penalty, backward and a gradient-descent update.
/// </summary>
internal sealed class MoonsStep
{
    public const int SampleCount = 100;
    public const double Alpha = 1e-4;
    public const double LearningRate = 0.05;

    private readonly Mlp _model;
    private readonly Sgd _optimizer;
    private readonly double[][] _points;
    private readonly double[] _labels;
    private readonly CompiledGraph? _compiled;

    public MoonsStep(Engine engine, int seed = 1337)
    {
        Engine = engine;
        (_points, _labels) = TwoMoons(SampleCount, noise: 0.1, seed);
        _model = new Mlp(2, [16, 16, 1], new Random(seed), Activation.Relu, Activation.Linear);
        _optimizer = new Sgd(_model.Parameters(), LearningRate);
        if (engine == Engine.Compiled)
        {
            _compiled = Loss().Compile();
        }
    }

    public Engine Engine { get; }

    /// <summary>Takes one step; returns the loss before the update.</summary>
    public double Step()
    {
        if (_compiled is null)
        {
            Value loss = Loss();
            _optimizer.ZeroGrad();
            loss.Backward();
            _optimizer.Step();
            return loss.Data;
        }
        _compiled.Forward();
        _optimizer.ZeroGrad();
        _compiled.Backward();
        _optimizer.Step();
        return _compiled.Output;
    }

    /// <summary>
    /// Two interleaved half circles, like scikit-learn's <c>make_moons</c>: t uniform in [0, pi], the outer moon
    /// <c>(cos t, sin t)</c> labelled +1, the inner <c>(1 - cos t, 1 - sin t - 0.5)</c> labelled -1, each coordinate
    /// plus Gaussian noise of standard deviation <paramref name="noise"/>.
    /// </summary>
    public static (double[][] Points, double[] Labels) TwoMoons(int count, double noise, int seed)
    {
        var random = new Random(seed);
        var points = new double[count][];
        var labels = new double[count];
        for (int i = 0; i < count; i++)
        {
            double t = Math.PI * random.NextDouble();
            bool outer = i % 2 == 0;
            double x = outer ? Math.Cos(t) : 1 - Math.Cos(t);
            double y = outer ? Math.Sin(t) : 1 - Math.Sin(t) - 0.5;
            points[i] = [x + noise * Gaussian(random), y + noise * Gaussian(random)];
            labels[i] = outer ? 1 : -1;
        }
        return (points, labels);
    }

    private Value Loss()
    {
        var scores = new Value[_points.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = _model.ForwardSingle(_points[i]);
        }
        return Losses.Hinge(scores, _labels) + Losses.L2(_model.Parameters(), Alpha);
    }

    // Box-Muller: one standard normal number from two uniform ones.
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
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
