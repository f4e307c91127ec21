namespace MicroNet.Training;

/// <summary>
/// How well a model does on a dataset: the mean loss and, for classification, the accuracy and confusion matrix, or,
/// for regression, the RMSE and R². See <see cref="Trainer.Evaluate"/>.
/// </summary>
/// <param name="Count">How many samples were scored.</param>
/// <param name="Loss">The mean per-sample loss, without any L2 penalty.</param>
/// <param name="Accuracy">The share of samples whose predicted class is right (see <see cref="Metrics.Accuracy"/>); null for regression.</param>
/// <param name="ConfusionMatrix">
/// For classification, <c>ConfusionMatrix[t][p]</c> counts samples of class <c>t</c> predicted as <c>p</c> (rows true,
/// columns predicted, as <see cref="Metrics.ConfusionMatrix"/>); null for regression.
/// </param>
/// <param name="Rmse">The root mean squared error (see <see cref="Metrics.Rmse"/>), in the target's units; null for classification.</param>
/// <param name="RSquared">The coefficient of determination (see <see cref="Metrics.RSquared"/>); null for classification.</param>
public sealed record Evaluation(
    int Count, double Loss, double? Accuracy, IReadOnlyList<IReadOnlyList<int>>? ConfusionMatrix, double? Rmse, double? RSquared)
{
    /// <summary>The mean absolute error (see <see cref="Metrics.Mae"/>), in the target's units; null for classification.</summary>
    public double? Mae { get; init; }
}
