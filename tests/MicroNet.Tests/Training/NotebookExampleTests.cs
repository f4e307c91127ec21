using MicroNet.Training;

namespace MicroNet.Tests.Training;

public static class NotebookExampleTests
{
    [Fact]
    public static void Train_Defaults_ReachesLowLossWithMatchingSigns()
    {
        NotebookRun run = NotebookExample.Train();

        Assert.True(run.FinalLoss < 0.05, $"final loss {run.FinalLoss}");
        Assert.Equal(NotebookExample.Targets.Count, run.Predictions.Count);
        for (int i = 0; i < run.Predictions.Count; i++)
        {
            Assert.Equal(Math.Sign(NotebookExample.Targets[i]), Math.Sign(run.Predictions[i]));
        }
    }

    [Fact]
    public static void Train_Defaults_LossFalls()
    {
        NotebookRun run = NotebookExample.Train();

        Assert.Equal(NotebookExample.DefaultSteps, run.StepLosses.Count);
        Assert.True(run.FinalLoss < run.StepLosses[0] / 10, $"first {run.StepLosses[0]}, final {run.FinalLoss}");
    }

    [Fact]
    public static void CreateModel_IsTheNetworkTrainStartsFrom()
    {
        NotebookRun untrained = NotebookExample.Train(steps: 0, seed: 3);
        Value loss = NotebookExample.Loss(NotebookExample.CreateModel(seed: 3), out _);

        Assert.Equal(untrained.FinalLoss, loss.Data);
        Assert.Equal(41, NotebookExample.CreateModel().Parameters().Count);
    }

    [Fact]
    public static void Neuron_AfterBackward_HasTheNotebooksValuesAndGradients()
    {
        Value o = NotebookExample.Neuron();
        Dictionary<string, Value> byLabel = o.TopologicalOrder().ToDictionary(v => v.Label);

        // The notebook: o = tanh(n) = 0.7071, so do/dn = 1 - o**2 = 0.5, and each input's gradient is 0.5 times its weight.
        Assert.Equal(Math.Sqrt(0.5), o.Data, 1e-9);
        Assert.Equal("o", o.Label);
        Assert.Equal(0.5, byLabel["n"].Grad, 1e-9);
        Assert.Equal(0.5, byLabel["b"].Grad, 1e-9);
        Assert.Equal(-1.5, byLabel["x1"].Grad, 1e-9);
        Assert.Equal(1.0, byLabel["w1"].Grad, 1e-9);
        Assert.Equal(0.5, byLabel["x2"].Grad, 1e-9);
        Assert.Equal(0.0, byLabel["w2"].Grad, 1e-9);
        Assert.Equal(["b", "n", "o", "w1", "w2", "x1", "x1*w1", "x1*w1 + x2*w2", "x2", "x2*w2"], byLabel.Keys.Order(StringComparer.Ordinal));
    }
}
