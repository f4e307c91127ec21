using MicroNet.Tests.Support;

namespace MicroNet.Tests.Training;

/// <summary>
/// SGD, Adam and AdamW on small quadratic losses with known gradients, against the update formulas of
/// <c>torch.optim</c> written out in each test, and against numbers worked out by hand.
/// </summary>
public static class OptimizerTests
{
    // torch.optim.Adam's defaults for the betas and eps, with learning rate 0.1, for the tests that follow its formulas.
    private const double Lr = 0.1, B1 = 0.9, B2 = 0.999, Eps = 1e-8;

    // loss = (p - 3)^2 + q^2 / 2, so dloss/dp = 2 (p - 3) and dloss/dq = q.
    private static Value QuadraticLoss(Value p, Value q) => (p - 3).Pow(2) + 0.5 * q * q;

    private static double[] QuadraticGradient(double[] x) => [2 * (x[0] - 3), x[1]];

    private static void TrainStep(IOptimizer optimizer, Func<Value> loss)
    {
        Value value = loss();
        optimizer.ZeroGrad();
        value.Backward();
        optimizer.Step();
    }

    // Steps the optimizer on loss = p^2 and checks p after each step.
    private static void AssertStepsOnSquare(Value p, IOptimizer optimizer, double[] expected, double tolerance)
    {
        for (int step = 0; step < expected.Length; step++)
        {
            TrainStep(optimizer, () => p * p);
            Approx.Equal(expected[step], p.Data, tolerance, $"p after step {step + 1}");
        }
    }

    // torch.optim.Adam's update of one parameter at step t (from 1) with gradient g: updates the moments m and v and
    // returns the amount to subtract, lr * m_hat / (sqrt(v_hat) + eps).
    private static double AdamUpdate(double g, ref double m, ref double v, int t)
    {
        m = B1 * m + (1 - B1) * g;
        v = B2 * v + (1 - B2) * g * g;
        double mHat = m / (1 - Math.Pow(B1, t));
        double vHat = v / (1 - Math.Pow(B2, t));
        return Lr * mHat / (Math.Sqrt(vHat) + Eps);
    }

    [Fact]
    public static void Sgd_PlainStep_MovesByLearningRateTimesGradient()
    {
        // loss = p^2, gradient 2p: p <- p - 0.1 * 2p = 0.8 p.
        Value p = 1.0;
        AssertStepsOnSquare(p, new Sgd([p], learningRate: 0.1), [0.8, 0.64, 0.512], 1e-15);
    }

    [Fact]
    public static void Sgd_MomentumAndWeightDecay_MatchesHandComputedSteps()
    {
        // loss = p^2, lr 0.1, momentum 0.9, weight decay 0.1: g = 2p + 0.1p = 2.1p, v = 0.9 v + g, p -= 0.1 v.
        // Step 1: g = 2.1, v = 2.1, p = 0.79. Step 2: g = 1.659, v = 3.549, p = 0.4351.
        // Step 3: g = 0.91371, v = 4.10781, p = 0.024319.
        Value p = 1.0;
        AssertStepsOnSquare(p, new Sgd([p], learningRate: 0.1, momentum: 0.9, weightDecay: 0.1), [0.79, 0.4351, 0.024319], 1e-14);
    }

