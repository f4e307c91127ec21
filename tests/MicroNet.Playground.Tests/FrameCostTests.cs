using System.Diagnostics;
using MicroNet.Playground.Runs;

namespace MicroNet.Playground.Tests;

/// <summary>
/// What one frame costs on the server for the benchmark (a 2-8-8-1 network, 200 points, a 50 x 50 grid): an
/// epoch of training plus every neuron over the grid. The browser test measures the frames the page draws; this one
/// checks that the server alone leaves room for 25 a second, even in a Debug build (about 22 ms here, 10 ms in Release).
/// Alone in its collection, so that other tests' processes do not share its cores.
/// </summary>
[Collection(nameof(FrameCostTests))]
[CollectionDefinition(nameof(FrameCostTests), DisableParallelization = true)]
public static class FrameCostTests
{
    [Fact]
    public static void Frame_TwoEightEightOne_TakesUnderFortyMilliseconds()
    {
        PlaygroundRun run = PlaygroundRun.Start(PlaygroundState.Parse("data=moons&n=200&layers=8,8&features=x,y"), 1);
        for (int i = 0; i < 5; i++)
        {
            run.TrainEpoch();
            run.Capture(i, playing: true);
        }

        // Processor time of this process, not wall time: 'dotnet test' runs the other test assemblies at the same time,
        // and their processes share the cores; this collection runs alone within its own assembly.
        const int frames = 20;
        TimeSpan training = TimeSpan.Zero, grid = TimeSpan.Zero;
        using var process = Process.GetCurrentProcess();
        for (int i = 0; i < frames; i++)
        {
            process.Refresh();
            TimeSpan start = process.TotalProcessorTime;
            run.TrainEpoch();
            process.Refresh();
            TimeSpan trained = process.TotalProcessorTime;
            run.Capture(i, playing: true);
            process.Refresh();
            training += trained - start;
            grid += process.TotalProcessorTime - trained;
        }
        double milliseconds = (training + grid).TotalMilliseconds / frames;

        TestContext.Current.SendDiagnosticMessage(
            $"One frame of a 2-8-8-1 network on 200 points: {milliseconds:F2} ms ({training.TotalMilliseconds / frames:F2} ms the epoch, {grid.TotalMilliseconds / frames:F2} ms the 50x50 grid).");
        Assert.True(milliseconds < 40, $"A frame took {milliseconds:F1} ms; 25 frames a second need under 40 ms.");
    }
}
