using System.CommandLine;
using System.Globalization;
using MicroNet.Cli.Examples;
using MicroNet.Pipeline;

namespace MicroNet.Cli.Commands.Bench;

/// <summary>
/// <c>micronet bench</c>: times the workloads users run (the notebook step, micrograd's moons step written as a user writes
/// it, backward over a deep chain, a Fashion-MNIST epoch as <c>micronet train</c> runs it) on the eager and the compiled
/// engine, and prints medians with the machine they ran on; <c>--json</c> for <c>benchmarks/run.py</c>, which runs them
/// side by side with their PyTorch twins.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        Option<bool> quick = CliOptions.Flag("--quick", "A short run (a few seconds per workload) with fewer, shorter samples; noisier.");
        Option<int> chainLength = CliOptions.Integer("--chain-length", "How many nodes the backward chain has, at most 10,000,000 (measured peak: 4.2 GB of memory).", Chain.DefaultLength, minimum: 1, maximum: 10_000_000);
        Option<BenchWorkload?> only = CliOptions.Choice("--only", "Run one workload instead of all of them.", BenchWorkloadExtensions.Names);
        Option<int> epochs = CliOptions.Integer("--fashion-epochs", "How many Fashion-MNIST epochs to time after the warm-up epoch (default 3, 1 with --quick).", 0, minimum: 0, maximum: 100);
        Option<bool> json = CliOptions.Flag("--json", "Print one JSON object per row, with every sample, instead of the table.");
        return CliOptions.Command(
            "bench",
            "Time the notebook's training step, micrograd's moons step as a user writes it (eager and compiled), backward over a deep chain, "
            + "a frame of the playground and a Fashion-MNIST epoch (when Debian's dataset-fashion-mnist is installed). Prints the build it times and warns on a Debug one; "
            + "docs/benchmarks.md says how to run PyTorch's twins of these workloads side by side.",
            [quick, chainLength, only, epochs, json],
            parseResult =>
            {
                BenchSettings settings = parseResult.GetValue(quick) ? BenchSettings.Quick : BenchSettings.Full;
                if (parseResult.GetValue(epochs) is int count and > 0)
                {
                    settings = settings with { FashionEpochs = count };
                }
                return Run(settings, parseResult.GetValue(chainLength), parseResult.GetValue(only), parseResult.GetValue(json), parseResult.InvocationConfiguration.Output);
            });
    }

    private static int Run(BenchSettings settings, int chainLength, BenchWorkload? only, bool json, TextWriter output)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var report = new BenchReport(output, json);
        report.WriteMachine(settings);
        bool Runs(BenchWorkload workload) => only is null || only == workload;

        if (Runs(BenchWorkload.Notebook))
        {
            foreach (Engine engine in new[] { Engine.Eager, Engine.Compiled })
            {
                var notebook = new NotebookStep(engine);
                report.Add("notebook step", engine, BenchTiming.Measure(() => notebook.Step(), settings));
            }
        }
        if (Runs(BenchWorkload.Moons))
        {
            foreach (Engine engine in new[] { Engine.Eager, Engine.Compiled })
            {
                var moons = new MoonsStep(engine);
                report.Add("moons step", engine, BenchTiming.Measure(() => moons.Step(), settings));
            }
        }
        if (Runs(BenchWorkload.Playground))
        {
            var frame = new PlaygroundFrame();
            report.Add("playground frame (2-8-8-1, 200 points)", Engine.Compiled, BenchTiming.Measure(frame.Step, settings),
                "an epoch of training plus the 50 x 50 boundary grid and every neuron's heatmap, as a playing tab gets each frame");
        }
        ChainReport? chain = null;
        if (Runs(BenchWorkload.Chain))
        {
            chain = BenchTiming.MeasureChain(chainLength, settings);
            report.Add(string.Create(c, $"chain backward ({chainLength:N0})"), Engine.Eager, chain.Eager);
            report.Add(string.Create(c, $"chain backward ({chainLength:N0})"), Engine.Compiled, chain.Compiled);
        }
        string? fashionNote = null;
        if (Runs(BenchWorkload.Fashion))
        {
            DataSource? fashion = FashionEpochBench.Load(null, out string? missing);
            fashionNote = missing is null ? null : $"fashion-mnist rows skipped: {missing}";
            foreach (int workers in fashion is null ? [] : new[] { Environment.ProcessorCount, 1 })
            {
                (double[] seconds, double accuracy) = FashionEpochBench.Measure(fashion!, settings.FashionEpochs, workers);
                report.Add(string.Create(c, $"fashion-mnist epoch, {workers} worker{(workers == 1 ? "" : "s")}"), Engine.Compiled, Timing.Of(seconds, 1),
                    string.Create(c, $"training accuracy of the last epoch {accuracy:P1}"));
            }
            if (fashion is not null)
            {
                fashionNote = string.Create(c,
                    $"fashion-mnist: Mlp(784, [100 relu, 10]), cross-entropy, Adam 1e-3, batch 32, float64, as micronet train runs it; each sample one epoch of 60,000 images after a warm-up epoch; peak working set of this process {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB.");
            }
        }
        report.Finish(chain, fashionNote);
        return ExitCodes.Success;
    }
}
