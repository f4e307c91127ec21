namespace MicroNet.Schedules;

/// <summary>
/// The learning rate as a function of the 0-based step index. Create one with <see cref="Constant"/>,
/// <see cref="Linear"/>, <see cref="Cosine"/> or <see cref="StepDecay"/>, then before each step set
/// <c>optimizer.LearningRate = schedule.LearningRateAt(step)</c>.
/// </summary>
/// <remarks>Schedules are immutable values: the same schedule can drive several runs.</remarks>
public abstract class LearningRateSchedule
{
    internal LearningRateSchedule()
    {
    }

    /// <summary>The learning rate to use for step <paramref name="step"/> (0 for the first step).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public double LearningRateAt(int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        return Compute(step);
    }

    /// <summary>The same learning rate at every step.</summary>
    public static LearningRateSchedule Constant(double learningRate) => new ConstantSchedule(CheckRate(learningRate, nameof(learningRate)));

    /// <summary>
    /// From <paramref name="start"/> to <paramref name="end"/> in a straight line over <paramref name="steps"/> steps,
    /// then <paramref name="end"/>: <c>start - (start - end) * min(step, steps) / steps</c>. micrograd's demo is
    /// <c>Linear(1.0, 0.1, 100)</c>: <c>1.0 - 0.9 * step / 100</c>.
    /// </summary>
    public static LearningRateSchedule Linear(double start, double end, int steps) =>
        new LinearSchedule(CheckRate(start, nameof(start)), CheckRate(end, nameof(end)), CheckSteps(steps, nameof(steps)));

    /// <summary>
    /// Half a cosine from <paramref name="start"/> down to <paramref name="minimum"/> over <paramref name="steps"/>
    /// steps, then <paramref name="minimum"/>: <c>minimum + (start - minimum) * (1 + cos(pi * min(step, steps) / steps)) / 2</c>,
    /// PyTorch's <c>CosineAnnealingLR</c> without restarts.
    /// </summary>
    public static LearningRateSchedule Cosine(double start, double minimum, int steps) =>
        new CosineSchedule(CheckRate(start, nameof(start)), CheckRate(minimum, nameof(minimum)), CheckSteps(steps, nameof(steps)));

    /// <summary>
    /// <paramref name="start"/> multiplied by <paramref name="gamma"/> every <paramref name="stepSize"/> steps:
    /// <c>start * gamma ** floor(step / stepSize)</c>, PyTorch's <c>StepLR</c>.
    /// </summary>
    public static LearningRateSchedule StepDecay(double start, double gamma, int stepSize)
    {
        if (!(gamma >= 0 && double.IsFinite(gamma)))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Gamma must be a finite number, 0 or more (usually below 1).");
        }
        return new StepDecaySchedule(CheckRate(start, nameof(start)), gamma, CheckSteps(stepSize, nameof(stepSize)));
    }

    internal abstract double Compute(int step);

    private static int CheckSteps(int steps, string parameterName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1, parameterName);
        return steps;
    }

    private static double CheckRate(double value, string parameterName)
    {
        if (!(value >= 0 && double.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(parameterName, value, "A learning rate must be a finite number, 0 or more.");
        }
        return value;
    }
}
