using MicroNet.Playground.Runs;

namespace MicroNet.Cli.Commands.Bench;

/// <summary>
/// One frame of <c>micronet playground</c> on the server, for the page's benchmark (<c>data=moons&amp;n=200&amp;layers=8,8&amp;features=x,y</c>):
/// an epoch of training a 2-8-8-1 network on the 100 training points, then every neuron and the output over the 50 x 50
/// boundary grid, as a playing session makes each frame it sends. Its inverse is how many frames a second the server can
/// make for one tab; the page draws at most 30.
/// </summary>
internal sealed class PlaygroundFrame
{
    public const string Query = "data=moons&n=200&layers=8,8&features=x,y";

    private readonly PlaygroundRun _run = PlaygroundRun.Start(PlaygroundState.Parse(Query), 1);
    private long _version;

    /// <summary>Trains an epoch and makes its frame; returns the training loss.</summary>
    public double Step()
    {
        if (!_run.TrainEpoch())
        {
            throw new InvalidOperationException($"The playground's benchmark run stopped training: {_run.Message}");
        }
        _run.Capture(_version++, playing: true);
        return _run.Latest.TrainLoss;
    }
}
