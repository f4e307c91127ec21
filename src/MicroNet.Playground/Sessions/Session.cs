using System.Diagnostics;
using System.Threading.Channels;
using MicroNet.Playground.Runs;
using Microsoft.Extensions.Logging;

namespace MicroNet.Playground.Sessions;

/// <summary>
/// One browser tab's playground: its run, trained by a loop of its own, off the request threads. Requests do not touch
/// the run; they post commands that the loop carries out between epochs (<see cref="CallAsync{T}"/>), so the run needs
/// no locks. While playing, the loop trains an epoch, publishes a frame and waits, so as to stay within
/// <see cref="PlaygroundLimits.MaxFramesPerSecond"/> and <see cref="PlaygroundLimits.MaxStepsPerSecond"/>.
/// </summary>
internal sealed partial class Session : IAsyncDisposable
{
    private readonly Channel<Action> _commands = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _logger;
    private readonly Task _loop;
    private PlaygroundRun _run;
    private bool _playing;
    private long _version;
    private long _lastSeen = Environment.TickCount64;
    private int _listeners;

    public Session(string id, PlaygroundRun run, ILogger logger)
    {
        Id = id;
        _run = run;
        _logger = logger;
        Frames.Publish(run.Capture(++_version, playing: false));
        _loop = Task.Run(RunAsync);
    }

    public string Id { get; }

    /// <summary>The frames the loop publishes.</summary>
    public FrameFeed Frames { get; } = new();

    /// <summary>How many connections are watching the frames.</summary>
    public int Listeners => Volatile.Read(ref _listeners);

    /// <summary>Marks the session as used now.</summary>
    public void Touch() => Volatile.Write(ref _lastSeen, Environment.TickCount64);

    public void AddListener()
    {
        Interlocked.Increment(ref _listeners);
        Touch();
    }

    public void RemoveListener()
    {
        Interlocked.Decrement(ref _listeners);
        Touch();
    }

    /// <summary>Whether no one has watched or asked anything for <paramref name="timeout"/>.</summary>
    public bool IsIdle(TimeSpan timeout) =>
        Listeners == 0 && Environment.TickCount64 - Volatile.Read(ref _lastSeen) > (long)timeout.TotalMilliseconds;

    /// <summary>Runs <paramref name="action"/> on the loop, between epochs, and returns its result (or throws its exception).</summary>
    public Task<T> CallAsync<T>(Func<SessionControl, T> action)
    {
        Touch();
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Command()
        {
            try
            {
                result.TrySetResult(action(new SessionControl(this)));
            }
#pragma warning disable CA1031 // The caller gets every failure; the loop goes on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                result.TrySetException(e);
            }
        }
        if (!_commands.Writer.TryWrite(Command))
        {
            result.TrySetException(new ObjectDisposedException(nameof(Session), "The session has closed."));
        }
        return result.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _commands.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }
        Frames.Close();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        CancellationToken token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            if (!_playing)
            {
                if (!await _commands.Reader.WaitToReadAsync(token).ConfigureAwait(false))
                {
                    return;
                }
                while (_commands.Reader.TryRead(out Action? command))
                {
                    command();
                }
                continue;
            }
            while (_commands.Reader.TryRead(out Action? command))
            {
                command();
            }
            if (!_playing)
            {
                continue;
            }
            long start = Stopwatch.GetTimestamp();
            int stepsBefore = _run.Session.Steps;
            TrainAndPublish();
            double seconds = Math.Max(1.0 / PlaygroundLimits.MaxFramesPerSecond, (double)(_run.Session.Steps - stepsBefore) / PlaygroundLimits.MaxStepsPerSecond);
            TimeSpan wait = TimeSpan.FromSeconds(seconds) - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, token).ConfigureAwait(false);
            }
            else
            {
                await Task.Yield();
            }
        }
    }

    // One epoch and its frame; training stops (and the page says why) when the run cannot go on or fails.
    private void TrainAndPublish()
    {
        try
        {
            if (!_run.TrainEpoch())
            {
                _playing = false;
            }
            Publish();
        }
#pragma warning disable CA1031 // A failing epoch stops this session's training, not the server.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogTrainingFailed(_logger, Id, e);
            _playing = false;
            Publish();
        }
    }

    private void Publish() => Frames.Publish(_run.Capture(++_version, _playing));

    [LoggerMessage(Level = LogLevel.Error, Message = "Training in session {Id} failed; it is paused.")]
    private static partial void LogTrainingFailed(ILogger logger, string id, Exception exception);

    /// <summary>What a command may do with its session, on the loop.</summary>
    internal readonly struct SessionControl(Session session)
    {
        public PlaygroundRun Run => session._run;

        public bool Playing => session._playing;

        public Frame Frame => session.Frames.Latest!;

        public void Play()
        {
            session._playing = session._run.Session.CanContinue;
            session.Publish();
        }

        public void Pause()
        {
            session._playing = false;
            session.Publish();
        }

        /// <summary>One epoch, paused before and after.</summary>
        public void Step()
        {
            session._playing = false;
            session.TrainAndPublish();
        }

        /// <summary>The same state from epoch 0, paused.</summary>
        public void Reset() => Replace(PlaygroundRun.Start(session._run.State, session._run.RunId + 1), playing: false);

        /// <summary>A new state from epoch 0; playing goes on if it was on.</summary>
        public void Replace(PlaygroundState state) => Replace(PlaygroundRun.Start(state, session._run.RunId + 1), session._playing);

        private void Replace(PlaygroundRun run, bool playing)
        {
            session._run = run;
            session._playing = playing && run.Session.CanContinue;
            session.Publish();
        }
    }
}
