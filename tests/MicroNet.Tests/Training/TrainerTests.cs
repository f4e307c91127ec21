using System.Globalization;
using MicroNet.Data;
using MicroNet.Models;
using MicroNet.Nn;
using MicroNet.Training;

namespace MicroNet.Tests.Training;

public static class TrainerTests
{
    // Standardised train, validation and test parts of one dataset, fitted on the training part only.
    private static DatasetSplit Prepared(Dataset data, int seed = 1)
    {
        DatasetSplit split = data.Split(0.6, 0.2, seed);
        Standardizer standardizer = Standardizer.Fit(split.Train);
        return new DatasetSplit(standardizer.Transform(split.Train), standardizer.Transform(split.Validation), standardizer.Transform(split.Test));
    }

    // y = 3 x1 - 2 x2 + noise (standard deviation 0.3), x uniform in [-1, 1].
    private static Dataset Linear(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<IReadOnlyList<double>>();
        var targets = new List<double>();
        for (int i = 0; i < count; i++)
        {
            double x1 = random.NextDouble() * 2 - 1, x2 = random.NextDouble() * 2 - 1;
            rows.Add([x1, x2]);
            targets.Add(3 * x1 - 2 * x2 + 0.3 * SyntheticData.NextGaussian(random));
        }
        return new Dataset(rows, targets, ProblemKind.Regression);
    }

    private static TrainingOptions Adam(double learningRate, int epochs, int batchSize = 16, LossFunction? loss = null) => new()
    {
        Loss = loss,
        Optimizer = OptimizerKind.Adam.Factory(learningRate),
        Epochs = epochs,
        BatchSize = batchSize,
        Seed = 7,
    };

    [Fact]
    public static void Fit_Xor_ClassifiesHeldOutPoints()
    {
        DatasetSplit split = Prepared(SyntheticData.Xor(200, noise: 0.05, seed: 3));
        Mlp model = ModelBuilder.ForDataset(split.Train, [8, 8], Activation.Tanh, seed: 1);

        TrainingResult result = Trainer.Fit(model, split.Train, Adam(0.05, 60), split.Validation);

        Assert.Equal(new BinaryCrossEntropyLoss(), result.Loss);
        Assert.False(result.Diverged);
        Assert.InRange(Trainer.Evaluate(model, split.Test).Accuracy!.Value, 0.95, 1);
    }

    [Fact]
    public static void Fit_MoonsWithHinge_ClassifiesHeldOutPoints()
    {
        DatasetSplit split = Prepared(SyntheticData.Moons(200, noise: 0.1, seed: 2));
        Mlp model = ModelBuilder.ForDataset(split.Train, [16, 16], Activation.Relu, seed: 1, new HingeLoss());

        TrainingResult result = Trainer.Fit(model, split.Train, Adam(0.02, 60, loss: new HingeLoss()), split.Validation);

        Assert.Equal(new HingeLoss(), result.Loss);
        Assert.InRange(Trainer.Evaluate(model, split.Test, new HingeLoss()).Accuracy!.Value, 0.95, 1);
        Assert.InRange(result.Validation!.Accuracy!.Value, 0.95, 1);
    }

    [Fact]
    public static void Fit_BlobsMulticlass_ReachesNinetyFivePercentOnTheTestSplit()
    {
        DatasetSplit split = Prepared(SyntheticData.Blobs(300, 4, standardDeviation: 1.5, seed: 5));
        Mlp model = ModelBuilder.ForDataset(split.Train, [16], Activation.Relu, seed: 1);

        TrainingResult result = Trainer.Fit(model, split.Train, Adam(0.02, 30), split.Validation);

        Assert.Equal(new CrossEntropyLoss(), result.Loss);
        Assert.Equal(4, model.OutputCount);
        Evaluation test = Trainer.Evaluate(model, split.Test);
        Assert.InRange(test.Accuracy!.Value, 0.95, 1);
        Assert.Equal(split.Test.Count, test.ConfusionMatrix!.Sum(row => row.Sum()));
    }

