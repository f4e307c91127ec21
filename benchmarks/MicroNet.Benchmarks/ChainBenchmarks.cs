using BenchmarkDotNet.Attributes;
using MicroNet.Cli.Commands.Bench;
using MicroNet.Compiled;

namespace MicroNet.Benchmarks;

/// <summary>Backward over a chain of a million additions, eager and compiled, with the bytes each call allocates.</summary>
public class ChainBenchmarks
{
    private Chain _chain = null!;
    private CompiledGraph _compiled = null!;

    [GlobalSetup]
    public void Setup()
    {
        _chain = new Chain();
        _compiled = _chain.Output.Compile();
    }

    [Benchmark(Baseline = true)]
    public void EagerBackward() => _chain.Output.Backward();

    [Benchmark]
    public void CompiledBackward() => _compiled.Backward();
}
