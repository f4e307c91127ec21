using MicroNet.Nn;
using MicroNet.Cli.Examples;

namespace MicroNet.Tests.Cli;

/// <summary>The notebook's training run: it learns the four samples, and the same seed repeats it exactly.</summary>
public static class NotebookExampleTests
{
    [Fact]
    public static void Train_Defaults_FitsTheFourSamples()
    {
        NotebookRun run = NotebookExample.Train();

        Assert.True(run.FinalLoss < 0.05, $"Final loss {run.FinalLoss} is not below 0.05.");
        Assert.Equal(NotebookExample.DefaultSteps, run.StepLosses.Count);
        Assert.True(run.StepLosses[^1] < run.StepLosses[0]);
        Assert.Equal(NotebookExample.Targets.Count, run.Predictions.Count);
        for (int i = 0; i < run.Predictions.Count; i++)
        {
            Assert.Equal(Math.Sign(NotebookExample.Targets[i]), Math.Sign(run.Predictions[i]));
        }
    }

    [Fact]
    public static void Train_FinalLoss_IsSumOfSquaredErrorsOfPredictions()
    {
        NotebookRun run = NotebookExample.Train(steps: 5);

        double expected = run.Predictions.Zip(NotebookExample.Targets, (p, t) => (p - t) * (p - t)).Sum();
        Assert.Equal(expected, run.FinalLoss, 1e-12);
    }

    [Fact]
    public static void Train_FirstStepLoss_IsTheUntrainedNetworksLossComputedByHand()
    {
        var untrained = new Mlp(3, [4, 4, 1], NotebookExample.DefaultSeed);
        double expected = 0;
        for (int i = 0; i < NotebookExample.Inputs.Count; i++)
        {
            double[] x = [.. NotebookExample.Inputs[i]];
            foreach (Layer layer in untrained.Layers)
            {
                x = [.. layer.Neurons.Select(n => Math.Tanh(n.Weights.Select((w, j) => w.Data * x[j]).Sum() + n.Bias.Data))];
            }
            expected += (x[0] - NotebookExample.Targets[i]) * (x[0] - NotebookExample.Targets[i]);
        }

        NotebookRun run = NotebookExample.Train(steps: 1);

        Assert.Equal(expected, run.StepLosses[0], 1e-12);
    }

    [Fact]
    public static void Train_SameSeedTwice_GivesBitIdenticalLosses()
    {
        NotebookRun first = NotebookExample.Train(seed: 123);
        NotebookRun second = NotebookExample.Train(seed: 123);

        Assert.Equal(Bits(first.StepLosses), Bits(second.StepLosses));
        Assert.Equal(BitConverter.DoubleToInt64Bits(first.FinalLoss), BitConverter.DoubleToInt64Bits(second.FinalLoss));
    }

    [Fact]
    public static void Train_DifferentSeeds_GiveDifferentRuns()
    {
        NotebookRun first = NotebookExample.Train(steps: 3, seed: 1);
        NotebookRun second = NotebookExample.Train(steps: 3, seed: 2);

        Assert.NotEqual(first.StepLosses, second.StepLosses);
    }

    [Fact]
    public static void Train_OnStep_ReportsEveryStepInOrder()
    {
        var reported = new List<(int Step, double Loss)>();

        NotebookRun run = NotebookExample.Train(steps: 10, onStep: (step, loss) => reported.Add((step, loss)));

        Assert.Equal(Enumerable.Range(0, 10), reported.Select(r => r.Step));
        Assert.Equal(run.StepLosses, reported.Select(r => r.Loss));
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

    private static long[] Bits(IEnumerable<double> values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];
}
