namespace MicroNet.Cli;

internal static class Program
{
    private static int Main(string[] args) => MicronetApp.Run(args, Console.Out, Console.Error);
}
