namespace MicroNet.Schedules;

/// <summary>A rate multiplied by <c>gamma</c> every <c>stepSize</c> steps; see <see cref="LearningRateSchedule.StepDecay"/>.</summary>
internal sealed class StepDecaySchedule(double start, double gamma, int stepSize) : LearningRateSchedule
{
    internal override double Compute(int step) => start * Math.Pow(gamma, step / stepSize);
}
