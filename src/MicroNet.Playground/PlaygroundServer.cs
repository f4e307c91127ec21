using System.Diagnostics;
using System.Globalization;
using System.Net;
using MicroNet.Playground.Http;
using MicroNet.Playground.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace MicroNet.Playground;

/// <summary>
/// The playground's web server: Kestrel on <see cref="PlaygroundOptions.Host"/> (127.0.0.1 unless told otherwise),
/// serving the page from this assembly and training one session per browser tab with MicroNet.
/// </summary>
/// <example>
/// <code>
/// await using PlaygroundServer server = await PlaygroundServer.StartAsync(new PlaygroundOptions { Port = 0 });
/// Console.WriteLine($"Open {server.Address}");
/// await server.WaitForShutdownAsync(cancellationToken);
/// </code>
/// </example>
public sealed class PlaygroundServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private bool _stopped;

    private PlaygroundServer(WebApplication app, SessionStore sessions, CancellationTokenSource stopping, Uri address)
    {
        _app = app;
        Sessions = sessions;
        _stopping = stopping;
        Address = address;
    }

    /// <summary>Where the page is, such as <c>http://127.0.0.1:5151/</c>.</summary>
    public Uri Address { get; }

    internal SessionStore Sessions { get; }

    /// <summary>Starts listening; returns once the address is bound.</summary>
    /// <exception cref="PlaygroundException">
    /// The host is not an IP address or <c>localhost</c>, the port is out of range, or the address is in use (then
    /// <see cref="PlaygroundException.AddressInUse"/> is true: perhaps another playground is there).
    /// </exception>
    public static async Task<PlaygroundServer> StartAsync(PlaygroundOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PlaygroundOptions();
        IPAddress[] addresses = Check(options);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(PlaygroundServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        // Warnings and errors only, on standard error: standard output is the command's (its address).
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A failure to start (a port in use) becomes a PlaygroundException with one sentence, not the host's stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = PlaygroundLimits.MaxRequestBytes;
            foreach (IPAddress address in addresses)
            {
                kestrel.Listen(address, options.Port);
            }
        });
        WebApplication app = builder.Build();
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MicroNet.Playground");
        var sessions = new SessionStore(options, logger);
        var stopping = CancellationTokenSource.CreateLinkedTokenSource(app.Lifetime.ApplicationStopping);
        var guard = new SiteGuard(addresses.All(IPAddress.IsLoopback));
        app.Use((context, next) => guard.InvokeAsync(context, next));
        app.Use((context, next) => ErrorHandling.InvokeAsync(context, next, logger));
        new Endpoints(sessions, new StaticAssets(), options, HasGraphviz(options.DotExecutable), stopping.Token).Map(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e) when (e.InnerException is AddressInUseException)
        {
            await DisposeAllAsync(app, sessions, stopping).ConfigureAwait(false);
            var address = new Uri(Url(addresses[0], options.Port));
            throw new PlaygroundException($"Port {options.Port} on {options.Host} is already in use, perhaps by another playground ({address}).", address, e);
        }
        catch
        {
            await DisposeAllAsync(app, sessions, stopping).ConfigureAwait(false);
            throw;
        }
        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        int port = new Uri(bound).Port;
        string shown = options.Host == "localhost" ? $"http://localhost:{port.ToString(CultureInfo.InvariantCulture)}/" : Url(addresses[0], port);
        return new PlaygroundServer(app, sessions, stopping, new Uri(shown));
    }

    /// <summary>Waits until <paramref name="cancellationToken"/> is cancelled (Ctrl-C, say), then stops the server.</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop.
        }
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Stops listening, ends every event stream and session, and waits (up to 5 seconds) for requests to finish.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Sessions.DisposeAsync().ConfigureAwait(false);
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the server if it runs, and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static IPAddress[] Check(PlaygroundOptions options)
    {
        if (options.Port is < 0 or > 65535)
        {
            throw new PlaygroundException(string.Create(CultureInfo.InvariantCulture, $"The port {options.Port} is out of range; give 1 to 65535, or 0 for any free port."));
        }
        if (options.MaxSessions < 1 || options.IdleTimeout <= TimeSpan.Zero)
        {
            throw new PlaygroundException("The playground needs room for at least 1 session and an idle timeout above 0.");
        }
        if (string.Equals(options.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return [IPAddress.Loopback, IPAddress.IPv6Loopback];
        }
        return IPAddress.TryParse(options.Host, out IPAddress? address)
            ? [address]
            : throw new PlaygroundException($"The host '{UserText.Quote(options.Host)}' is not an IP address (such as 127.0.0.1 or 0.0.0.0) or localhost.");
    }

    private static string Url(IPAddress address, int port) => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
        ? string.Create(CultureInfo.InvariantCulture, $"http://[{address}]:{port}/")
        : string.Create(CultureInfo.InvariantCulture, $"http://{address}:{port}/");

    // Whether Graphviz's dot runs here; the page draws graphs itself otherwise (and says why).
    private static bool HasGraphviz(string dotExecutable)
    {
        try
        {
            using Process? process = Process.Start(new ProcessStartInfo(dotExecutable, "-V") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false });
            process?.WaitForExit(5000);
            return process is { HasExited: true, ExitCode: 0 };
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task DisposeAllAsync(WebApplication app, SessionStore sessions, CancellationTokenSource stopping)
    {
        await sessions.DisposeAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        stopping.Dispose();
    }
}
