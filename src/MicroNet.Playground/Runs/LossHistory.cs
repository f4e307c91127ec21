namespace MicroNet.Playground.Runs;

/// <summary>One point of the loss curves: the epoch and its training and test losses.</summary>
internal readonly record struct LossPoint(int Epoch, double TrainLoss, double? TestLoss);

/// <summary>
/// The loss curves of a run, appended by the training loop and read by every page that watches it: each connection
/// sends the points it has not sent yet. Locked, since the loop appends while connections read.
/// </summary>
internal sealed class LossHistory
{
    private readonly List<LossPoint> _points = [];
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _points.Count;
            }
        }
    }

    public void Add(LossPoint point)
    {
        lock (_lock)
        {
            _points.Add(point);
        }
    }

    /// <summary>The points from index <paramref name="start"/> up to (not including) <paramref name="end"/>.</summary>
    public LossPoint[] Slice(int start, int end)
    {
        lock (_lock)
        {
            start = Math.Clamp(start, 0, _points.Count);
            end = Math.Clamp(end, start, _points.Count);
            return [.. _points.GetRange(start, end - start)];
        }
    }
}
