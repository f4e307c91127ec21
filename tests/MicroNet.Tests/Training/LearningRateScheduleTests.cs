using MicroNet.Tests.Support;

namespace MicroNet.Tests.Training;

public static class LearningRateScheduleTests
{
    private static void AssertRates(LearningRateSchedule schedule, params (int Step, double Rate)[] expected)
    {
        foreach ((int step, double rate) in expected)
        {
            Approx.Equal(rate, schedule.LearningRateAt(step), 1e-15, $"step {step}");
        }
    }

    [Fact]
    public static void Constant_AnyStep_GivesTheSameRate()
    {
        var schedule = LearningRateSchedule.Constant(0.05);
        Assert.Equal(0.05, schedule.LearningRateAt(0));
        Assert.Equal(0.05, schedule.LearningRateAt(1_000_000));
    }

    [Fact]
    public static void Linear_MicrogradDemo_EqualsItsFormulaBitForBit()
    {
        var schedule = LearningRateSchedule.Linear(1.0, 0.1, 100);
        for (int k = 0; k < 100; k++)
        {
            Assert.Equal(1.0 - 0.9 * k / 100, schedule.LearningRateAt(k));
        }
    }

    [Fact]
    public static void Linear_AfterItsSteps_HoldsTheEndRate()
    {
        // 0.5, 0.4, 0.3, 0.2, then 0.1 from step 4 on.
        AssertRates(LearningRateSchedule.Linear(0.5, 0.1, 4), (1, 0.4), (3, 0.2), (4, 0.1), (50, 0.1));
    }

    [Fact]
    public static void Cosine_QuarterHalfAndEnd_MatchTheCosineFormula()
    {
        // min + (start - min) (1 + cos(pi k / N)) / 2 with start 1, min 0.2, N = 8.
        var schedule = LearningRateSchedule.Cosine(1.0, 0.2, 8);
        Assert.Equal(1.0, schedule.LearningRateAt(0));
        AssertRates(schedule, (2, 0.2 + 0.8 * (1 + Math.Sqrt(0.5)) / 2), (4, 0.6), (8, 0.2), (9, 0.2));
    }

    [Fact]
    public static void StepDecay_MultipliesByGammaEveryStepSizeSteps()
    {
        var schedule = LearningRateSchedule.StepDecay(0.1, 0.5, 3);
        Assert.Equal(0.1, schedule.LearningRateAt(0));
        Assert.Equal(0.1, schedule.LearningRateAt(2));
        Assert.Equal(0.05, schedule.LearningRateAt(3));
        Assert.Equal(0.025, schedule.LearningRateAt(8));
    }

    [Fact]
    public static void LearningRateAt_NegativeStep_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>("step", () => LearningRateSchedule.Constant(0.1).LearningRateAt(-1));

    [Fact]
    public static void Factories_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>("learningRate", () => LearningRateSchedule.Constant(-1));
        Assert.Throws<ArgumentOutOfRangeException>("end", () => LearningRateSchedule.Linear(1, double.NaN, 10));
        Assert.Throws<ArgumentOutOfRangeException>("steps", () => LearningRateSchedule.Cosine(1, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>("stepSize", () => LearningRateSchedule.StepDecay(1, 0.5, 0));
    }

    [Fact]
    public static void Schedule_DrivingAnOptimizer_SetsEachStepsRate()
    {
        // Gradient 1 each step: p moves by exactly the scheduled rate, 0.5 + 0.25 + 0 (cosine over 2 steps).
        Value p = 0.0;
        var sgd = new Sgd([p], 1);
        var schedule = LearningRateSchedule.Cosine(0.5, 0, 2);
        for (int step = 0; step < 3; step++)
        {
            sgd.LearningRate = schedule.LearningRateAt(step);
            p.Grad = 1;
            sgd.Step();
        }
        Approx.Equal(-0.75, p.Data, 1e-15, "p");
    }

    public static TheoryData<ScheduleKind, double, double> ScheduleEnds => new()
    {
        { ScheduleKind.Constant, 0.1, 0.1 },
        { ScheduleKind.Linear, 0.1, 0.01 },
        { ScheduleKind.Step, 0.1, 0.001 },
    };

    [Theory]
    [MemberData(nameof(ScheduleEnds))]
    public static void ScheduleKind_StartsAtTheRateAndEndsWhereDocumented(ScheduleKind kind, double first, double last)
    {
        LearningRateSchedule schedule = kind.Create(0.1, 10);

        Assert.Equal(first, schedule.LearningRateAt(0), 15);
        Assert.Equal(last, schedule.LearningRateAt(9), 15);
    }

    [Fact]
    public static void ScheduleKind_Cosine_FallsTowardZero()
    {
        LearningRateSchedule schedule = ScheduleKind.Cosine.Create(0.1, 10);

        Assert.Equal(0.1, schedule.LearningRateAt(0));
        Assert.InRange(schedule.LearningRateAt(9), 1e-4, 0.01);
    }
}
