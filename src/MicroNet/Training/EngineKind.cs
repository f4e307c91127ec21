namespace MicroNet.Training;

/// <summary>How <see cref="Trainer.Fit"/> computes each batch's loss and gradients.</summary>
public enum EngineKind
{
    /// <summary>
    /// The compiled replay (the default): one <see cref="CompiledGraph"/> per sample shape, captured once per worker and
    /// replayed for every sample, the batch spread over <see cref="TrainingOptions.Workers"/> threads. No graph is built
    /// per step and nothing is allocated per sample.
    /// </summary>
    Compiled,

    /// <summary>The eager engine: a fresh <see cref="Value"/> graph per batch and one <see cref="Value.Backward"/>, on the calling thread.</summary>
    Eager,
}
