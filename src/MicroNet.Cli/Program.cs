using System.Runtime.InteropServices;
using MicroNet.IO;

namespace MicroNet.Cli;

internal static class Program
{
    private static bool s_commandStopsItself;

    /// <summary>
    /// Says that the running command handles Ctrl-C and SIGTERM itself as its normal way to stop (a server), so that
    /// the program's handler stays out of its way. Dispose the result when the command is done.
    /// </summary>
    public static IDisposable CommandStopsItself()
    {
        Volatile.Write(ref s_commandStopsItself, true);
        return new Reset();
    }

    private static int Main(string[] args)
    {
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        return MicronetApp.Run(args, Console.Out, Console.Error);
    }

    // Ctrl-C or SIGTERM: no temporary file left behind, the terminal's cursor back (a progress bar hides it), one line
    // saying what was and was not saved, and the shell's exit code for the signal.
    private static void Stop(PosixSignalContext context)
    {
        if (Volatile.Read(ref s_commandStopsItself))
        {
            return;
        }
        context.Cancel = true;
        OutputFile.DeletePendingTemporaryFiles();
        if (!Console.IsOutputRedirected)
        {
            Console.Out.Write("\u001b[?25h\n");
            Console.Out.Flush();
        }
        bool interrupted = context.Signal == PosixSignal.SIGINT;
        Console.Error.WriteLine(OutputGuard.InterruptedSummary(interrupted ? "Ctrl-C" : "SIGTERM"));
        Console.Error.Flush();
        Environment.Exit(interrupted ? ExitCodes.Interrupted : ExitCodes.Terminated);
    }

    private sealed class Reset : IDisposable
    {
        public void Dispose() => Volatile.Write(ref s_commandStopsItself, false);
    }
}
