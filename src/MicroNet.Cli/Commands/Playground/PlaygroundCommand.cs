using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using MicroNet.Playground;

namespace MicroNet.Cli.Commands.Playground;

/// <summary>
/// <c>micronet playground</c>: starts the playground's web server (<see cref="PlaygroundServer"/>), prints its address,
/// opens the browser unless <c>--no-open</c>, and runs until Ctrl-C (or SIGTERM), then stops cleanly.
/// </summary>
internal static class PlaygroundCommand
{
    public static Command Create()
    {
        Option<int> port = CliOptions.Integer("--port", $"The port to listen on; 0 for any free one. [default: {PlaygroundOptions.DefaultPort}]", PlaygroundOptions.DefaultPort, minimum: 0);
        Option<string> host = new("--host")
        {
            Description = "The address to listen on: 127.0.0.1 (this machine only), localhost, or another IP address such as 0.0.0.0 (the network, with no password). [default: 127.0.0.1]",
            HelpName = "address",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        Option<bool> noOpen = CliOptions.Flag("--no-open", "Print the address without opening a browser.");
        return CliOptions.Command("playground", "Start the playground, a local web page that trains a network while you watch and opens any neuron's graph and gradients.",
            [port, host, noOpen],
            parseResult =>
            {
                TextWriter output = parseResult.InvocationConfiguration.Output;
                TextWriter error = parseResult.InvocationConfiguration.Error;
                var options = new PlaygroundOptions { Port = parseResult.GetValue(port), Host = parseResult.GetRequiredValue(host) };
                return Run(options, !parseResult.GetValue(noOpen), output, error);
            });
    }

    private static int Run(PlaygroundOptions options, bool open, TextWriter output, TextWriter error)
    {
        using var stop = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
        // Ctrl-C is how a server stops: the program's handler (which ends a run with 130) stands aside.
        using IDisposable stopsItself = Program.CommandStopsItself();
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        PlaygroundServer server;
        try
        {
            server = PlaygroundServer.StartAsync(options, stop.Token).GetAwaiter().GetResult();
        }
        catch (PlaygroundException e) when (e.AddressInUse)
        {
            error.WriteLine($"{e.Message} Open {e.Address} if it is one, or start another with --port.");
            return ExitCodes.RuntimeFailure;
        }
        catch (PlaygroundException e)
        {
            error.WriteLine(e.Message);
            return ExitCodes.UsageError;
        }
        try
        {
            output.WriteLine($"MicroNet playground: {server.Address} (Ctrl-C stops it)");
            if (!SiteIsLocal(options.Host))
            {
                error.WriteLine($"warning: listening on {options.Host}: anyone who can reach this machine can use the playground, with no password.");
            }
            if (open && !OpenBrowser(server.Address))
            {
                output.WriteLine("Open that address in a browser.");
            }
            server.WaitForShutdownAsync(stop.Token).GetAwaiter().GetResult();
            output.WriteLine("Playground stopped.");
            return ExitCodes.Success;
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static bool SiteIsLocal(string host) =>
        host is "127.0.0.1" or "::1" or "[::1]" || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase);

    // The desktop's own way to open a link; false where there is none (a server, a container), so that the address is enough.
    private static bool OpenBrowser(Uri address)
    {
        try
        {
            ProcessStartInfo start = OperatingSystem.IsWindows() ? new(address.ToString()) { UseShellExecute = true }
                : OperatingSystem.IsMacOS() ? new("open", address.ToString())
                : new("xdg-open", address.ToString()) { RedirectStandardError = true, RedirectStandardOutput = true };
            using Process? process = Process.Start(start);
            return process is not null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
