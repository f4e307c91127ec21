using System.Diagnostics;
using MicroNet.Data;
using MicroNet.Optimizers;
using MicroNet.Pipeline;
using MicroNet.Training;

namespace MicroNet.Cli.Commands.Bench;

/// <summary>
/// The Fashion-MNIST workload of <c>micronet bench</c>, through the path <c>micronet train --dataset fashion-mnist --layers 100
/// --batch-size 32 --optimizer adam --learning-rate 0.001</c> takes (<see cref="TrainingRun"/>, then its
/// <see cref="TrainingSession"/>): <c>Mlp(784, [100, 10])</c>, ReLU hidden, softmax cross-entropy, Adam 1e-3, batch 32,
/// float64, every one of the 60,000 training images per epoch. The first epoch (which includes the capture) is warm-up;
/// each later epoch is one timed sample. <c>benchmarks/pytorch/fashion_epoch.py</c> is its PyTorch twin.
/// </summary>
internal static class FashionEpochBench
{
    /// <summary>Loads the training and test images, or returns null with the reason when they are not installed.</summary>
    public static DataSource? Load(string? directory, out string? why)
    {
        try
        {
            why = null;
            (Dataset train, Dataset test) = FashionMnist.Load(directory);
            return DataSources.FashionMnistSource(train, test);
        }
        catch (DataFileException e)
        {
            why = e.Message;
            return null;
        }
    }

    /// <summary>
    /// Seconds per epoch of <paramref name="epochs"/> timed epochs after one of warm-up, on <paramref name="workers"/> threads
    /// (0: one per processor), and the training accuracy of the last epoch.
    /// </summary>
    public static (double[] Seconds, double Accuracy) Measure(DataSource source, int epochs, int workers)
    {
        var settings = new TrainingSettings
        {
            HiddenLayers = [100],
            Optimizer = OptimizerKind.Adam,
            LearningRate = 1e-3,
            BatchSize = 32,
            Epochs = epochs + 1,
            Workers = workers,
        };
        TrainingSession session = TrainingRun.Prepare(source, settings).Start();
        var seconds = new List<double>();
        double accuracy = 0;
        while (session.CanContinue)
        {
            long begin = Stopwatch.GetTimestamp();
            EpochReport? report = session.RunEpoch();
            seconds.Add(Stopwatch.GetElapsedTime(begin).TotalSeconds);
            accuracy = report?.TrainingAccuracy ?? double.NaN;
        }
        return ([.. seconds.Skip(1)], accuracy);
    }
}
