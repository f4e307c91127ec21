using MicroNet.Tests.Support;

namespace MicroNet.Tests.Training;

/// <summary>Softmax cross-entropy and binary cross-entropy on logits: hand-computed values, gradients and large-logit limits.</summary>
public static class ClassificationLossTests
{
    private static Value[] Leaves(params double[] data) => [.. data.Select(d => new Value(d))];

    [Fact]
    public static void CrossEntropy_OneSample_IsMinusLogSoftmaxWithSoftmaxMinusOneHotGradient()
    {
        Value[] logits = Leaves(2.0, 1.0, 0.1);
        Value loss = Losses.CrossEntropy(logits, 0);
        loss.Backward();

        double sum = Math.Exp(2.0) + Math.Exp(1.0) + Math.Exp(0.1);
        Approx.Equal(-Math.Log(Math.Exp(2.0) / sum), loss.Data, 1e-15, "loss");
        Approx.Equal(Math.Exp(2.0) / sum - 1, logits[0].Grad, 1e-15, "d/dz0");
        Approx.Equal(Math.Exp(1.0) / sum, logits[1].Grad, 1e-15, "d/dz1");
        Approx.Equal(Math.Exp(0.1) / sum, logits[2].Grad, 1e-15, "d/dz2");
    }

    [Theory]
    // Wrong class: -ln softmax([1000, 0])[1] = ln(e^1000 + 1) - 0 = 1000; gradient softmax - onehot = [1, 0] - [0, 1].
    [InlineData(1, 1000.0, 1.0, -1.0)]
    // Right class: ln(1 + e^-1000) rounds to 0, as do both gradients.
    [InlineData(0, 0.0, 0.0, 0.0)]
    public static void CrossEntropy_LargeLogit_IsFiniteWithExactGradients(int target, double expectedLoss, double expectedGrad0, double expectedGrad1)
    {
        Value[] logits = Leaves(1000.0, 0.0);
        Value loss = Losses.CrossEntropy(logits, target);
        loss.Backward();

        Assert.Equal(expectedLoss, loss.Data);
        Assert.Equal(expectedGrad0, logits[0].Grad);
        Assert.Equal(expectedGrad1, logits[1].Grad);
    }

    [Fact]
    public static void CrossEntropy_Batch_AveragesOrSumsTheSampleLosses()
    {
        // Sample 1: [0, 0] target 1 gives ln 2. Sample 2: [ln 3, 0] target 0 gives -ln(3/4) = ln(4/3).
        IReadOnlyList<Value>[] logits = [Leaves(0.0, 0.0), Leaves(Math.Log(3), 0.0)];
        double expectedSum = Math.Log(2) + Math.Log(4.0 / 3);

        Value mean = Losses.CrossEntropy(logits, [1, 0]);
        Value sum = Losses.CrossEntropy(logits, [1, 0], Reduction.Sum);
        mean.Backward();

        Approx.Equal(expectedSum / 2, mean.Data, 1e-15, "mean");
        Approx.Equal(expectedSum, sum.Data, 1e-15, "sum");
        // d mean / d z(sample 2, class 0) = (softmax - 1) / 2 = (3/4 - 1) / 2.
        Approx.Equal(-0.125, logits[1][0].Grad, 1e-15, "gradient");
    }

    [Fact]
    public static void CrossEntropy_TargetOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>("target", () => Losses.CrossEntropy(Leaves(1.0, 2.0), 2));
        Assert.Throws<ArgumentOutOfRangeException>("targets", () => Losses.CrossEntropy([Leaves(1.0, 2.0)], [-1]));
    }

    [Fact]
    public static void CrossEntropy_MismatchedBatch_ThrowsNamingBothSizes()
    {
        var error = Assert.Throws<ArgumentException>("targets", () => Losses.CrossEntropy([Leaves(1.0), Leaves(2.0)], [0]));
        Assert.Contains("2", error.Message, StringComparison.Ordinal);
        Assert.Contains("1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void BinaryCrossEntropyWithLogits_ModerateLogit_MatchesMinusLogSigmoid()
    {
        // y = 1: -ln(sigmoid(2)) = ln(1 + e^-2), gradient sigmoid(2) - 1.
        Value z = 2.0;
        Value loss = Losses.BinaryCrossEntropyWithLogits(z, 1);
        loss.Backward();

        double sigmoid = 1 / (1 + Math.Exp(-2.0));
        Approx.Equal(-Math.Log(sigmoid), loss.Data, 1e-15, "loss");
        Approx.Equal(sigmoid - 1, z.Grad, 1e-15, "gradient");
    }

    [Fact]
    public static void BinaryCrossEntropyWithLogits_SoftTarget_MatchesTextbookFormula()
    {
        Value z = -0.7;
        Value loss = Losses.BinaryCrossEntropyWithLogits(z, 0.3);
        loss.Backward();

        double p = 1 / (1 + Math.Exp(0.7));
        Approx.Equal(-(0.3 * Math.Log(p) + 0.7 * Math.Log(1 - p)), loss.Data, 1e-14, "loss");
        Approx.Equal(p - 0.3, z.Grad, 1e-15, "gradient");
    }

    [Theory]
    [InlineData(1000.0, 0.0, 1000.0, 1.0)]
    [InlineData(-1000.0, 1.0, 1000.0, -1.0)]
    [InlineData(-1000.0, 0.0, 0.0, 0.0)]
    [InlineData(1000.0, 1.0, 0.0, 0.0)]
    public static void BinaryCrossEntropyWithLogits_LargeLogits_AreFinite(double logit, double target, double expectedLoss, double expectedGrad)
    {
        // softplus(z) - y z: softplus(1000) = 1000, softplus(-1000) = 0 (to e^-1000); gradient sigmoid(z) - y.
        Value z = logit;
        Value loss = Losses.BinaryCrossEntropyWithLogits(z, target);
        loss.Backward();

        Assert.Equal(expectedLoss, loss.Data);
        Assert.Equal(expectedGrad, z.Grad);
    }

    [Fact]
    public static void BinaryCrossEntropyWithLogits_Batch_AveragesTheSampleLosses()
    {
        // Logit 0 gives ln 2 for either target.
        Value[] logits = Leaves(0.0, 0.0, 0.0);
        Value loss = Losses.BinaryCrossEntropyWithLogits(logits, [0.0, 1.0, 1.0]);
        loss.Backward();

        Approx.Equal(Math.Log(2), loss.Data, 1e-15, "loss");
        Approx.Equal(0.5 / 3, logits[0].Grad, 1e-15, "gradient, target 0");
        Approx.Equal(-0.5 / 3, logits[1].Grad, 1e-15, "gradient, target 1");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public static void BinaryCrossEntropyWithLogits_TargetOutsideZeroOne_Throws(double target)
    {
        Assert.Throws<ArgumentOutOfRangeException>(nameof(target), () => Losses.BinaryCrossEntropyWithLogits(new Value(0), target));
        Assert.Throws<ArgumentOutOfRangeException>("targets", () => Losses.BinaryCrossEntropyWithLogits(Leaves(0.0), [target]));
    }
}
