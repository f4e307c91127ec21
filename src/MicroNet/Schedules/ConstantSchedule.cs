namespace MicroNet.Schedules;

/// <summary>The same learning rate at every step; see <see cref="LearningRateSchedule.Constant"/>.</summary>
internal sealed class ConstantSchedule(double learningRate) : LearningRateSchedule
{
    internal override double Compute(int step) => learningRate;
}
