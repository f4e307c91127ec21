using System.Globalization;
using MicroNet.Models;

namespace MicroNet.Loss;

/// <summary>
/// PyTorch's <c>HuberLoss</c>: with <c>d = |y - t|</c>, <c>0.5 * d ** 2</c> where <c>d &lt; delta</c> and
/// <c>delta * (d - 0.5 * delta)</c> elsewhere; regression that is quadratic near the target and linear far from it, so
/// outliers pull less than under mse. <c>d/dy = y - t</c> inside, <c>delta * sign(y - t)</c> outside.
/// </summary>
/// <remarks>
/// Built from existing ops as <c>0.5 * q ** 2 + delta * r</c>, with <c>a = relu(y - t) + relu(t - y)</c> (that is <c>d</c>),
/// <c>r = relu(a - delta)</c> and <c>q = a - r</c>: inside, <c>r</c> is exactly 0 and <c>q</c> exactly <c>d</c>; outside,
/// <c>q</c> is <c>delta</c> and <c>r</c> is <c>d - delta</c>. Relu's derivative of 0 at 0 gives PyTorch's choices at the
/// seams: gradient 0 at <c>d = 0</c> and <c>delta * sign</c> at <c>d = delta</c>.
/// </remarks>
public sealed class HuberLoss : LossFunction
{
    /// <summary>PyTorch's default <c>delta</c>, 1.</summary>
    public const double DefaultDelta = 1.0;

    /// <summary>Creates the loss with its threshold <paramref name="delta"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not a finite number above 0.</exception>
    public HuberLoss(double delta = DefaultDelta)
        : base("huber", string.Create(CultureInfo.InvariantCulture, $"Huber loss with delta {delta:R}, for numbers with outliers"), ModelOutput.Value) =>
        Delta = CheckDelta(delta, nameof(delta));

    /// <summary>Where the loss turns from quadratic to linear.</summary>
    public double Delta { get; }

    /// <summary>The term of one sample with threshold <paramref name="delta"/>.</summary>
    public static Value Of(Value prediction, Value target, double delta)
    {
        Value difference = prediction - target;
        Value distance = difference.Relu() + (-difference).Relu();
        Value beyond = (distance - Value.Constant(delta)).Relu();
        Value within = distance - beyond;
        return Value.Constant(0.5) * within.Pow(2) + Value.Constant(delta) * beyond;
    }

    /// <inheritdoc />
    public override void EncodeTarget(double target, Span<double> encoded) => encoded[0] = target;

    /// <inheritdoc />
    public override Value Term(IReadOnlyList<Value> outputs, IReadOnlyList<Value> targets) => Of(outputs[0], targets[0], Delta);

    /// <inheritdoc />
    protected override bool HasSameSettings(LossFunction other) => other is HuberLoss huber && huber.Delta == Delta;

    private static double CheckDelta(double delta, string parameterName) => delta > 0 && double.IsFinite(delta)
        ? delta
        : throw new ArgumentOutOfRangeException(parameterName, delta, "Huber's delta must be a finite number above 0.");
}
