using BenchmarkDotNet.Attributes;
using MicroNet.Cli.Commands.Bench;
using MicroNet.Cli.Examples;

namespace MicroNet.Benchmarks;

/// <summary>One training step (forward, zero gradients, backward, update) of the notebook and of micrograd's moons demo.</summary>
public class StepBenchmarks
{
    private NotebookStep _notebook = null!;
    private MoonsStep _moons = null!;

    /// <summary>False: the eager engine; true: the compiled graph. (The shared <see cref="Engine"/> enum is internal.)</summary>
    [Params(false, true)]
    public bool Compiled { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Seeded: the same weights and moons points on every run.
        Engine engine = Compiled ? Engine.Compiled : Engine.Eager;
        _notebook = new NotebookStep(engine);
        _moons = new MoonsStep(engine);
    }

    [Benchmark]
    public double NotebookStep() => _notebook.Step();

    [Benchmark]
    public double MoonsStep() => _moons.Step();
}
