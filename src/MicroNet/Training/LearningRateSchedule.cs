namespace MicroNet.Training;

/// <summary>
/// The learning rate as a function of the 0-based step index. Create one with <see cref="Constant"/>,
/// <see cref="Linear"/>, <see cref="Cosine"/> or <see cref="StepDecay"/>, then before each step set
/// <c>optimizer.LearningRate = schedule.LearningRateAt(step)</c>.
/// </summary>
/// <remarks>Schedules are immutable values: the same schedule can drive several runs.</remarks>
public abstract class LearningRateSchedule
{
    private protected LearningRateSchedule()
    {
    }

    /// <summary>The learning rate at step 0.</summary>
    public abstract double Initial { get; }

    /// <summary>The learning rate to use for step <paramref name="step"/> (0 for the first step).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public double LearningRateAt(int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        return Compute(step);
    }

    /// <summary>The same learning rate at every step.</summary>
    public static ConstantSchedule Constant(double learningRate) => new(learningRate);

    /// <summary>
    /// From <paramref name="start"/> to <paramref name="end"/> in a straight line over <paramref name="steps"/> steps,
    /// then <paramref name="end"/>: <c>start - (start - end) * min(step, steps) / steps</c>. micrograd's demo is
    /// <c>Linear(1.0, 0.1, 100)</c>: <c>1.0 - 0.9 * step / 100</c>.
    /// </summary>
    public static LinearSchedule Linear(double start, double end, int steps) => new(start, end, steps);

    /// <summary>
    /// Half a cosine from <paramref name="start"/> down to <paramref name="minimum"/> over <paramref name="steps"/>
    /// steps, then <paramref name="minimum"/>: <c>minimum + (start - minimum) * (1 + cos(pi * min(step, steps) / steps)) / 2</c>,
    /// PyTorch's <c>CosineAnnealingLR</c> without restarts.
    /// </summary>
    public static CosineSchedule Cosine(double start, double minimum, int steps) => new(start, minimum, steps);

    /// <summary>
    /// <paramref name="start"/> multiplied by <paramref name="gamma"/> every <paramref name="stepSize"/> steps:
    /// <c>start * gamma ** floor(step / stepSize)</c>, PyTorch's <c>StepLR</c>.
    /// </summary>
    public static StepDecaySchedule StepDecay(double start, double gamma, int stepSize) => new(start, gamma, stepSize);

    private protected abstract double Compute(int step);

    private protected static double CheckRate(double value, string parameterName)
    {
        if (!(value >= 0 && double.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(parameterName, value, "A learning rate must be a finite number, 0 or more.");
        }
        return value;
    }
}

/// <summary>The same learning rate at every step. See <see cref="LearningRateSchedule.Constant"/>.</summary>
public sealed class ConstantSchedule : LearningRateSchedule
{
    /// <summary>Creates a constant schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is negative, infinite or NaN.</exception>
    public ConstantSchedule(double learningRate) => LearningRate = CheckRate(learningRate, nameof(learningRate));

    /// <summary>The learning rate at every step.</summary>
    public double LearningRate { get; }

    /// <inheritdoc />
    public override double Initial => LearningRate;

    private protected override double Compute(int step) => LearningRate;
}

/// <summary>A straight line from <see cref="Start"/> to <see cref="End"/>. See <see cref="LearningRateSchedule.Linear"/>.</summary>
public sealed class LinearSchedule : LearningRateSchedule
{
    /// <summary>Creates a linear schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate is negative, infinite or NaN, or <paramref name="steps"/> is below 1.</exception>
    public LinearSchedule(double start, double end, int steps)
    {
        Start = CheckRate(start, nameof(start));
        End = CheckRate(end, nameof(end));
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        Steps = steps;
    }

    /// <summary>The learning rate at step 0.</summary>
    public double Start { get; }

    /// <summary>The learning rate from step <see cref="Steps"/> on.</summary>
    public double End { get; }

    /// <summary>How many steps the line takes.</summary>
    public int Steps { get; }

    /// <inheritdoc />
    public override double Initial => Start;

    // The operation order of micrograd's 1.0 - 0.9 * k / 100, so its demo is reproduced to the last bit.
    private protected override double Compute(int step) => Start - (Start - End) * Math.Min(step, Steps) / Steps;
}

/// <summary>Half a cosine from <see cref="Start"/> to <see cref="Minimum"/>. See <see cref="LearningRateSchedule.Cosine"/>.</summary>
public sealed class CosineSchedule : LearningRateSchedule
{
    /// <summary>Creates a cosine schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate is negative, infinite or NaN, or <paramref name="steps"/> is below 1.</exception>
    public CosineSchedule(double start, double minimum, int steps)
    {
        Start = CheckRate(start, nameof(start));
        Minimum = CheckRate(minimum, nameof(minimum));
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        Steps = steps;
    }

    /// <summary>The learning rate at step 0.</summary>
    public double Start { get; }

    /// <summary>The learning rate from step <see cref="Steps"/> on (PyTorch's <c>eta_min</c>).</summary>
    public double Minimum { get; }

    /// <summary>How many steps the half cosine takes (PyTorch's <c>T_max</c>).</summary>
    public int Steps { get; }

    /// <inheritdoc />
    public override double Initial => Start;

    private protected override double Compute(int step) =>
        Minimum + (Start - Minimum) * (1 + Math.Cos(Math.PI * Math.Min(step, Steps) / Steps)) / 2;
}

/// <summary>A rate multiplied by <see cref="Gamma"/> every <see cref="StepSize"/> steps. See <see cref="LearningRateSchedule.StepDecay"/>.</summary>
public sealed class StepDecaySchedule : LearningRateSchedule
{
    /// <summary>Creates a step-decay schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="start"/> or <paramref name="gamma"/> is negative, infinite or NaN, or <paramref name="stepSize"/> is below 1.
    /// </exception>
    public StepDecaySchedule(double start, double gamma, int stepSize)
    {
        Start = CheckRate(start, nameof(start));
        if (!(gamma >= 0 && double.IsFinite(gamma)))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Gamma must be a finite number, 0 or more (usually below 1).");
        }
        Gamma = gamma;
        ArgumentOutOfRangeException.ThrowIfLessThan(stepSize, 1);
        StepSize = stepSize;
    }

    /// <summary>The learning rate for the first <see cref="StepSize"/> steps.</summary>
    public double Start { get; }

    /// <summary>The factor applied every <see cref="StepSize"/> steps.</summary>
    public double Gamma { get; }

    /// <summary>How many steps pass between decays.</summary>
    public int StepSize { get; }

    /// <inheritdoc />
    public override double Initial => Start;

    private protected override double Compute(int step) => Start * Math.Pow(Gamma, step / StepSize);
}
