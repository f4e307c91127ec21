using System.Globalization;

namespace MicroNet.Training;

/// <summary>
/// Why a run stopped early: its loss became NaN or infinite. The model holds the parameters of the last step whose loss
/// was finite.
/// </summary>
/// <param name="Epoch">The epoch of the failing step, from 1.</param>
/// <param name="Step">The failing optimizer step, counted from 1 at the start of training.</param>
/// <param name="Loss">The loss that step computed: NaN or ±infinity.</param>
/// <param name="LearningRate">The learning rate at that step.</param>
public sealed record TrainingDivergence(int Epoch, int Step, double Loss, double LearningRate)
{
    /// <summary>
    /// The factor of the L2 penalty when the penalty itself was NaN or infinite while the data's loss was finite (the
    /// factor, not the learning rate, is then to blame); null otherwise.
    /// </summary>
    public double? PenaltyFactor { get; init; }

    /// <summary>
    /// For example "Loss became NaN at epoch 3, step 25; try a lower learning rate (now 10)." or, when the penalty
    /// overflowed, "Loss became infinite at epoch 1, step 1 because the L2 penalty overflowed; use a smaller L2 factor
    /// (now 1E+308)."
    /// </summary>
    public string Message => PenaltyFactor is { } factor
        ? string.Create(CultureInfo.InvariantCulture, $"Loss became {(double.IsNaN(Loss) ? "NaN" : "infinite")} at epoch {Epoch}, step {Step} because the L2 penalty overflowed; use a smaller L2 factor (now {factor:R}).")
        : string.Create(CultureInfo.InvariantCulture, $"Loss became {(double.IsNaN(Loss) ? "NaN" : "infinite")} at epoch {Epoch}, step {Step}; try a lower learning rate (now {LearningRate:R}).");
}
