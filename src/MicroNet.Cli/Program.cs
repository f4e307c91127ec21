using System.Runtime.InteropServices;
using MicroNet.IO;

namespace MicroNet.Cli;

internal static class Program
{
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
}
