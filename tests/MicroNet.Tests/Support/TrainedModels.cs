using MicroNet.Data;
using MicroNet.Models;
using MicroNet.Nn;

namespace MicroNet.Tests.Support;

/// <summary>Small models trained for a few Adam steps, so that their weights are not the seeded initial ones.</summary>
internal static class TrainedModels
{
    /// <summary>Softmax on iris: 4 -> 6 tanh -> 3 linear.</summary>
    public static Model Iris() => Classifier(BuiltInDatasets.Load(BuiltInDataset.Iris));

    /// <summary>Softmax on penguins (categorical Island and Sex, one-hot): 9 -> 6 tanh -> 3 linear.</summary>
    public static Model Penguins() => Classifier(BuiltInDatasets.Load(BuiltInDataset.Penguins));

    /// <summary>Regression on a file's rows, with the targets standardised for training.</summary>
    public static Model Regression(CsvData data)
    {
        Standardizer standardizer = Standardizer.Fit(data.Dataset);
        Dataset x = standardizer.Transform(data.Dataset);
        double mean = data.Dataset.Targets.Average();
        double sd = Math.Sqrt(data.Dataset.Targets.Average(t => (t - mean) * (t - mean)));
        double[] targets = [.. data.Dataset.Targets.Select(t => (t - mean) / sd)];
        var network = new Mlp(x.FeatureCount, [5, 1], seed: 3, Activation.Tanh, Activation.Linear);
        var adam = new Adam(network.Parameters(), learningRate: 0.05);
        for (int step = 0; step < 5; step++)
        {
            Value loss = Losses.Mse([.. x.Features.Select(network.ForwardSingle)], targets);
            adam.ZeroGrad();
            loss.Backward();
            adam.Step();
        }
        return new Model(network, data.Schema.WithStandardizer(standardizer), ModelOutput.Value, new TargetScaling(mean, sd));
    }

    /// <summary>
    /// <see cref="Regression"/> on <c>y = x² + 0.5</c> for x from 0 to 19, a file written as <c>r.csv</c> in
    /// <paramref name="folder"/>; the model is saved there as <c>r.json</c>.
    /// </summary>
    public static Model SavedSquares(TempFolder folder)
    {
        File.WriteAllText(folder["r.csv"], "x,y\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"{i},{i * i + 0.5}\n")));
        Model model = Regression(CsvLoader.Load(folder["r.csv"], "y"));
        ModelFile.Save(model, folder["r.json"]);
        return model;
    }

    private static Model Classifier(CsvData data)
    {
        // The whole dataset stands in for a training split here.
        Standardizer standardizer = Standardizer.Fit(data.Dataset);
        Dataset x = standardizer.Transform(data.Dataset);
        var network = new Mlp(x.FeatureCount, [6, x.ClassCount], seed: 7, Activation.Tanh, Activation.Linear);
        var adam = new Adam(network.Parameters(), learningRate: 0.05);
        for (int step = 0; step < 5; step++)
        {
            Value loss = Losses.CrossEntropy([.. x.Features.Select(network.Forward)], x.Classes);
            adam.ZeroGrad();
            loss.Backward();
            adam.Step();
        }
        return new Model(network, data.Schema.WithStandardizer(standardizer), ModelOutput.Softmax);
    }
}
