namespace MicroNet.Schedules;

/// <summary>Half a cosine from <c>start</c> down to <c>minimum</c> over <c>steps</c> steps; see <see cref="LearningRateSchedule.Cosine"/>.</summary>
internal sealed class CosineSchedule(double start, double minimum, int steps) : LearningRateSchedule
{
    internal override double Compute(int step) => minimum + (start - minimum) * (1 + Math.Cos(Math.PI * Math.Min(step, steps) / steps)) / 2;
}
