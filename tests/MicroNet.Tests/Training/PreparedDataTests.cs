using MicroNet.Data;
using MicroNet.Models;
using MicroNet.Nn;
using MicroNet.Tests.Support;
using MicroNet.Training;

namespace MicroNet.Tests.Training;

public static class PreparedDataTests
{
    [Fact]
    public static void Prepare_StandardisesAllPartsWithTheTrainingRowsStatisticsOnly()
    {
        Dataset blobs = SyntheticData.Blobs(200, centerCount: 3, standardDeviation: 1.0, seed: 4);

        PreparedData data = PreparedData.Prepare(blobs, null, 0.25, 0.25, seed: 9);

        Assert.Equal(200, data.Train.Count + data.Validation.Count + data.Test.Count);
        Assert.InRange(data.Train.Count, 98, 102);   // half of each class, rounded
        for (int j = 0; j < 2; j++)
        {
            double[] raw = [.. data.Raw.Train.Features.Select(r => r[j])];
            double mean = raw.Average();
            double sd = Math.Sqrt(raw.Average(x => (x - mean) * (x - mean)));
            Approx.Equal(mean, data.Standardizer.Means[j], 1e-12, "training mean");
            Approx.Equal(sd, data.Standardizer.StandardDeviations[j], 1e-12, "training deviation");
            Approx.Equal(0, data.Train.Features.Average(r => r[j]), 1e-12, "standardised training mean");
            // The test rows use the training statistics, not their own.
            Approx.Equal((data.Raw.Test.Features[0][j] - mean) / sd, data.Test.Features[0][j], 1e-12, "standardised test value");
        }
        Assert.Same(data.Standardizer, data.Schema.Standardizer);
    }

    [Fact]
    public static void Prepare_GeneratedData_GetsNumericColumnsNamedAfterTheFeatures()
    {
        PreparedData data = PreparedData.Prepare(SyntheticData.Moons(50, 0.1, seed: 1), null, 0.2, 0.2, seed: 1);

        Assert.Equal(["x1", "x2"], data.Schema.Columns.Select(c => c.Name));
        Assert.All(data.Schema.Columns, c => Assert.Equal(ColumnKind.Numeric, c.Kind));
        Assert.Equal(["0", "1"], data.Schema.ClassNames);
        Assert.Equal("y", data.Schema.TargetColumn);
        Assert.Null(data.TargetScaling);
    }

    [Fact]
    public static void Prepare_Regression_StandardisesTargetsAndTheModelPredictsInTargetUnits()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["r.csv"], SampleCsv.RegressionCsv(60, seed: 3));
        CsvData csv = CsvLoader.Load(folder["r.csv"], "price");

        PreparedData data = PreparedData.Prepare(csv.Dataset, csv.Schema, 0.2, 0.2, seed: 5);

        double mean = data.Raw.Train.Targets.Average();
        double sd = Math.Sqrt(data.Raw.Train.Targets.Average(t => (t - mean) * (t - mean)));
        Assert.NotNull(data.TargetScaling);
        Approx.Equal(mean, data.TargetScaling.Mean, 1e-9, "target mean");
        Approx.Equal(sd, data.TargetScaling.StandardDeviation, 1e-9, "target deviation");
        Approx.Equal((data.Raw.Test.Targets[0] - mean) / sd, data.Test.Targets[0], 1e-12, "standardised test target");

        var network = new Mlp(2, [1], seed: 1, Activation.Relu, Activation.Linear);
        var result = new TrainingResult(network, new MseLoss(), new TrainingHistory([]), new Evaluation(1, 0, null, null, 0, 0), null, 0, TimeSpan.Zero, null);
        Model model = data.CreateModel(result);
        IReadOnlyList<double> row = data.Raw.Test.Features[0];
        double output = network.ForwardSingle(data.Test.Features[0]).Data;
        Assert.Equal(ModelOutput.Value, model.Output);
        Approx.Equal(mean + sd * output, model.Predict(row).Value, 1e-9, "prediction in target units");
    }

    [Theory]
    [InlineData("cross-entropy", ModelOutput.Softmax)]
    [InlineData("bce", ModelOutput.Sigmoid)]
    [InlineData("hinge", ModelOutput.Margin)]
    [InlineData("mse", ModelOutput.Value)]
    public static void Output_FollowsTheLoss(string loss, ModelOutput expected) =>
        Assert.Equal(expected, LossFunction.Find(loss)!.Output);

    [Fact]
    public static void Find_AutoOrUnknownName_IsNotALoss()
    {
        Assert.Null(LossFunction.Find("auto"));
        Assert.Null(LossFunction.Find("softmax"));
    }

    [Fact]
    public static void CreateModel_Hinge_PredictsTheSignOfTheScore()
    {
        PreparedData data = PreparedData.Prepare(SyntheticData.Moons(40, 0.1, seed: 2), null, 0, 0.25, seed: 3);
        Mlp network = ModelBuilder.ForDataset(data.Train, [4], Activation.Tanh, seed: 1, new HingeLoss());
        TrainingResult result = Trainer.Fit(network, data.Train, new TrainingOptions { Loss = new HingeLoss(), Epochs = 2 });

        Model model = data.CreateModel(result);

        Assert.Equal(ModelOutput.Margin, model.Output);
        for (int i = 0; i < data.Test.Count; i++)
        {
            int expected = network.ForwardSingle(data.Test.Features[i]).Data > 0 ? 1 : 0;
            Assert.Equal(expected, model.Predict(data.Raw.Test.Features[i]).ClassIndex);
        }
    }

    [Fact]
    public static void Prepare_SchemaOfOtherData_Throws()
    {
        Dataset moons = SyntheticData.Moons(40, 0.1, seed: 2);
        FeatureSchema threeColumns = FeatureSchema.ForNumericFeatures(SyntheticData.Blobs(30, 3, 1.0, seed: 1));

        Assert.Throws<ArgumentException>(() => PreparedData.Prepare(moons, threeColumns, 0.2, 0.2, seed: 1));
    }

    [Theory]
    [InlineData(-0.1, 0.2)]
    [InlineData(0.2, 1.0)]
    [InlineData(0.5, 0.5)]
    public static void Prepare_FractionsOutOfRange_Throw(double validation, double test) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PreparedData.Prepare(SyntheticData.Moons(40, 0.1, seed: 2), null, validation, test, seed: 1));

    [Fact]
    public static void TrainingSeeds_From_GivesEachPartItsOwnSeed() =>
        Assert.Equal(new TrainingSeeds(42, 43, 44, 45), TrainingSeeds.From(42));
}
