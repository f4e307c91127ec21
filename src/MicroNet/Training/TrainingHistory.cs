namespace MicroNet.Training;

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
