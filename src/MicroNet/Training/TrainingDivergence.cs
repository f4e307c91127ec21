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
    /// <summary>For example "Loss became NaN at epoch 3, step 25; try a lower learning rate (now 10)."</summary>
    public string Message => string.Create(CultureInfo.InvariantCulture,
        $"Loss became {(double.IsNaN(Loss) ? "NaN" : "infinite")} at epoch {Epoch}, step {Step}; try a lower learning rate (now {LearningRate:R}).");
}
