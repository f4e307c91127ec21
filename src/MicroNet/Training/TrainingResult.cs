using System.Globalization;
using MicroNet.Nn;

namespace MicroNet.Training;

/// <summary>
/// What one epoch of <see cref="Trainer.Fit"/> achieved. Training numbers come from the batches as they were trained
/// (the model changes during the epoch, as Keras reports them); validation numbers score the model at the end of the
/// epoch. Accuracies are fractions from 0 to 1; a number that does not apply (accuracy for regression, RMSE for
/// classification, anything validation without a validation set) is null.
/// </summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="EpochCount">How many epochs the run has.</param>
/// <param name="Steps">How many optimizer steps have run so far, this epoch's included.</param>
/// <param name="LearningRate">The learning rate every step of this epoch used.</param>
/// <param name="TrainingLoss">The mean per-sample loss over the epoch's batches, without any L2 penalty.</param>
/// <param name="TrainingAccuracy">The share of this epoch's training samples classified right.</param>
/// <param name="TrainingRmse">The root mean squared error over this epoch's training samples.</param>
/// <param name="ValidationLoss">The mean per-sample loss on the validation set.</param>
/// <param name="ValidationAccuracy">The share of the validation set classified right.</param>
/// <param name="ValidationRmse">The root mean squared error on the validation set.</param>
/// <param name="Elapsed">The time since training started.</param>
public sealed record EpochReport(
    int Epoch,
    int EpochCount,
    int Steps,
    double LearningRate,
    double TrainingLoss,
    double? TrainingAccuracy,
    double? TrainingRmse,
    double? ValidationLoss,
    double? ValidationAccuracy,
    double? ValidationRmse,
    TimeSpan Elapsed);

/// <summary>
/// The per-epoch numbers of a run as plain series, one entry per completed epoch, ready to plot. A series that does not
/// apply (validation without a validation set, accuracy for regression, RMSE for classification) is empty.
/// </summary>
public sealed class TrainingHistory
{
    /// <summary>Creates a history from the reports of the completed epochs, in order.</summary>
    public TrainingHistory(IReadOnlyList<EpochReport> epochs)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        Epochs = [.. epochs];
    }

    /// <summary>Every completed epoch's report, in order.</summary>
    public IReadOnlyList<EpochReport> Epochs { get; }

    /// <summary>The mean training loss of each epoch.</summary>
    public IReadOnlyList<double> TrainingLoss => [.. Epochs.Select(e => e.TrainingLoss)];

    /// <summary>The validation loss after each epoch; empty without a validation set.</summary>
    public IReadOnlyList<double> ValidationLoss => Series(e => e.ValidationLoss);

    /// <summary>The training accuracy (0 to 1) of each epoch; empty for regression.</summary>
    public IReadOnlyList<double> TrainingAccuracy => Series(e => e.TrainingAccuracy);

    /// <summary>The validation accuracy (0 to 1) after each epoch; empty for regression or without a validation set.</summary>
    public IReadOnlyList<double> ValidationAccuracy => Series(e => e.ValidationAccuracy);

    /// <summary>The training RMSE of each epoch; empty for classification.</summary>
    public IReadOnlyList<double> TrainingRmse => Series(e => e.TrainingRmse);

    /// <summary>The validation RMSE after each epoch; empty for classification or without a validation set.</summary>
    public IReadOnlyList<double> ValidationRmse => Series(e => e.ValidationRmse);

    /// <summary>The learning rate of each epoch.</summary>
    public IReadOnlyList<double> LearningRate => [.. Epochs.Select(e => e.LearningRate)];

    private double[] Series(Func<EpochReport, double?> select) =>
        Epochs.Count > 0 && select(Epochs[0]) is not null ? [.. Epochs.Select(e => select(e) ?? double.NaN)] : [];
}

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

/// <summary>The outcome of <see cref="Trainer.Fit"/>.</summary>
/// <param name="Model">The trained model (the same object that was passed in): after a divergence, as of the last good step.</param>
/// <param name="Loss">The loss that was minimised (never <see cref="LossKind.Auto"/>).</param>
/// <param name="History">One report per completed epoch.</param>
/// <param name="Training">The final model scored on the whole training set.</param>
/// <param name="Validation">The final model scored on the validation set; null without one.</param>
/// <param name="Steps">How many optimizer steps ran.</param>
/// <param name="Elapsed">How long training took, final scoring included.</param>
/// <param name="Divergence">Why training stopped early, or null if it ran every epoch.</param>
public sealed record TrainingResult(
    Mlp Model,
    LossKind Loss,
    TrainingHistory History,
    Evaluation Training,
    Evaluation? Validation,
    int Steps,
    TimeSpan Elapsed,
    TrainingDivergence? Divergence)
{
    /// <summary>True if the loss became NaN or infinite and training stopped early; see <see cref="Divergence"/>.</summary>
    public bool Diverged => Divergence is not null;
}
