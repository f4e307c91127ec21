using BenchmarkDotNet.Running;

namespace MicroNet.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/MicroNet.Benchmarks -- --filter '*'</c>
/// (BenchmarkDotNet's own arguments, such as <c>--job short</c>, pass through).
/// </summary>
internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
