namespace MicroNet.Training;

/// <summary>How <see cref="Trainer.Fit"/> computes each batch's loss and gradients.</summary>
public enum EngineKind
{
    /// <summary>
    /// The compiled replay (the default): one <see cref="Compiled.CompiledGraph"/> per sample shape, captured once per worker and
    /// replayed for every sample, the batch spread over <see cref="TrainingOptions.Workers"/> threads. No graph is built
    /// per step and nothing is allocated per sample.
    /// </summary>
    Compiled,

    /// <summary>The eager engine: a fresh <see cref="Value"/> graph per batch and one <see cref="Value.Backward"/>, on the calling thread.</summary>
    Eager,
}

/// <summary>Names an <see cref="EngineKind"/>.</summary>
public static class EngineKindExtensions
{
    /// <summary>The names on the command line and in summaries: <c>compiled</c>, <c>eager</c>.</summary>
    public static NameTable<EngineKind> Names { get; } = new("engine", (EngineKind.Compiled, "compiled"), (EngineKind.Eager, "eager"));

    /// <summary>The name of <paramref name="kind"/> in <see cref="Names"/>.</summary>
    public static string ToName(this EngineKind kind) => Names.NameOf(kind);
}
