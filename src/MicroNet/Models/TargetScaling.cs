namespace MicroNet.Models;

/// <summary>
/// How a regression network's output maps back to the target's units: <c>prediction = Mean + StandardDeviation * output</c>.
/// A trainer that standardises the targets stores their training mean and standard deviation here.
/// </summary>
/// <param name="Mean">Added to the scaled output; finite.</param>
/// <param name="StandardDeviation">Multiplies the output; finite and above 0.</param>
public sealed record TargetScaling(double Mean, double StandardDeviation)
{
    /// <summary>The network's output is the prediction as it is: mean 0, standard deviation 1.</summary>
    public static TargetScaling Identity { get; } = new(0, 1);

    /// <summary>Maps a network output to the target's units.</summary>
    public double Apply(double output) => Mean + StandardDeviation * output;
}
