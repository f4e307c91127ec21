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
