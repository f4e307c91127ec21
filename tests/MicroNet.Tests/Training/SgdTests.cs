
namespace MicroNet.Tests.Training;

/// <summary>Gradient descent steps, with and without momentum, against numbers worked out by hand.</summary>
public static class SgdTests
{
    [Fact]
    public static void Step_NoMomentum_MovesEachParameterAgainstItsGradient()
    {
        var a = new Value(1.5) { Grad = 2 };
        var b = new Value(-1) { Grad = -0.5 };
        var sgd = new Sgd([a, b], learningRate: 0.1);

        sgd.Step();

        Assert.Equal(1.3, a.Data, 1e-15);
        Assert.Equal(-0.95, b.Data, 1e-15);
        // The step reads gradients, it does not clear them.
        Assert.Equal(2.0, a.Grad);
    }

    [Fact]
    public static void Step_WithMomentum_MatchesPyTorchOverThreeSteps()
    {
        var p = new Value(1);
        var sgd = new Sgd([p], learningRate: 0.1, momentum: 0.9);

        // PyTorch: v = momentum * v + grad; p -= lr * v, with v starting as the first gradient.
        p.Grad = 1;
        sgd.Step();
        // v = 1, p = 1 - 0.1 * 1
        Assert.Equal(0.9, p.Data, 1e-15);
        p.Grad = 2;
        sgd.Step();
        // v = 0.9 * 1 + 2 = 2.9, p = 0.9 - 0.29
        Assert.Equal(0.61, p.Data, 1e-15);
        p.Grad = -1;
        sgd.Step();
        // v = 0.9 * 2.9 - 1 = 1.61, p = 0.61 - 0.161
        Assert.Equal(0.449, p.Data, 1e-15);
    }

    [Fact]
    public static void Step_LearningRateZero_LeavesParametersUnchanged()
    {
        // PyTorch accepts lr = 0, and a schedule may decay to it; the CLI still rejects 0 as a user's choice.
        var p = new Value(0.75) { Grad = 3 };
        var sgd = new Sgd([p], 0);

        sgd.Step();

        Assert.Equal(0.75, p.Data);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public static void Constructor_InvalidLearningRate_Throws(double learningRate)
    {
        Value[] parameters = [1];

        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(parameters, learningRate));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public static void LearningRate_SetToInvalid_ThrowsAndKeepsOldRate(double learningRate)
    {
        var sgd = new Sgd([new Value(1)], 0.5);

        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = learningRate);
        Assert.Equal(0.5, sgd.LearningRate);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public static void Constructor_InvalidMomentum_Throws(double momentum)
    {
        Value[] parameters = [1];

        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(parameters, 0.1, momentum));

        Assert.Equal("momentum", e.ParamName);
    }

    [Fact]
    public static void ZeroGrad_ZeroesEveryParameterGradient()
    {
        Value[] parameters = [new Value(1) { Grad = 3 }, new Value(2) { Grad = -4 }];
        var sgd = new Sgd(parameters, 0.1);

        sgd.ZeroGrad();

        Assert.All(parameters, p => Assert.Equal(0.0, p.Grad));
    }
}
