using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

namespace MicroNet.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/MicroNet.Benchmarks -- --filter '*'</c>
/// (BenchmarkDotNet's own arguments, such as <c>--job short</c>, pass through).
/// </summary>
internal static class Program
{
    // Every benchmark reports the bytes each call allocates and the median next to the mean.
    private static readonly IConfig s_config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default).AddColumn(StatisticColumn.Median);

    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, s_config);
}
