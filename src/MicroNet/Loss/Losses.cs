using System.Globalization;

namespace MicroNet.Loss;

/// <summary>How a loss combines the per-sample terms.</summary>
public enum Reduction
{
    /// <summary>The average over samples.</summary>
    Mean,

    /// <summary>The plain sum over samples, as in the notebook's <c>sum((yout - ygt)**2 ...)</c>.</summary>
    Sum,
}

/// <summary>
/// Losses as functions that build their result into the graph, so <c>loss.Backward()</c> reaches the model, as PyTorch's
/// <c>torch.nn.functional</c>. Each one checks its arguments and builds the per-sample term its loss class defines
/// (<see cref="MseLoss"/>, <see cref="HingeLoss"/>, <see cref="BinaryCrossEntropyLoss"/>,
/// <see cref="CrossEntropyLoss"/>), so a training run and a hand-written loop compute the same graph.
/// </summary>
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
            terms[i] = MseLoss.Of(predictions[i], Value.Constant(targets[i]));
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
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Hinge loss needs labels of -1 or +1, but label {i} is {labels[i]}."), nameof(labels));
            }
            terms[i] = HingeLoss.Of(scores[i], Value.Constant(-labels[i]));
        }
        return Reduce(terms, Reduction.Mean);
    }

    /// <summary>
    /// Softmax cross-entropy of one sample: <c>-ln(softmax(logits)[target]) = logsumexp(logits) - logits[target]</c>,
    /// as PyTorch's <c>cross_entropy</c> on raw scores (logits), not probabilities. See <see cref="CrossEntropyLoss"/>.
    /// </summary>
    /// <remarks>
    /// Built from one <see cref="Value.LogSumExp(ReadOnlySpan{Value})"/> node, so it is finite for large logits:
    /// logits (1000, 0) with target 1 give 1000, not infinity. Its gradient to <c>logits[i]</c> is
    /// <c>softmax(logits)[i] - (i == target ? 1 : 0)</c>. NaN in any logit gives NaN.
    /// </remarks>
    /// <param name="logits">One score per class.</param>
    /// <param name="target">The index of the true class, 0 to <c>logits.Count - 1</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="logits"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="target"/> is not a class index.</exception>
    public static Value CrossEntropy(IReadOnlyList<Value> logits, int target)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Count == 0)
        {
            throw new ArgumentException("Cross-entropy needs at least one logit.", nameof(logits));
        }
        if (target < 0 || target >= logits.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, $"The target must be a class index from 0 to {logits.Count - 1}.");
        }
        return CrossEntropyLoss.Of(logits, target);
    }

    /// <summary>
    /// Softmax cross-entropy over a batch: <c>logsumexp(logits[i]) - logits[i][targets[i]]</c> for each sample,
    /// averaged (<see cref="Reduction.Mean"/>, the default, as PyTorch) or summed. See
    /// <see cref="CrossEntropy(IReadOnlyList{Value}, int)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty, or a sample has no logits.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target is not a class index of its sample.</exception>
    public static Value CrossEntropy(IReadOnlyList<IReadOnlyList<Value>> logits, IReadOnlyList<int> targets, Reduction reduction = Reduction.Mean)
    {
        CheckPairs(logits, targets);
        var terms = new Value[logits.Count];
        for (int i = 0; i < terms.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(logits[i], nameof(logits));
            if (targets[i] < 0 || targets[i] >= logits[i].Count)
            {
                throw new ArgumentOutOfRangeException(nameof(targets), targets[i], $"Target {i} is {targets[i]}, but sample {i} has {logits[i].Count} logits.");
            }
            terms[i] = CrossEntropy(logits[i], targets[i]);
        }
        return Reduce(terms, reduction);
    }

    /// <summary>
    /// Binary cross-entropy on a raw score (logit) <c>z</c> and a target <c>y</c> in [0, 1]:
    /// <c>-(y * ln(sigmoid(z)) + (1 - y) * ln(1 - sigmoid(z)))</c>, computed as <c>softplus(z) - y * z</c>, as PyTorch's
    /// <c>binary_cross_entropy_with_logits</c>. See <see cref="BinaryCrossEntropyLoss"/>.
    /// </summary>
    /// <remarks>
    /// Finite for any finite logit: <c>z = 1000, y = 0</c> gives 1000 where <c>ln(1 - sigmoid(z))</c> would give
    /// infinity. The gradient to <c>z</c> is <c>sigmoid(z) - y</c>. A NaN logit gives NaN.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="target"/> is not in [0, 1].</exception>
    public static Value BinaryCrossEntropyWithLogits(Value logit, double target)
    {
        ArgumentNullException.ThrowIfNull(logit);
        if (!(target >= 0 && target <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "A binary cross-entropy target must be in [0, 1]; use 0 and 1 for class labels.");
        }
        return BinaryCrossEntropyLoss.Of(logit, Value.Constant(target));
    }

    /// <summary>
    /// Binary cross-entropy on logits over a batch, <c>softplus(logits[i]) - targets[i] * logits[i]</c> averaged
    /// (<see cref="Reduction.Mean"/>, the default) or summed. See <see cref="BinaryCrossEntropyWithLogits(Value, double)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target is not in [0, 1].</exception>
    public static Value BinaryCrossEntropyWithLogits(IReadOnlyList<Value> logits, IReadOnlyList<double> targets, Reduction reduction = Reduction.Mean)
    {
        CheckPairs(logits, targets);
        var terms = new Value[logits.Count];
        for (int i = 0; i < terms.Length; i++)
        {
            if (!(targets[i] >= 0 && targets[i] <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(targets), targets[i], string.Create(CultureInfo.InvariantCulture, $"Target {i} is {targets[i]}; binary cross-entropy targets must be in [0, 1]."));
            }
            terms[i] = BinaryCrossEntropyWithLogits(logits[i], targets[i]);
        }
        return Reduce(terms, reduction);
    }

    /// <summary>An L2 penalty, <c>alpha * sum(p ** 2)</c> over <paramref name="parameters"/>; add it to a loss to keep weights small.</summary>
    public static Value L2(IEnumerable<Value> parameters, double alpha)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(alpha);
        return Value.Constant(alpha) * Value.Sum(parameters.Select(p => p * p));
    }

    /// <summary>The terms summed by one node, times the constant <c>1 / n</c> for the mean.</summary>
    internal static Value Reduce(Value[] terms, Reduction reduction)
    {
        Value sum = Value.Sum(terms);
        return reduction switch
        {
            Reduction.Sum => sum,
            Reduction.Mean => sum * Value.Constant(1.0 / terms.Length),
            _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction."),
        };
    }

    internal static void CheckPairs<TOutput, TTarget>(IReadOnlyList<TOutput> outputs, IReadOnlyList<TTarget> targets)
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
