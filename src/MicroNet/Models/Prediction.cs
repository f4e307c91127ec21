namespace MicroNet.Models;

/// <summary>What a <see cref="Model"/> predicts for one row.</summary>
/// <param name="Value">For regression the predicted number; for classification the class index, as a double.</param>
/// <param name="ClassIndex">The predicted class index; -1 for regression.</param>
/// <param name="ClassName">The predicted class's name; null for regression.</param>
/// <param name="Probabilities">The probability of each class (softmax and sigmoid outputs); empty where there are none (regression, margin).</param>
/// <param name="Outputs">The network's raw outputs: logits, a score or a value.</param>
public sealed record Prediction(double Value, int ClassIndex, string? ClassName, IReadOnlyList<double> Probabilities, IReadOnlyList<double> Outputs)
{
    /// <summary>The probability of the predicted class, or null when the model gives none.</summary>
    public double? Probability => Probabilities.Count > 0 && ClassIndex >= 0 ? Probabilities[ClassIndex] : null;

    /// <summary>
    /// Whether every output of the network is finite. A NaN or infinite output (inputs far outside what the model was
    /// trained on, say) predicts nothing: its class and value mean nothing and should be reported, not counted.
    /// </summary>
    public bool IsFinite => Outputs.All(double.IsFinite);
}
