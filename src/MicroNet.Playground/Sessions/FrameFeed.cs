using MicroNet.Playground.Runs;

namespace MicroNet.Playground.Sessions;

/// <summary>
/// The latest frame of a session and a way to wait for the next: the training loop publishes, each connection awaits a
/// frame newer than the one it sent. A slow connection skips frames rather than queueing them; loss points are not lost,
/// since each frame carries the history the connection has not sent yet.
/// </summary>
internal sealed class FrameFeed
{
    private Frame? _latest;
    private TaskCompletionSource _next = NewSignal();

    /// <summary>The latest frame, or null before the first.</summary>
    public Frame? Latest => Volatile.Read(ref _latest);

    public void Publish(Frame frame)
    {
        Volatile.Write(ref _latest, frame);
        Interlocked.Exchange(ref _next, NewSignal()).TrySetResult();
    }

    /// <summary>Wakes every waiter without a frame, so that connections notice the session closing.</summary>
    public void Close() => _next.TrySetCanceled();

    /// <summary>The latest frame once its version is above <paramref name="version"/>.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled, or the feed closed.</exception>
    public async Task<Frame> NextAsync(long version, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Read the signal before the frame: a frame published in between completes this signal.
            Task signal = Volatile.Read(ref _next).Task;
            if (Latest is { } frame && frame.Version > version)
            {
                return frame;
            }
            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
