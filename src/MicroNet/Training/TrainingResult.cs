using MicroNet.Loss;
using MicroNet.Nn;

namespace MicroNet.Training;

/// <summary>The outcome of <see cref="Trainer.Fit"/>.</summary>
/// <param name="Model">The trained model (the same object that was passed in): after a divergence, as of the last good step.</param>
/// <param name="Loss">The loss that was minimised.</param>
/// <param name="History">One report per completed epoch.</param>
/// <param name="Training">The final model scored on the whole training set.</param>
/// <param name="Validation">The final model scored on the validation set; null without one.</param>
/// <param name="Steps">How many optimizer steps ran.</param>
/// <param name="Elapsed">How long training took, final scoring included.</param>
/// <param name="Divergence">Why training stopped early, or null if it ran every epoch.</param>
public sealed record TrainingResult(
    Mlp Model,
    LossFunction Loss,
    TrainingHistory History,
    Evaluation Training,
    Evaluation? Validation,
    int Steps,
    TimeSpan Elapsed,
    TrainingDivergence? Divergence)
{
    /// <summary>True if the loss became NaN or infinite and training stopped early; see <see cref="Divergence"/>.</summary>
    public bool Diverged => Divergence is not null;

    /// <summary>
    /// With a validation set, the epoch (from 1) whose validation loss was lowest; when
    /// <see cref="TrainingOptions.RestoreBest"/> is on, <see cref="Model"/> holds its parameters. Null without validation.
    /// </summary>
    public int? BestEpoch { get; init; }

    /// <summary>Whether <see cref="TrainingOptions.Patience"/> stopped the run before its last epoch.</summary>
    public bool StoppedEarly { get; init; }
}
