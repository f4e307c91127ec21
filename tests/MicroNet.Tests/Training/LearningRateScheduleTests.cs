using MicroNet.Tests.Support;

namespace MicroNet.Tests.Training;

public static class LearningRateScheduleTests
{
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
        var schedule = LearningRateSchedule.Linear(0.5, 0.1, 4);
        // 0.5, 0.4, 0.3, 0.2, then 0.1 from step 4 on.
        Approx.Equal(0.4, schedule.LearningRateAt(1), 1e-15, "step 1");
        Approx.Equal(0.2, schedule.LearningRateAt(3), 1e-15, "step 3");
        Approx.Equal(0.1, schedule.LearningRateAt(4), 1e-15, "step 4");
        Approx.Equal(0.1, schedule.LearningRateAt(50), 1e-15, "step 50");
    }

    [Fact]
    public static void Cosine_QuarterHalfAndEnd_MatchTheCosineFormula()
    {
        // min + (start - min) (1 + cos(pi k / N)) / 2 with start 1, min 0.2, N = 8.
        var schedule = LearningRateSchedule.Cosine(1.0, 0.2, 8);
        Assert.Equal(1.0, schedule.LearningRateAt(0));
        Approx.Equal(0.2 + 0.8 * (1 + Math.Sqrt(0.5)) / 2, schedule.LearningRateAt(2), 1e-15, "quarter");
        Approx.Equal(0.6, schedule.LearningRateAt(4), 1e-15, "half");
        Approx.Equal(0.2, schedule.LearningRateAt(8), 1e-15, "end");
        Approx.Equal(0.2, schedule.LearningRateAt(9), 1e-15, "after the end");
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
}
