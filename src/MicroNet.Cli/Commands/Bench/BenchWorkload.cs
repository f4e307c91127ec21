namespace MicroNet.Cli.Commands.Bench;

/// <summary>A workload of <c>micronet bench</c>, for <c>--only</c>.</summary>
internal enum BenchWorkload
{
    /// <summary>The notebook's training step.</summary>
    Notebook,

    /// <summary>micrograd's moons step, written as a user writes it.</summary>
    Moons,

    /// <summary>Backward over a deep chain.</summary>
    Chain,

    /// <summary>A Fashion-MNIST epoch, as <c>micronet train</c> runs it.</summary>
    Fashion,

    /// <summary>A frame of <c>micronet playground</c> on the server: an epoch and the boundary grid.</summary>
    Playground,
}

/// <summary>The names of <see cref="BenchWorkload"/>.</summary>
internal static class BenchWorkloadExtensions
{
    public static NameTable<BenchWorkload> Names { get; } = new("workload",
        (BenchWorkload.Notebook, "notebook"), (BenchWorkload.Moons, "moons"), (BenchWorkload.Chain, "chain"), (BenchWorkload.Fashion, "fashion"),
        (BenchWorkload.Playground, "playground"));
}
