using System.Diagnostics;
using MicroNet.Compiled;

namespace MicroNet.Cli.Commands.Bench;

/// <summary>How <c>micronet bench</c> times a step: warm-up, batches of steps sized to a target time, one sample per batch.</summary>
internal static class BenchTiming
{
    /// <summary>Warms <paramref name="step"/> up, sizes a batch to the settings' batch time, then times that many batches.</summary>
    public static Timing Measure(Func<double> step, BenchSettings settings)
    {
        double sink = 0;
        var stopwatch = Stopwatch.StartNew();
        long warmUpSteps = 0;
        while (stopwatch.Elapsed < settings.WarmUp)
        {
            sink += step();
            warmUpSteps++;
        }
        double secondsPerStep = stopwatch.Elapsed.TotalSeconds / warmUpSteps;
        long batch = Math.Max(1, (long)(settings.Batch.TotalSeconds / secondsPerStep));
        var samples = new double[settings.Samples];
        GC.Collect();
        for (int s = 0; s < samples.Length; s++)
        {
            long begin = Stopwatch.GetTimestamp();
            for (long i = 0; i < batch; i++)
            {
                sink += step();
            }
            samples[s] = Stopwatch.GetElapsedTime(begin).TotalSeconds / batch;
        }
        GC.KeepAlive(sink);
        return Timing.Of(samples, batch);
    }

    /// <summary>Backward over a chain of <paramref name="length"/> additions, eager and compiled, and the bytes per node of each phase.</summary>
    public static ChainReport MeasureChain(int length, BenchSettings settings)
    {
        GC.Collect();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var chain = new Chain(length);
        double buildBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        int nodes = length + 2;

        // The first backward sizes the walk buffers that later calls reuse; it is the warm-up.
        chain.Output.Backward();
        before = GC.GetAllocatedBytesForCurrentThread();
        chain.Output.Backward();
        double eagerBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Timing eager = TimeEach(chain.Output.Backward, settings.ChainRuns);

        before = GC.GetAllocatedBytesForCurrentThread();
        CompiledGraph compiled = chain.Output.Compile();
        double captureBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        compiled.Backward();
        before = GC.GetAllocatedBytesForCurrentThread();
        compiled.Backward();
        double compiledBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Timing replay = TimeEach(compiled.Backward, settings.ChainRuns);
        GC.KeepAlive(chain);
        return new ChainReport(eager, replay, buildBytes / nodes, eagerBytes / nodes, captureBytes / nodes, compiledBytes / nodes);
    }

    private static Timing TimeEach(Action action, int runs)
    {
        var samples = new double[runs];
        for (int r = 0; r < runs; r++)
        {
            long begin = Stopwatch.GetTimestamp();
            action();
            samples[r] = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        }
        return Timing.Of(samples, 1);
    }
}

/// <summary>How long to warm up and time: <see cref="Full"/> or <see cref="Quick"/>.</summary>
internal sealed record BenchSettings(TimeSpan WarmUp, TimeSpan Batch, int Samples, int ChainRuns, int FashionEpochs)
{
    public static BenchSettings Full { get; } = new(TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(50), 41, 11, 3);

    public static BenchSettings Quick { get; } = new(TimeSpan.FromMilliseconds(750), TimeSpan.FromMilliseconds(10), 15, 5, 1);
}

/// <summary>The chain workload's times and the bytes each phase allocates per node.</summary>
internal sealed record ChainReport(
    Timing Eager, Timing Compiled, double BuildBytesPerNode, double EagerBackwardBytesPerNode,
    double CaptureBytesPerNode, double CompiledBackwardBytesPerNode);

/// <summary>Seconds per step: the median, min and max over the samples, and the samples themselves.</summary>
internal sealed record Timing(double Median, double Min, double Max, IReadOnlyList<double> SampleSeconds, long StepsPerSample)
{
    public int Samples => SampleSeconds.Count;

    public static Timing Of(IReadOnlyList<double> samples, long stepsPerSample)
    {
        double[] sorted = [.. samples.Order()];
        int n = sorted.Length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Timing(median, sorted[0], sorted[^1], samples, stepsPerSample);
    }
}