    [Fact]
    public static void Adam_FirstStep_MovesEachParameterByLearningRateAgainstTheGradientSign()
    {
        // At t = 1, m_hat = g and v_hat = g^2, so the step is lr * g / (|g| + eps): lr, up to eps / |g|.
        Value p = 1.0, q = -2.0;
        var adam = new Adam([p, q], learningRate: 0.1);
        TrainStep(adam, () => QuadraticLoss(p, q));

        Approx.Equal(1.1, p.Data, 1e-9, "p (gradient -4)");
        Approx.Equal(-1.9, q.Data, 1e-9, "q (gradient -2)");
        Assert.Equal(1, adam.StepCount);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    public static void Adam_ThreeSteps_MatchTorchAdamFormulas(double weightDecay)
    {
        Value p = 1.0, q = -2.0;
        var adam = new Adam([p, q], Lr, weightDecay: weightDecay);

        double[] x = [1.0, -2.0], m = [0, 0], v = [0, 0];
        for (int t = 1; t <= 3; t++)
        {
            double[] g = QuadraticGradient(x);
            for (int i = 0; i < 2; i++)
            {
                x[i] -= AdamUpdate(g[i] + weightDecay * x[i], ref m[i], ref v[i], t);
            }

            TrainStep(adam, () => QuadraticLoss(p, q));
            Approx.Equal(x[0], p.Data, 1e-14, $"p after step {t}");
            Approx.Equal(x[1], q.Data, 1e-14, $"q after step {t}");
        }
        Assert.Equal(3, adam.StepCount);
    }

    [Fact]
    public static void AdamW_ThreeSteps_MatchTorchAdamWFormulas()
    {
        const double Wd = 0.2;
        Value p = 1.0, q = -2.0;
        var adamW = new Adam([p, q], Lr, weightDecay: Wd, decoupledWeightDecay: true);

        double[] x = [1.0, -2.0], m = [0, 0], v = [0, 0];
        for (int t = 1; t <= 3; t++)
        {
            // The gradient is taken before the decay, as in PyTorch (backward runs before step).
            double[] g = QuadraticGradient(x);
            for (int i = 0; i < 2; i++)
            {
                x[i] *= 1 - Lr * Wd;
                x[i] -= AdamUpdate(g[i], ref m[i], ref v[i], t);
            }

            TrainStep(adamW, () => QuadraticLoss(p, q));
            Approx.Equal(x[0], p.Data, 1e-14, $"p after step {t}");
            Approx.Equal(x[1], q.Data, 1e-14, $"q after step {t}");
        }
    }

    [Fact]
    public static void AdamW_ZeroGradient_OnlyDecaysTheParameter()
    {
        // m = v = 0 keeps the Adam step at 0 / (0 + eps) = 0; each step multiplies by 1 - 0.1 * 0.5 = 0.95.
        Value p = 2.0;
        var adamW = new Adam([p], learningRate: 0.1, weightDecay: 0.5, decoupledWeightDecay: true);
        for (int t = 0; t < 3; t++)
        {
            adamW.Step();
        }
        Approx.Equal(2 * 0.95 * 0.95 * 0.95, p.Data, 1e-15, "p");
    }

    [Fact]
    public static void Adam_ZeroGradientWithWeightDecay_StepsByLearningRateTowardZero()
    {
        // Adam adds wd * p to a zero gradient, so the first step is lr * sign(p), not a decay by a factor.
        Value p = 2.0;
        var adam = new Adam([p], learningRate: 0.1, weightDecay: 0.5);
        adam.Step();
        Approx.Equal(1.9, p.Data, 1e-9, "p");
    }

    [Fact]
    public static void AdamAndAdamW_Defaults_MatchPyTorch()
    {
        var adam = new Adam([new Value(0)]);
        var adamW = new Adam([new Value(0)], decoupledWeightDecay: true);

        Assert.Equal(1e-3, adam.LearningRate);
        Assert.Equal(0.9, adam.Beta1);
        Assert.Equal(0.999, adam.Beta2);
        Assert.Equal(1e-8, adam.Epsilon);
        Assert.Equal(0.0, adam.WeightDecay);
        Assert.Equal(1e-3, adamW.LearningRate);
        Assert.Equal(0.9, adamW.Beta1);
        Assert.Equal(0.999, adamW.Beta2);
        Assert.Equal(1e-8, adamW.Epsilon);
        Assert.Equal(1e-2, adamW.WeightDecay);
    }

    [Fact]
    public static void Optimizers_ZeroGrad_ClearsEveryParameterGradient()
    {
        Value p = new(1) { Grad = 3 }, q = new(2) { Grad = -4 };
        IOptimizer[] optimizers = [new Sgd([p, q], 0.1), new Adam([p, q]), new Adam([p, q], decoupledWeightDecay: true)];
        foreach (IOptimizer optimizer in optimizers)
        {
            p.Grad = 3;
            q.Grad = -4;
            optimizer.ZeroGrad();
            Assert.Equal(0.0, p.Grad);
            Assert.Equal(0.0, q.Grad);
            Assert.Equal([p, q], optimizer.Parameters);
        }
    }

    [Fact]
    public static void Optimizers_DuplicateParameter_Throws()
    {
        Value p = 1.0;
        Assert.Throws<ArgumentException>("parameters", () => new Sgd([p, p], 0.1));
        Assert.Throws<ArgumentException>("parameters", () => new Adam([p, p]));
        Assert.Throws<ArgumentException>("parameters", () => new Adam([p, p], decoupledWeightDecay: true));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public static void Optimizers_InvalidLearningRate_Throws(double learningRate)
    {
        Value p = 1.0;
        Assert.Throws<ArgumentOutOfRangeException>(nameof(learningRate), () => new Sgd([p], learningRate));
        Assert.Throws<ArgumentOutOfRangeException>(nameof(learningRate), () => new Adam([p], learningRate));
        var adamW = new Adam([p], decoupledWeightDecay: true);
        Assert.Throws<ArgumentOutOfRangeException>("value", () => adamW.LearningRate = learningRate);
    }

    [Fact]
    public static void Optimizers_ZeroLearningRate_LeavesParametersUnchanged()
    {
        // A schedule may end at 0, as PyTorch allows.
        Value p = 1.0;
        p.Grad = 5;
        IOptimizer[] optimizers = [new Sgd([p], 0), new Adam([p], 0), new Adam([p], 0, decoupledWeightDecay: true)];
        foreach (IOptimizer optimizer in optimizers)
        {
            optimizer.Step();
        }
        Assert.Equal(1.0, p.Data);
    }

    [Theory]
    [InlineData(1.0, 0.999)]
    [InlineData(0.9, -0.1)]
    public static void Adam_BetaOutsideZeroOne_Throws(double beta1, double beta2) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([new Value(0)], beta1: beta1, beta2: beta2));
}
