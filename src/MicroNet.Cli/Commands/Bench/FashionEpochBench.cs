using System.Diagnostics;
using MicroNet.Data;
using MicroNet.Nn;
using MicroNet.Loss;
using MicroNet.Optimizers;
using MicroNet.Pipeline;
using MicroNet.Training;

namespace MicroNet.Cli.Commands.Bench;

/// <summary>
/// The Fashion-MNIST workload of <c>micronet bench</c>: <c>Mlp(784, [100, 10])</c>, ReLU hidden, softmax cross-entropy,
/// Adam 1e-3, batch 32, float64, trained with <see cref="Trainer.Fit"/> on the first rows of the training images. Each
/// timed sample is one epoch over those rows, scaled to the 60,000 images of a real epoch (the extrapolation is linear:
/// every batch costs the same). The first epoch is warm-up. The whole training set is loaded, so the process's peak
/// working set includes it, as a real run's does.
/// </summary>
internal static class FashionEpochBench
{
    public const int FullEpoch = 60_000;

    /// <summary>Loads the training images, or returns null with the reason when they are not installed.</summary>
    public static Dataset? Load(string? directory, out string? why)
    {
        try
        {
            why = null;
            return FashionMnist.Load(directory).Train;
        }
        catch (DataFileException e)
        {
            why = e.Message;
            return null;
        }
    }

    /// <summary>Seconds per (extrapolated) epoch over <paramref name="samples"/> timed epochs of <paramref name="rows"/> rows.</summary>
    public static double[] Measure(Dataset train, int rows, int samples, EngineKind engine, int workers)
    {
        Dataset subset = train.Subset([.. Enumerable.Range(0, rows)]);
        Mlp model = ModelBuilder.ForDataset(subset, [100], Activation.Relu, seed: 1, new CrossEntropyLoss());
        var options = new TrainingOptions
        {
            Loss = new CrossEntropyLoss(),
            Optimizer = OptimizerKind.Adam.Factory(1e-3),
            Epochs = samples + 1,
            BatchSize = 32,
            Seed = 1,
            Engine = engine,
            Workers = workers,
        };
        var ends = new List<TimeSpan>();
        var stopwatch = Stopwatch.StartNew();
        Trainer.Fit(model, subset, options, onEpoch: epoch => ends.Add(epoch.Elapsed));
        return [.. Enumerable.Range(1, samples).Select(i => (ends[i] - ends[i - 1]).TotalSeconds * FullEpoch / rows)];
    }
}