    [Fact]
    public static void Fit_LinearRegression_ExplainsMostOfTheVariance()
    {
        DatasetSplit split = Prepared(Linear(300, seed: 11));
        Mlp model = ModelBuilder.ForDataset(split.Train, [8], Activation.Tanh, seed: 1);

        TrainingResult result = Trainer.Fit(model, split.Train, Adam(0.02, 60), split.Validation);

        Assert.Equal(new MseLoss(), result.Loss);
        Evaluation test = Trainer.Evaluate(model, split.Test);
        Assert.True(test.RSquared > 0.8, string.Create(CultureInfo.InvariantCulture, $"R² {test.RSquared}, RMSE {test.Rmse}"));
        Assert.Null(test.Accuracy);
        Assert.Empty(result.History.TrainingAccuracy);
        Assert.Equal(60, result.History.TrainingRmse.Count);
    }

    [Fact]
    public static void Fit_HugeLearningRate_StopsNamingEpochAndStepAndKeepsTheLastGoodParameters()
    {
        Dataset data = Linear(50, seed: 1);
        var options = new TrainingOptions { Optimizer = OptimizerKind.Sgd.Factory(1e3), Epochs = 100, BatchSize = 0 };

        Mlp model = ModelBuilder.ForDataset(data, [4], Activation.Relu, seed: 3);
        TrainingResult result = Trainer.Fit(model, data, options);

        TrainingDivergence divergence = Assert.IsType<TrainingDivergence>(result.Divergence);
        Assert.True(result.Diverged);
        Assert.Equal(divergence.Epoch, divergence.Step);
        Assert.InRange(divergence.Step, 3, 99);
        Assert.False(double.IsFinite(divergence.Loss));
        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture,
                $"Loss became {(double.IsNaN(divergence.Loss) ? "NaN" : "infinite")} at epoch {divergence.Epoch}, step {divergence.Step}; try a lower learning rate (now 1000)."),
            divergence.Message);
        Assert.Equal(divergence.Step - 1, result.History.Epochs.Count);
        Assert.True(double.IsFinite(result.Training.Loss));

        // Full batch, so step k is epoch k: the last finite loss came from the parameters after step - 2 steps.
        Mlp replay = ModelBuilder.ForDataset(data, [4], Activation.Relu, seed: 3);
        Trainer.Fit(replay, data, options with { Epochs = divergence.Step - 2 });
        Assert.Equal(replay.Parameters().Select(p => p.Data), model.Parameters().Select(p => p.Data));
    }

    [Fact]
    public static void Fit_NonFiniteLossAtTheFirstStep_KeepsTheInitialParameters()
    {
        var data = new Dataset([[1e200, 1e200], [-1e200, 1e200]], [1e200, -1e200], ProblemKind.Regression);
        Mlp model = ModelBuilder.ForDataset(data, [], seed: 1);
        double[] initial = [.. model.Parameters().Select(p => p.Data)];

        TrainingResult result = Trainer.Fit(model, data, new TrainingOptions { Epochs = 3 });

        Assert.Equal(1, result.Divergence!.Epoch);
        Assert.Equal(1, result.Divergence.Step);
        Assert.Equal(0, result.Steps);
        Assert.Empty(result.History.Epochs);
        Assert.Equal(initial, model.Parameters().Select(p => p.Data));
    }

    public static TheoryData<ProblemKind, LossFunction> AutoLosses => new()
    {
        { ProblemKind.Regression, new MseLoss() },
        { ProblemKind.BinaryClassification, new BinaryCrossEntropyLoss() },
        { ProblemKind.MulticlassClassification, new CrossEntropyLoss() },
    };

    [Theory]
    [MemberData(nameof(AutoLosses))]
    public static void AutoLoss_FollowsTheTargets(ProblemKind kind, LossFunction expected)
    {
        Assert.Equal(expected, LossFunction.Resolve(null, kind));
        Assert.Equal(expected, LossFunction.FitFor(kind)[0]);
    }

    [Fact]
    public static void ForDataset_SizesTheOutputForTheLoss()
    {
        Dataset binary = SyntheticData.Moons(20, 0.1, seed: 1);
        Dataset three = SyntheticData.Spirals(30, 3, 0.1, seed: 1);

        Assert.Equal(1, ModelBuilder.ForDataset(binary, [4]).OutputCount);
        Assert.Equal(2, ModelBuilder.ForDataset(binary, [4], loss: new CrossEntropyLoss()).OutputCount);
        Assert.Equal(3, ModelBuilder.ForDataset(three, [4]).OutputCount);
        Assert.Equal(1, ModelBuilder.ForDataset(Linear(10, 1), []).OutputCount);
        Assert.All(ModelBuilder.ForDataset(three, [4]).Layers[0].Parameters(), p => Assert.InRange(p.Data, -1 / Math.Sqrt(2), 1 / Math.Sqrt(2)));
    }

    [Fact]
    public static void Fit_CrossEntropyOnRegression_ThrowsBeforeTraining()
    {
        Dataset data = Linear(20, seed: 1);
        Mlp model = ModelBuilder.ForDataset(data, [4], seed: 1);
        double[] initial = [.. model.Parameters().Select(p => p.Data)];

        var e = Assert.Throws<ArgumentException>(() => Trainer.Fit(model, data, new TrainingOptions { Loss = new CrossEntropyLoss() }));

        Assert.Contains("cross-entropy", e.Message, StringComparison.Ordinal);
        Assert.Contains("mse", e.Message, StringComparison.Ordinal);
        Assert.Equal(initial, model.Parameters().Select(p => p.Data));
    }

    [Fact]
    public static void Fit_HingeOnThreeClasses_Throws()
    {
        Dataset data = SyntheticData.Blobs(30, 3, 1.0, seed: 1);
        Mlp model = new(2, [4, 1], seed: 1);

        var e = Assert.Throws<ArgumentException>(() => Trainer.Fit(model, data, new TrainingOptions { Loss = new HingeLoss() }));

        Assert.Contains("multi-class", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Fit_ModelWithWrongOutputCount_ThrowsNamingWhatItNeeds()
    {
        Dataset data = SyntheticData.Blobs(30, 3, 1.0, seed: 1);

        var e = Assert.Throws<ArgumentException>(() => Trainer.Fit(new Mlp(2, [4, 1], seed: 1), data));

        Assert.Contains("needs 3", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Trainer.Fit(new Mlp(3, [4, 3], seed: 1), data));
    }

    [Fact]
    public static void Fit_MissingValue_ThrowsNamingTheFeatureAndRow()
    {
        var data = new Dataset([[1.0, 2.0], [double.NaN, 1.0]], [0.0, 1.0], ProblemKind.Regression);

        var e = Assert.Throws<ArgumentException>(() => Trainer.Fit(ModelBuilder.ForDataset(data, []), data));

        Assert.Contains("'x1' of row 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Options_OutOfRange_ThrowWhenSet()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { Epochs = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { BatchSize = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { L2 = double.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => OptimizerKind.Adam.Factory(learningRate: -1));
        Assert.Throws<ArgumentException>(() => OptimizerKind.Adam.Factory(momentum: 0.9));
    }

    [Fact]
    public static void Fit_SameSeed_GivesBitIdenticalHistories()
    {
        DatasetSplit split = Prepared(SyntheticData.Moons(80, 0.2, seed: 1));
        TrainingOptions options = Adam(0.01, 5, batchSize: 8);

        TrainingResult first = Trainer.Fit(ModelBuilder.ForDataset(split.Train, [8], seed: 1), split.Train, options, split.Validation);
        TrainingResult second = Trainer.Fit(ModelBuilder.ForDataset(split.Train, [8], seed: 1), split.Train, options, split.Validation);
        TrainingResult reshuffled = Trainer.Fit(ModelBuilder.ForDataset(split.Train, [8], seed: 1), split.Train, options with { Seed = 8 }, split.Validation);

        Assert.Equal(first.History.TrainingLoss, second.History.TrainingLoss);
        Assert.Equal(first.History.ValidationLoss, second.History.ValidationLoss);
        Assert.Equal(first.History.TrainingAccuracy, second.History.TrainingAccuracy);
        Assert.Equal(first.Model.Parameters().Select(p => p.Data), second.Model.Parameters().Select(p => p.Data));
        Assert.NotEqual(first.History.TrainingLoss, reshuffled.History.TrainingLoss);
    }

    [Fact]
    public static void Fit_CallsOnEpochOncePerEpochInOrder()
    {
        DatasetSplit split = Prepared(SyntheticData.Moons(60, 0.1, seed: 1));
        var reports = new List<EpochReport>();

        TrainingResult result = Trainer.Fit(ModelBuilder.ForDataset(split.Train, [4], seed: 1), split.Train, Adam(0.01, 4, batchSize: 10), split.Validation, reports.Add);

        Assert.Equal([1, 2, 3, 4], reports.Select(r => r.Epoch));
        Assert.All(reports, r => Assert.Equal(4, r.EpochCount));
        Assert.Equal(reports, result.History.Epochs);
        // 36 training rows in batches of 10: 4 steps per epoch.
        Assert.Equal([4, 8, 12, 16], reports.Select(r => r.Steps));
        Assert.Equal(16, result.Steps);
        Assert.Equal(reports.Select(r => r.ValidationAccuracy!.Value), result.History.ValidationAccuracy);
    }

    [Fact]
    public static void Fit_WithoutValidation_LeavesValidationSeriesEmpty()
    {
        Dataset data = SyntheticData.Moons(40, 0.1, seed: 1);

        TrainingResult result = Trainer.Fit(ModelBuilder.ForDataset(data, [4], seed: 1), data, Adam(0.01, 3));

        Assert.Null(result.Validation);
        Assert.Empty(result.History.ValidationLoss);
        Assert.Empty(result.History.ValidationAccuracy);
        Assert.Equal(3, result.History.TrainingLoss.Count);
        Assert.All(result.History.Epochs, e => Assert.Null(e.ValidationLoss));
    }

    [Fact]
    public static void Fit_Schedule_SetsTheRateOncePerEpoch()
    {
        Dataset data = SyntheticData.Moons(40, 0.1, seed: 1);
        LearningRateSchedule schedule = ScheduleKind.Step.Create(0.1, 6);
        TrainingOptions options = Adam(0.5, 6, batchSize: 8) with { Schedule = schedule };

        TrainingResult result = Trainer.Fit(ModelBuilder.ForDataset(data, [4], seed: 1), data, options);

        Assert.Equal([0.1, 0.1, 0.1 * 0.1, 0.1 * 0.1, 0.1 * 0.1 * 0.1, 0.1 * 0.1 * 0.1], result.History.LearningRate, (a, b) => Math.Abs(a - b) < 1e-15);
    }

    [Fact]
    public static void Predictions_ProbabilitiesSumToOneAndAgreeWithTheClass()
    {
        Dataset binary = SyntheticData.Moons(20, 0.1, seed: 1);
        Dataset three = SyntheticData.Spirals(30, 3, 0.1, seed: 1);
        Mlp binaryModel = ModelBuilder.ForDataset(binary, [4], seed: 2);
        Mlp threeModel = ModelBuilder.ForDataset(three, [4], seed: 2);

        foreach ((Mlp model, Dataset data) in new[] { (binaryModel, binary), (threeModel, three) })
        {
            var bundle = new Model(model, FeatureSchema.ForNumericFeatures(data), LossFunction.DefaultFor(data.Kind).Output);
            foreach (IReadOnlyList<double> row in data.Features)
            {
                Prediction prediction = bundle.Predict(row);
                IReadOnlyList<double> p = prediction.Probabilities;
                Assert.Equal(data.ClassCount, p.Count);
                Assert.Equal(1, p.Sum(), 12);
                Assert.Equal(p.ToList().IndexOf(p.Max()), prediction.ClassIndex);
            }
        }
    }

    [Fact]
    public static void Evaluate_CountsTheConfusionMatrixByTrueRowAndPredictedColumn()
    {
        // One output, weight 1 and bias 0 on a single feature: the prediction is the feature's sign.
        var data = new Dataset([[1.0], [-1.0], [2.0], [-3.0]], [1.0, 1.0, 0.0, 0.0], ProblemKind.BinaryClassification);
        Mlp model = new(1, [1], seed: 1, outputActivation: Activation.Linear);
        model.Layers[0].Neurons[0].Weights[0].Data = 1;
        model.Layers[0].Neurons[0].Bias.Data = 0;

        Evaluation evaluation = Trainer.Evaluate(model, data);

        Assert.Equal(0.5, evaluation.Accuracy);
        Assert.Equal([1, 1], evaluation.ConfusionMatrix![0]);
        Assert.Equal([1, 1], evaluation.ConfusionMatrix[1]);
        // Mean of softplus(z) - y z: softplus(1) - 1, softplus(-1) + 1, softplus(2), softplus(-3).
        double expected = (Softplus(1) - 1 + Softplus(-1) + 1 + Softplus(2) + Softplus(-3)) / 4;
        Assert.Equal(expected, evaluation.Loss, 12);

        static double Softplus(double x) => Math.Log(1 + Math.Exp(x));
    }
}
