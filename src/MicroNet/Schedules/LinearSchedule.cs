namespace MicroNet.Schedules;

/// <summary>A straight line from <c>start</c> to <c>end</c> over <c>steps</c> steps; see <see cref="LearningRateSchedule.Linear"/>.</summary>
internal sealed class LinearSchedule(double start, double end, int steps) : LearningRateSchedule
{
    // The operation order of micrograd's 1.0 - 0.9 * k / 100, so its demo is reproduced to the last bit.
    internal override double Compute(int step) => start - (start - end) * Math.Min(step, steps) / steps;
}
