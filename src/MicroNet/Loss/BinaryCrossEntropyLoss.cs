using MicroNet.Models;

namespace MicroNet.Loss;

/// <summary>
/// Binary cross-entropy on one logit <c>z</c>, <c>softplus(z) - t * z</c> (which is
/// <c>-(t * ln(sigmoid(z)) + (1 - t) * ln(1 - sigmoid(z)))</c>, finite for any finite logit), as PyTorch's
/// <c>BCEWithLogitsLoss</c>; two classes, the target being the class, 0 or 1. <c>d/dz = sigmoid(z) - t</c>.
/// </summary>
public sealed class BinaryCrossEntropyLoss() : LossFunction("bce", "binary cross-entropy on one logit, for two classes", ModelOutput.Sigmoid)
{
    /// <summary>The term of one sample, <c>softplus(logit) - target * logit</c>.</summary>
    public static Value Of(Value logit, Value target) => logit.Softplus() - target * logit;

    /// <inheritdoc />
    public override void EncodeTarget(double target, Span<double> encoded) => encoded[0] = target;

    /// <inheritdoc />
    public override Value Term(IReadOnlyList<Value> outputs, IReadOnlyList<Value> targets) => Of(outputs[0], targets[0]);
}
