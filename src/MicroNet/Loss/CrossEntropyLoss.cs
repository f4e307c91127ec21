using MicroNet.Models;

namespace MicroNet.Loss;

/// <summary>
/// Softmax cross-entropy on one logit per class, <c>logsumexp(z) - t · z</c> with <c>t</c> the one-hot target (which
/// is <c>-ln(softmax(z)[class])</c>), as PyTorch's <c>CrossEntropyLoss</c>; any number of classes.
/// <c>d/dz[i] = softmax(z)[i] - t[i]</c>.
/// </summary>
/// <remarks>
/// The dot product with the one-hot vector picks the target's logit exactly (the other products are zeros, and adding
/// zeros changes no finite number), and keeps the term's shape the same for every sample, so the compiled trainer
/// captures it once.
/// </remarks>
public sealed class CrossEntropyLoss() : LossFunction("cross-entropy", "softmax cross-entropy on one logit per class, for any classes", ModelOutput.Softmax)
{
    /// <summary>The term of one sample, <c>logsumexp(logits) - oneHot · logits</c>.</summary>
    public static Value Of(IReadOnlyList<Value> logits, IReadOnlyList<Value> oneHot) => Value.LogSumExp(logits) - Value.Dot(oneHot, logits);

    /// <summary>The term of one sample whose class is <paramref name="target"/>.</summary>
    internal static Value Of(IReadOnlyList<Value> logits, int target) =>
        Of(logits, [.. Enumerable.Range(0, logits.Count).Select(i => Value.Constant(i == target ? 1 : 0))]);

    /// <summary>One target value per class: the one-hot vector.</summary>
    public override int TargetCount(int outputCount) => outputCount;

    /// <summary>Class <c>k</c> becomes the one-hot vector with 1 at <c>k</c>.</summary>
    public override void EncodeTarget(double target, Span<double> encoded)
    {
        encoded.Clear();
        encoded[(int)target] = 1;
    }

    /// <inheritdoc />
    public override Value Term(IReadOnlyList<Value> outputs, IReadOnlyList<Value> targets) => Of(outputs, targets);
}
