using MicroNet.Models;

namespace MicroNet.Loss;

/// <summary>
/// Squared error on one output, <c>(y - t) ** 2</c>, as PyTorch's <c>MSELoss</c>; regression. The target is the number
/// itself; <c>d/dy = 2 * (y - t)</c>.
/// </summary>
public sealed class MseLoss() : LossFunction("mse", "mean squared error, for numbers", ModelOutput.Value)
{
    /// <summary>The term of one sample, <c>(prediction - target) ** 2</c>.</summary>
    public static Value Of(Value prediction, Value target) => (prediction - target).Pow(2);

    /// <inheritdoc />
    public override void EncodeTarget(double target, Span<double> encoded) => encoded[0] = target;

    /// <inheritdoc />
    public override Value Term(IReadOnlyList<Value> outputs, IReadOnlyList<Value> targets) => Of(outputs[0], targets[0]);
}
