using MicroNet.Data;
using MicroNet.Models;
using MicroNet.Nn;
using MicroNet.Training;

namespace MicroNet.Tests.Training;

/// <summary>
/// The compiled, data-parallel training engine: the same numbers whatever the worker count and run after run, and the
/// eager engine's numbers (bit for bit for batches of one chunk, within rounding for larger ones).
/// </summary>
public static class EngineTests
{
    private static Dataset Data(string loss) => loss switch
    {
        "cross-entropy" => SyntheticData.Spirals(150, classCount: 3, noise: 0.05, seed: 4),
        "mse" => Regression(120),
        _ => SyntheticData.Moons(130, noise: 0.1, seed: 2),
    };

    private static Dataset Regression(int count)
    {
        var random = new Random(5);
        double[][] rows = [.. Enumerable.Range(0, count).Select(_ => new[] { random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1 })];
        double[] targets = [.. rows.Select(r => Math.Sin(3 * r[0]) - r[1] * r[1])];
        return new Dataset(rows, targets, ProblemKind.Regression);
    }

    private static (TrainingResult Result, double[] Parameters) Train(string lossName, EngineKind engine, int workers, int batchSize, double l2 = 0,
        bool batching = true)
    {
        Dataset data = Data(lossName);
        LossFunction loss = LossFunction.Find(lossName)!;
        Mlp model = ModelBuilder.ForDataset(data, [12, 12], Activation.Relu, seed: 3, loss);
        var options = new TrainingOptions
        {
            Loss = loss,
            Optimizer = OptimizerKind.Adam.Factory(0.01),
            Epochs = 4,
            BatchSize = batchSize,
            L2 = l2,
            Seed = 11,
            Engine = engine,
            Workers = workers,
            Batching = batching,
        };
        TrainingResult result = Trainer.Fit(model, data, options, validation: data.Subset([.. Enumerable.Range(0, 40)]));
        return (result, [.. model.Parameters().Select(p => p.Data)]);
    }

    private static double[] History(TrainingResult result) =>
        [.. result.History.TrainingLoss, .. result.History.ValidationLoss, .. result.History.TrainingAccuracy, .. result.History.TrainingRmse,
         result.Training.Loss, result.Validation!.Loss];

    // The same training history, final losses and parameters, bit for bit.
    private static void AssertBitIdentical((TrainingResult Result, double[] Parameters) expected, (TrainingResult Result, double[] Parameters) actual)
    {
        Assert.Equal(History(expected.Result), History(actual.Result));
        Assert.Equal(expected.Parameters, actual.Parameters);
    }

    [Theory]
    [InlineData("cross-entropy")]
    [InlineData("bce")]
    [InlineData("hinge")]
    [InlineData("mse")]
    public static void Fit_Compiled_SameSeedTwice_BitIdentical(string loss)
    {
        AssertBitIdentical(
            Train(loss, EngineKind.Compiled, workers: 2, batchSize: 32, l2: 1e-3),
            Train(loss, EngineKind.Compiled, workers: 2, batchSize: 32, l2: 1e-3));
    }

    [Theory]
    [InlineData("cross-entropy", 32)]
    [InlineData("hinge", 64)]
    [InlineData("bce", 0)]
    [InlineData("mse", 25)]
    public static void Fit_Compiled_OneTwoOrFourWorkers_BitIdentical(string loss, int batchSize)
    {
        (TrainingResult, double[]) one = Train(loss, EngineKind.Compiled, workers: 1, batchSize);

        AssertBitIdentical(one, Train(loss, EngineKind.Compiled, workers: 2, batchSize));
        AssertBitIdentical(one, Train(loss, EngineKind.Compiled, workers: 4, batchSize));
    }

    [Theory]
    [InlineData("cross-entropy", 0)]
    [InlineData("cross-entropy", 1e-3)]
    [InlineData("bce", 0)]
    [InlineData("hinge", 1e-3)]
    [InlineData("mse", 0)]
    public static void Fit_CompiledAndEager_OneChunkBatches_BitIdentical(string loss, double l2)
    {
        // Batches of 10 are one chunk each: the compiled engine sums the gradient in the eager engine's order.
        AssertBitIdentical(
            Train(loss, EngineKind.Eager, workers: 1, batchSize: 31, l2),
            Train(loss, EngineKind.Compiled, workers: 2, batchSize: 31, l2));
    }

    [Theory]
    [InlineData("cross-entropy")]
    [InlineData("bce")]
    [InlineData("mse")]
    public static void Fit_CompiledAndEager_SeveralChunks_EqualWithinRounding(string loss)
    {
        (TrainingResult eager, double[] eagerParameters) = Train(loss, EngineKind.Eager, workers: 1, batchSize: 32, l2: 1e-4);
        (TrainingResult compiled, double[] compiledParameters) = Train(loss, EngineKind.Compiled, workers: 2, batchSize: 32, l2: 1e-4);

        double[] expected = History(eager), actual = History(compiled);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-12);
        }
        for (int i = 0; i < eagerParameters.Length; i++)
        {
            Assert.Equal(eagerParameters[i], compiledParameters[i], 1e-12);
        }
    }

    [Theory]
    [InlineData("cross-entropy", 64, 0.0)]
    [InlineData("hinge", 32, 1e-3)]
    [InlineData("bce", 48, 0.0)]
    [InlineData("mse", 0, 1e-3)]
    public static void Fit_Batched_BitIdenticalToNodeByNodeReplay(string loss, int batchSize, double l2)
    {
        AssertBitIdentical(
            Train(loss, EngineKind.Compiled, workers: 2, batchSize, l2, batching: false),
            Train(loss, EngineKind.Compiled, workers: 2, batchSize, l2, batching: true));
    }

    [Fact]
    public static void ChunkCount_DependsOnTheBatchOnly()
    {
        Assert.Equal(1, CompiledBatches.ChunkCount(1));
        Assert.Equal(1, CompiledBatches.ChunkCount(31));
        Assert.Equal(2, CompiledBatches.ChunkCount(32));
        Assert.Equal(3, CompiledBatches.ChunkCount(48));
        Assert.Equal(4, CompiledBatches.ChunkCount(64));
        Assert.Equal(4, CompiledBatches.ChunkCount(60000));
    }

    [Fact]
    public static void Evaluate_MatchesOneEagerGraphOverEveryRow()
    {
        Dataset data = Data("cross-entropy");
        Mlp model = ModelBuilder.ForDataset(data, [12], Activation.Tanh, seed: 5, new CrossEntropyLoss());
        IReadOnlyList<Value>[] outputs = [.. data.Features.Select(model.Forward)];
        double eagerLoss = Losses.CrossEntropy(outputs, data.Classes).Data;

        Evaluation scored = Trainer.Evaluate(model, data);

        Assert.Equal(eagerLoss, scored.Loss);
        int correct = outputs.Select(o => ModelOutputExtensions.ClassOf([.. o.Select(v => v.Data)])).Where((c, i) => c == data.Classes[i]).Count();
        Assert.Equal(correct / (double)data.Count, scored.Accuracy);
    }
}
