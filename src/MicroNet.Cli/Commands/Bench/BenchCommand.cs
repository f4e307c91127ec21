using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using MicroNet.Cli.Examples;
using MicroNet.Compiled;
using MicroNet.Data;
using MicroNet.Training;
using Spectre.Console;

namespace MicroNet.Cli.Commands.Bench;

/// <summary>
/// <c>micronet bench</c>: times the engine's standard workloads (the notebook step, micrograd's moons step, backward
/// over a deep chain) on the eager and the compiled engine and prints medians with the machine they ran on.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        Option<bool> quick = CliOptions.Flag("--quick", "A short run (a few seconds) with fewer, shorter samples; noisier.");
        Option<int> chainLength = CliOptions.Integer("--chain-length", "How many nodes the backward chain has, at most 10,000,000 (about 1 GB).", Chain.DefaultLength, minimum: 1, maximum: 10_000_000);
        return CliOptions.Command(
            "bench",
            "Time a training step of the notebook and of micrograd's moons demo, eager and compiled, and backward over a deep chain. "
            + "Run a Release build: dotnet run -c Release --project src/MicroNet.Cli -- bench",
            [quick, chainLength],
            parseResult => Run(parseResult.GetValue(quick), parseResult.GetValue(chainLength), parseResult.InvocationConfiguration.Output));
    }

    private static int Run(bool quick, int chainLength, TextWriter output)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        Settings settings = quick ? Settings.Quick : Settings.Full;
        output.WriteLine(string.Create(c, $"processor  {ProcessorName()}"));
        output.WriteLine(string.Create(c, $"cores      {Environment.ProcessorCount}"));
        output.WriteLine(string.Create(c, $"runtime    {RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription}"));
        bool release = IsOptimized(typeof(Value).Assembly) && IsOptimized(typeof(BenchCommand).Assembly);
        output.WriteLine($"build      {(release ? "Release" : "Debug")}");
        if (!release)
        {
            output.WriteLine("warning: this is a Debug build; times are not representative. Run: dotnet run -c Release --project src/MicroNet.Cli -- bench");
        }
        output.WriteLine(string.Create(c,
            $"method     {settings.Samples} timed samples per row after {settings.WarmUp.TotalMilliseconds:F0} ms of warm-up; each sample times a batch of about {settings.Batch.TotalMilliseconds:F0} ms of steps"));
        output.WriteLine();

        var rows = new List<Row>();
        foreach (Engine engine in new[] { Engine.Eager, Engine.Compiled })
        {
            var notebook = new NotebookStep(engine);
            rows.Add(new Row("notebook step", engine, Measure(() => notebook.Step(), settings)));
        }
        foreach (Engine engine in new[] { Engine.Eager, Engine.Compiled })
        {
            var moons = new MoonsStep(engine);
            rows.Add(new Row("moons step", engine, Measure(() => moons.Step(), settings)));
        }
        ChainReport chain = MeasureChain(chainLength, settings);
        rows.Add(new Row(string.Create(c, $"chain backward ({chainLength:N0})"), Engine.Eager, chain.Eager));
        rows.Add(new Row(string.Create(c, $"chain backward ({chainLength:N0})"), Engine.Compiled, chain.Compiled));

        Dataset? fashion = FashionEpochBench.Load(null, out string? missing);
        if (fashion is not null)
        {
            // Each sample is one epoch over a slice of the training images, scaled to 60,000; eager gets a thinner slice.
            int rowCount = quick ? 1600 : 6400, eagerRows = quick ? 64 : 320, samples = quick ? 3 : 5;
            foreach (int workers in new[] { 0, 1 })
            {
                int count = workers == 0 ? Environment.ProcessorCount : 1;
                rows.Add(new Row(string.Create(c, $"fashion-mnist epoch, {count} worker{(count == 1 ? "" : "s")} (from {rowCount:N0} rows)"), Engine.Compiled,
                    Timing.Of(FashionEpochBench.Measure(fashion, rowCount, samples, EngineKind.Compiled, workers), 1)));
            }
            rows.Add(new Row(string.Create(c, $"fashion-mnist epoch (from {eagerRows:N0} rows)"), Engine.Eager,
                Timing.Of(FashionEpochBench.Measure(fashion, eagerRows, 3, EngineKind.Eager, 1), 1)));
        }

        WriteTable(rows, output);
        output.WriteLine();
        if (fashion is null)
        {
            output.WriteLine($"fashion-mnist rows skipped: {missing}");
        }
        else
        {
            output.WriteLine(string.Create(c,
                $"fashion-mnist: Mlp(784, [100 relu, 10]), cross-entropy, Adam 1e-3, batch 32, float64; time per epoch of 60,000 images, extrapolated from the rows shown; peak working set of this process (60,000 images loaded) {Environment.WorkingSet / 1e6:F0} MB now, {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB at most."));
        }
        output.WriteLine();
        output.WriteLine(string.Create(c, $"chain of {chainLength:N0} nodes, bytes allocated per node:"));
        output.WriteLine(string.Create(c, $"  build the graph     {chain.BuildBytesPerNode,8:F1}"));
        output.WriteLine(string.Create(c, $"  eager backward      {chain.EagerBackwardBytesPerNode,8:F1}  (after the first call, which sizes the reused walk buffers)"));
        output.WriteLine(string.Create(c, $"  capture (compile)   {chain.CaptureBytesPerNode,8:F1}"));
        output.WriteLine(string.Create(c, $"  compiled backward   {chain.CompiledBackwardBytesPerNode,8:F1}"));
        return ExitCodes.Success;
    }

    /// <summary>Warms <paramref name="step"/> up, sizes a batch to the settings' batch time, then times that many batches.</summary>
    private static Timing Measure(Func<double> step, Settings settings)
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

    private static ChainReport MeasureChain(int length, Settings settings)
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

    private static void WriteTable(List<Row> rows, TextWriter output)
    {
        IAnsiConsole console = Terminal.Create(output, out bool isTerminal);
        if (!isTerminal)
        {
            // Spectre assumes 80 columns off a terminal and would wrap the workload names.
            console.Profile.Width = 120;
        }
        var table = new Table()
            .Border(isTerminal ? TableBorder.Rounded : TableBorder.None)
            .AddColumn("workload")
            .AddColumn("engine")
            .AddColumn(new TableColumn("median").RightAligned())
            .AddColumn(new TableColumn("min").RightAligned())
            .AddColumn(new TableColumn("max").RightAligned())
            .AddColumn(new TableColumn("samples").RightAligned())
            .AddColumn(new TableColumn("steps/sample").RightAligned());
        foreach (Row row in rows)
        {
            Timing t = row.Timing;
            table.AddRow(
                row.Workload,
                row.Engine == Engine.Eager ? "eager" : "compiled",
                FormatSeconds(t.Median),
                FormatSeconds(t.Min),
                FormatSeconds(t.Max),
                t.Samples.ToString(CultureInfo.InvariantCulture),
                t.StepsPerSample.ToString(CultureInfo.InvariantCulture));
        }
        console.Write(table);
    }

    internal static string FormatSeconds(double seconds)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        return seconds switch
        {
            >= 1 => string.Create(c, $"{seconds:F2} s"),
            >= 1e-3 => string.Create(c, $"{seconds * 1e3:F3} ms"),
            _ => string.Create(c, $"{seconds * 1e6:F3} µs"),
        };
    }

    /// <summary>The processor's model name from /proc/cpuinfo on Linux, else the architecture the runtime reports.</summary>
    internal static string ProcessorName()
    {
        try
        {
            if (OperatingSystem.IsLinux() && File.Exists("/proc/cpuinfo"))
            {
                foreach (string line in File.ReadLines("/proc/cpuinfo"))
                {
                    if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is int colon and > 0)
                    {
                        return line[(colon + 1)..].Trim();
                    }
                }
            }
        }
        catch (IOException)
        {
            // Fall back to what the runtime knows.
        }
        catch (UnauthorizedAccessException)
        {
            // Fall back to what the runtime knows.
        }
        return $"{RuntimeInformation.ProcessArchitecture} processor";
    }

    private static bool IsOptimized(Assembly assembly) =>
        assembly.GetCustomAttribute<DebuggableAttribute>() is not { IsJITOptimizerDisabled: true };

    private sealed record Settings(TimeSpan WarmUp, TimeSpan Batch, int Samples, int ChainRuns)
    {
        public static Settings Full { get; } = new(TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(50), 41, 11);

        public static Settings Quick { get; } = new(TimeSpan.FromMilliseconds(750), TimeSpan.FromMilliseconds(10), 15, 5);
    }

    private sealed record Row(string Workload, Engine Engine, Timing Timing);

    private sealed record ChainReport(
        Timing Eager, Timing Compiled, double BuildBytesPerNode, double EagerBackwardBytesPerNode,
        double CaptureBytesPerNode, double CompiledBackwardBytesPerNode);

    /// <summary>Seconds per step: the median, min and max over the samples.</summary>
    private sealed record Timing(double Median, double Min, double Max, int Samples, long StepsPerSample)
    {
        public static Timing Of(double[] samples, long stepsPerSample)
        {
            double[] sorted = [.. samples.Order()];
            int n = sorted.Length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new Timing(median, sorted[0], sorted[^1], n, stepsPerSample);
        }
    }
}
