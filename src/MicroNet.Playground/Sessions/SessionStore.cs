using System.Collections.Concurrent;
using MicroNet.Playground.Http;
using MicroNet.Playground.Runs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MicroNet.Playground.Sessions;

/// <summary>
/// The open sessions, one per browser tab: at most <see cref="PlaygroundOptions.MaxSessions"/>, each closed once it has
/// been idle (no tab watching, no request) for <see cref="PlaygroundOptions.IdleTimeout"/>. A sweep runs at a quarter
/// of that interval (at most every 30 seconds).
/// </summary>
internal sealed partial class SessionStore : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _createLock = new();
    private readonly PlaygroundOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sweeper;

    public SessionStore(PlaygroundOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _sweeper = SweepAsync(_stop.Token);
    }

    public int Count => _sessions.Count;

    /// <summary>Starts a session with a run of <paramref name="state"/>.</summary>
    /// <exception cref="RequestException">Every session is taken (503), or the state makes no run (400).</exception>
    public Session Create(PlaygroundState state)
    {
        PlaygroundRun run = PlaygroundRun.Start(state, runId: 1);
        lock (_createLock)
        {
            if (_sessions.Count >= _options.MaxSessions)
            {
                throw new RequestException(
                    $"The playground already has {_options.MaxSessions} sessions open, its limit; close another tab, or wait until an idle one is closed (after {Describe(_options.IdleTimeout)}).",
                    StatusCodes.Status503ServiceUnavailable);
            }
            var session = new Session(Guid.NewGuid().ToString("N"), run, _logger);
            _sessions[session.Id] = session;
            return session;
        }
    }

    /// <summary>The session called <paramref name="id"/>, marked as used.</summary>
    /// <exception cref="RequestException">There is none (404).</exception>
    public Session Get(string? id)
    {
        if (id is null || !_sessions.TryGetValue(id, out Session? session))
        {
            throw new RequestException(
                $"There is no session '{UserText.Quote(id ?? "")}'; it may have been closed after being idle. Reload the page to start a new one.",
                StatusCodes.Status404NotFound);
        }
        session.Touch();
        return session;
    }

    /// <summary>Closes the session called <paramref name="id"/>, if there is one.</summary>
    public async Task CloseAsync(string id)
    {
        if (_sessions.TryRemove(id, out Session? session))
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes every session that has been idle for the timeout.</summary>
    public async Task SweepOnceAsync()
    {
        foreach (Session session in _sessions.Values.Where(s => s.IsIdle(_options.IdleTimeout)).ToArray())
        {
            LogIdleClosed(_logger, session.Id);
            await CloseAsync(session.Id).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _sweeper.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The sweeper ends by cancellation.
        }
        foreach (string id in _sessions.Keys.ToArray())
        {
            await CloseAsync(id).ConfigureAwait(false);
        }
        _stop.Dispose();
    }

    private async Task SweepAsync(CancellationToken token)
    {
        TimeSpan interval = TimeSpan.FromTicks(Math.Clamp(_options.IdleTimeout.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(30).Ticks));
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
        {
            await SweepOnceAsync().ConfigureAwait(false);
        }
    }

    private static string Describe(TimeSpan timeout) => timeout.TotalMinutes >= 1
        ? FormattableString.Invariant($"{timeout.TotalMinutes:0.#} minutes")
        : FormattableString.Invariant($"{timeout.TotalSeconds:0.#} seconds");

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed idle session {Id}.")]
    private static partial void LogIdleClosed(ILogger logger, string id);
}
