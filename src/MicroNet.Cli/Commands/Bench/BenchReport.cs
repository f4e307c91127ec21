using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using MicroNet.Cli.Examples;
using Spectre.Console;

namespace MicroNet.Cli.Commands.Bench;

/// <summary>
/// What <c>micronet bench</c> prints: the machine, then a table of medians with their spread, or with <c>--json</c> one JSON
/// object per line (<c>machine</c>, then one per <c>row</c> with every sample in seconds) for <c>benchmarks/run.py</c>.
/// </summary>
internal sealed class BenchReport(TextWriter output, bool json)
{
    private readonly List<(string Workload, Engine Engine, Timing Timing, string? Note)> _rows = [];

    /// <summary>The processor, cores, runtime, build and method.</summary>
    public void WriteMachine(BenchSettings settings)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        bool release = IsOptimized(typeof(Value).Assembly) && IsOptimized(typeof(BenchReport).Assembly);
        string runtime = $"{RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription}";
        string method = string.Create(c,
            $"steps: {settings.Samples} timed samples per row after {settings.WarmUp.TotalMilliseconds:F0} ms of warm-up, each a batch of about {settings.Batch.TotalMilliseconds:F0} ms of steps; fashion-mnist: {settings.FashionEpochs} timed epochs after one of warm-up");
        if (json)
        {
            WriteJson(new { kind = "machine", processor = ProcessorName(), cores = Environment.ProcessorCount, runtime, build = release ? "Release" : "Debug", method });
            return;
        }
        output.WriteLine($"processor  {ProcessorName()}");
        output.WriteLine(string.Create(c, $"cores      {Environment.ProcessorCount}"));
        output.WriteLine($"runtime    {runtime}");
        output.WriteLine($"build      {(release ? "Release" : "Debug")}");
        if (!release)
        {
            output.WriteLine("warning: this is a Debug build; times are not representative. Run: dotnet run -c Release --project src/MicroNet.Cli -- bench");
        }
        output.WriteLine($"method     {method}");
        output.WriteLine();
    }

    /// <summary>Adds a row; with <c>--json</c> it is printed at once, so that a long run shows progress.</summary>
    public void Add(string workload, Engine engine, Timing timing, string? note = null)
    {
        _rows.Add((workload, engine, timing, note));
        if (json)
        {
            WriteJson(new
            {
                kind = "row",
                workload,
                engine = EngineName(engine),
                median = timing.Median,
                min = timing.Min,
                max = timing.Max,
                stepsPerSample = timing.StepsPerSample,
                samples = timing.SampleSeconds,
                note,
            });
        }
    }

    /// <summary>The table (without <c>--json</c>), the bytes per node of the chain and the notes.</summary>
    public void Finish(ChainReport? chain, string? note)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        if (json)
        {
            if (chain is not null)
            {
                WriteJson(new
                {
                    kind = "bytes",
                    build = chain.BuildBytesPerNode,
                    eagerBackward = chain.EagerBackwardBytesPerNode,
                    capture = chain.CaptureBytesPerNode,
                    compiledBackward = chain.CompiledBackwardBytesPerNode,
                });
            }
            return;
        }
        WriteTable();
        foreach ((string workload, _, _, string? rowNote) in _rows.Where(r => r.Note is not null))
        {
            output.WriteLine($"{workload}: {rowNote}");
        }
        if (note is not null)
        {
            output.WriteLine();
            output.WriteLine(note);
        }
        if (chain is not null)
        {
            output.WriteLine();
            output.WriteLine("chain, bytes allocated per node:");
            output.WriteLine(string.Create(c, $"  build the graph     {chain.BuildBytesPerNode,8:F1}"));
            output.WriteLine(string.Create(c, $"  eager backward      {chain.EagerBackwardBytesPerNode,8:F1}  (after the first call, which sizes the reused walk buffers)"));
            output.WriteLine(string.Create(c, $"  capture (compile)   {chain.CaptureBytesPerNode,8:F1}"));
            output.WriteLine(string.Create(c, $"  compiled backward   {chain.CompiledBackwardBytesPerNode,8:F1}"));
        }
    }

    /// <summary>Seconds with a unit: <c>2.50 s</c>, <c>12.346 ms</c>, <c>1.500 µs</c>; invariant culture.</summary>
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

    private void WriteTable()
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
        foreach ((string workload, Engine engine, Timing t, _) in _rows)
        {
            table.AddRow(
                workload,
                EngineName(engine),
                FormatSeconds(t.Median),
                FormatSeconds(t.Min),
                FormatSeconds(t.Max),
                t.Samples.ToString(CultureInfo.InvariantCulture),
                t.StepsPerSample.ToString(CultureInfo.InvariantCulture));
        }
        console.Write(table);
    }

    // System.Text.Json writes numbers in invariant culture, shortest round-trip form.
    private void WriteJson(object value) => output.WriteLine(JsonSerializer.Serialize(value));

    private static string EngineName(Engine engine) => engine == Engine.Eager ? "eager" : "compiled";

    private static bool IsOptimized(Assembly assembly) =>
        assembly.GetCustomAttribute<DebuggableAttribute>() is not { IsJITOptimizerDisabled: true };
}
