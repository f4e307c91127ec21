namespace MicroNet.Plots;

/// <summary>
/// Per-epoch numbers of one training run, for <see cref="TrainingPlots.SaveCurves"/>. Entry <c>i</c> of each list
/// belongs to epoch <c>i + 1</c>. Only <see cref="TrainingLoss"/> is required; every other list is either empty
/// (not measured) or has one entry per epoch, like <see cref="TrainingLoss"/>.
/// </summary>
/// <example>
/// <code>
/// var curves = new TrainingCurves([0.9, 0.5, 0.3]) { ValidationLoss = [1.0, 0.6, 0.45] };
/// TrainingPlots.SaveCurves("curves.png", curves);
/// </code>
/// </example>
/// <param name="TrainingLoss">The loss on the training data after each epoch (at least one).</param>
public sealed record TrainingCurves(IReadOnlyList<double> TrainingLoss)
{
    /// <summary>The loss on the validation data after each epoch; empty if there is no validation data.</summary>
    public IReadOnlyList<double> ValidationLoss { get; init; } = [];

    /// <summary>The share of training rows classified correctly after each epoch, from 0 to 1; empty for regression.</summary>
    public IReadOnlyList<double> TrainingAccuracy { get; init; } = [];

    /// <summary>The share of validation rows classified correctly after each epoch, from 0 to 1; empty if not measured.</summary>
    public IReadOnlyList<double> ValidationAccuracy { get; init; } = [];

    /// <summary>What the x axis counts, <c>epoch</c> by default; <c>step</c> for a run that records each step.</summary>
    public string Unit { get; init; } = "epoch";

    /// <summary>The number of epochs: the length of <see cref="TrainingLoss"/>.</summary>
    public int EpochCount => TrainingLoss.Count;

    /// <summary>Whether an accuracy panel is drawn: true if either accuracy list has entries.</summary>
    public bool HasAccuracy => TrainingAccuracy.Count > 0 || ValidationAccuracy.Count > 0;

    /// <summary>Checks the lengths; see the class remarks.</summary>
    /// <exception cref="ArgumentException"><see cref="TrainingLoss"/> is empty, or another list is neither empty nor as long.</exception>
    internal void Validate(string parameterName)
    {
        ArgumentNullException.ThrowIfNull(TrainingLoss, parameterName);
        if (TrainingLoss.Count == 0)
        {
            throw new ArgumentException("The training curves need the training loss of at least one epoch.", parameterName);
        }
        Check(ValidationLoss, nameof(ValidationLoss));
        Check(TrainingAccuracy, nameof(TrainingAccuracy));
        Check(ValidationAccuracy, nameof(ValidationAccuracy));

        void Check(IReadOnlyList<double> values, string name)
        {
            if (values is null)
            {
                throw new ArgumentException($"{name} is null; leave it empty if it was not measured.", parameterName);
            }
            if (values.Count != 0 && values.Count != TrainingLoss.Count)
            {
                throw new ArgumentException(FormattableString.Invariant(
                    $"{name} has {values.Count} entries but TrainingLoss has {TrainingLoss.Count}; give one per epoch, or none."), parameterName);
            }
        }
    }
}
