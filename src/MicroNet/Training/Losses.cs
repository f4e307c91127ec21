namespace MicroNet.Training;

/// <summary>How a loss combines the per-sample terms.</summary>
public enum Reduction
{
    /// <summary>The average over samples.</summary>
    Mean,

    /// <summary>The plain sum over samples, as in the notebook's <c>sum((yout - ygt)**2 ...)</c>.</summary>
    Sum,
}

/// <summary>Loss functions that build their result as part of the graph, so <c>loss.Backward()</c> reaches the model.</summary>
public static class Losses
{
    /// <summary>
    /// Squared error: <c>(predictions[i] - targets[i]) ** 2</c>, averaged (<see cref="Reduction.Mean"/>, the default) or summed.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    public static Value Mse(IReadOnlyList<Value> predictions, IReadOnlyList<double> targets, Reduction reduction = Reduction.Mean)
    {
        CheckPairs(predictions, targets);
        var terms = new Value[predictions.Count];
        for (int i = 0; i < terms.Length; i++)
        {
            terms[i] = (predictions[i] - targets[i]).Pow(2);
        }
        return Reduce(terms, reduction);
    }

    /// <summary>
    /// micrograd's max-margin (SVM) loss: the mean of <c>relu(1 - labels[i] * scores[i])</c>, with labels -1 or +1.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty, or a label is not -1 or +1.</exception>
    public static Value Hinge(IReadOnlyList<Value> scores, IReadOnlyList<double> labels)
    {
        CheckPairs(scores, labels);
        var terms = new Value[scores.Count];
        for (int i = 0; i < terms.Length; i++)
        {
            if (labels[i] is not (1 or -1))
            {
                throw new ArgumentException($"Hinge loss needs labels of -1 or +1, but label {i} is {labels[i]}.", nameof(labels));
            }
            terms[i] = (1 + -labels[i] * scores[i]).Relu();
        }
        return Reduce(terms, Reduction.Mean);
    }

    /// <summary>An L2 penalty, <c>alpha * sum(p ** 2)</c> over <paramref name="parameters"/>; add it to a loss to keep weights small.</summary>
    public static Value L2(IEnumerable<Value> parameters, double alpha)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(alpha);
        return alpha * Value.Sum(parameters.Select(p => p * p));
    }

    private static Value Reduce(Value[] terms, Reduction reduction)
    {
        Value sum = Value.Sum(terms);
        return reduction switch
        {
            Reduction.Sum => sum,
            Reduction.Mean => sum * (1.0 / terms.Length),
            _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction."),
        };
    }

    private static void CheckPairs(IReadOnlyList<Value> outputs, IReadOnlyList<double> targets)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (outputs.Count != targets.Count)
        {
            throw new ArgumentException($"Expected {outputs.Count} targets to match {outputs.Count} outputs, but got {targets.Count}.", nameof(targets));
        }
        if (outputs.Count == 0)
        {
            throw new ArgumentException("A loss needs at least one output and target.", nameof(targets));
        }
    }
}
