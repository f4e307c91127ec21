namespace MicroNet.Schedules;

/// <summary>The shapes of learning-rate schedule <see cref="ScheduleKindExtensions.Create"/> builds for a run of a given length.</summary>
public enum ScheduleKind
{
    /// <summary>The same rate throughout.</summary>
    Constant,

    /// <summary>A straight line down to a tenth of the starting rate at the last epoch (micrograd's demo goes from 1.0 to 0.1).</summary>
    Linear,

    /// <summary>Half a cosine down to 0 at the end of the run (PyTorch's <c>CosineAnnealingLR</c> with <c>T_max</c> the run's length).</summary>
    Cosine,

    /// <summary>The rate multiplied by 0.1 after each third of the run (PyTorch's <c>StepLR</c>), so the last third uses a hundredth.</summary>
    Step,
}

/// <summary>Names a <see cref="ScheduleKind"/> and builds its <see cref="LearningRateSchedule"/>.</summary>
public static class ScheduleKindExtensions
{
    /// <summary>The names on the command line and in summaries: <c>constant</c>, <c>linear</c>, <c>cosine</c>, <c>step</c>.</summary>
    public static NameTable<ScheduleKind> Names { get; } = new("schedule",
        (ScheduleKind.Constant, "constant"), (ScheduleKind.Linear, "linear"), (ScheduleKind.Cosine, "cosine"), (ScheduleKind.Step, "step"));

    /// <summary>The name of <paramref name="kind"/> in <see cref="Names"/>, such as <c>cosine</c>.</summary>
    public static string ToName(this ScheduleKind kind) => Names.NameOf(kind);

    /// <summary>
    /// A schedule of <paramref name="kind"/> that starts at <paramref name="learningRate"/> and spans
    /// <paramref name="length"/> steps of the schedule (for <c>Trainer</c>, epochs).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is negative or not finite, or <paramref name="length"/> is below 1.</exception>
    public static LearningRateSchedule Create(this ScheduleKind kind, double learningRate, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        return kind switch
        {
            ScheduleKind.Constant => LearningRateSchedule.Constant(learningRate),
            // Reaches its end rate at the last index, length - 1, so the final epoch uses a tenth.
            ScheduleKind.Linear => LearningRateSchedule.Linear(learningRate, learningRate / 10, Math.Max(1, length - 1)),
            ScheduleKind.Cosine => LearningRateSchedule.Cosine(learningRate, 0, length),
            ScheduleKind.Step => LearningRateSchedule.StepDecay(learningRate, 0.1, Math.Max(1, (length + 2) / 3)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Unknown schedule; the schedules are {Names.Choices}."),
        };
    }
}
