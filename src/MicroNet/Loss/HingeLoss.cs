using MicroNet.Models;

namespace MicroNet.Loss;

/// <summary>
/// micrograd's max-margin (SVM) loss on one score, <c>relu(1 - y * s)</c> with the label <c>y = 2 * class - 1</c>, so
/// -1 or +1; two classes, predicted by the sign of the score. The encoded target is <c>-y</c>, one constant leaf, as in
/// micrograd's <c>(1 + -yi*scorei).relu()</c>; <c>d/ds = -y</c> where the margin is below 1, else 0.
/// </summary>
public sealed class HingeLoss() : LossFunction("hinge", "micrograd's max-margin loss, for two classes", ModelOutput.Margin)
{
    /// <summary>The term of one sample, <c>relu(1 + negatedLabel * score)</c>, where <paramref name="negatedLabel"/> is <c>-y</c>.</summary>
    public static Value Of(Value score, Value negatedLabel) => (Value.Constant(1) + negatedLabel * score).Relu();

    /// <summary>Class 0 or 1 becomes <c>-y</c>, with micrograd's label <c>y = 2 * class - 1</c>.</summary>
    public override void EncodeTarget(double target, Span<double> encoded) => encoded[0] = -(2 * target - 1);

    /// <inheritdoc />
    public override Value Term(IReadOnlyList<Value> outputs, IReadOnlyList<Value> targets) => Of(outputs[0], targets[0]);
}
