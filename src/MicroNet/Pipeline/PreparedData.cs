using System.Globalization;
using MicroNet.Data;
using MicroNet.Models;
using MicroNet.Training;

namespace MicroNet.Pipeline;

/// <summary>
/// A dataset made ready to train on, as <c>micronet train</c> does it: split into training, validation and test rows
/// (stratified for classes), features standardised with the means and deviations of the training rows only, regression
/// targets standardised the same way, and the <see cref="FeatureSchema"/> that turns raw rows into those features,
/// now carrying the <see cref="Data.Standardizer"/>, so that a saved model applies exactly what training did.
/// </summary>
/// <remarks>
/// Regression targets are standardised because mean squared error on targets in the hundreds (prices, weights in grams)
/// starts with huge gradients that Adam's default step size takes a long time to follow; on standardised targets one
/// setting fits most data. <see cref="CreateModel"/> stores the mean and deviation as the model's
/// <see cref="Models.TargetScaling"/>, so predictions come out in the target's own units. Losses and RMSE reported while
/// training are in standardised units (divide an RMSE in target units by <see cref="TargetScaling"/>'s standard
/// deviation to compare); R² is the same in both.
/// </remarks>
/// <example>
/// <code>
/// CsvData csv = CsvLoader.Load("houses.csv", "price");
/// PreparedData data = PreparedData.Prepare(csv.Dataset, csv.Schema, validationFraction: 0.2, testFraction: 0.2, seed: 1);
/// Mlp network = ModelBuilder.ForDataset(data.Train, [16, 16], Activation.Relu, seed: 2);
/// TrainingResult result = Trainer.Fit(network, data.Train, new TrainingOptions { Seed = 3 }, data.Validation);
/// ModelFile.Save(data.CreateModel(result), "model.json");
/// </code>
/// </example>
public sealed class PreparedData
{
    private PreparedData(DatasetSplit raw, Dataset train, Dataset validation, Dataset test, FeatureSchema schema, TargetScaling? targetScaling)
    {
        Raw = raw;
        Train = train;
        Validation = validation;
        Test = test;
        Schema = schema;
        TargetScaling = targetScaling;
    }

    /// <summary>The training rows, standardised; at least one.</summary>
    public Dataset Train { get; }

    /// <summary>The validation rows, standardised with the training rows' statistics; empty if none were held out.</summary>
    public Dataset Validation { get; }

    /// <summary>The test rows, standardised with the training rows' statistics; empty if none were held out.</summary>
    public Dataset Test { get; }

    /// <summary>The same three parts as they were before standardising (features as the dataset held them, targets in their own units).</summary>
    public DatasetSplit Raw { get; }

    /// <summary>How raw rows become the network's inputs, with <see cref="Standardizer"/> fitted on the training rows.</summary>
    public FeatureSchema Schema { get; }

    /// <summary>The means and standard deviations of the training rows' features.</summary>
    public Standardizer Standardizer => Schema.Standardizer!;

    /// <summary>For regression, the training targets' mean and standard deviation, which the network's output is scaled by; null for classification.</summary>
    public TargetScaling? TargetScaling { get; }

    /// <summary>
    /// Splits <paramref name="data"/> into training, validation and test rows (stratified for classification: each part
    /// keeps the class shares), fits a <see cref="Data.Standardizer"/> on the training rows only and applies it to all three;
    /// for regression it also standardises the targets with the training rows' mean and standard deviation (only
    /// centres them if that deviation is 0).
    /// </summary>
    /// <param name="data">
    /// The rows, features encoded but not standardised (as <c>CsvLoader</c> or <see cref="SyntheticData"/> give them); a
    /// missing feature may be NaN, and is then filled with the training rows' mean or most frequent category, which the
    /// schema keeps for prediction.
    /// </param>
    /// <param name="schema">
    /// How raw CSV rows became <paramref name="data"/>'s features (<c>CsvData.Schema</c>); null for data that did not come from a
    /// file, which gets <see cref="FeatureSchema.ForNumericFeatures"/>. Any standardizer it has is replaced.
    /// </param>
    /// <param name="validationFraction">The share of rows held out to validate after each epoch, from 0 up to (not including) 1.</param>
    /// <param name="testFraction">The share of rows held out for the final score, from 0 up to (not including) 1; with
    /// <paramref name="validationFraction"/> below 1.</param>
    /// <param name="seed">Seeds the split; the same seed gives the same parts.</param>
    /// <exception cref="ArgumentOutOfRangeException">A fraction is out of range, or the two leave no rows to train on.</exception>
    /// <exception cref="ArgumentException"><paramref name="schema"/> does not describe <paramref name="data"/>, or a feature is NaN or infinite.</exception>
    /// <exception cref="DataFileException">The training part would be empty, or a regression target is NaN or infinite.</exception>
    public static PreparedData Prepare(Dataset data, FeatureSchema? schema, double validationFraction, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(validationFraction >= 0 && validationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must be at least 0 and below 1.");
        }
        if (!(testFraction >= 0 && testFraction < 1 && validationFraction + testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction,
                "The test fraction must be at least 0 and below 1, and leave rows to train on with the validation fraction.");
        }
        schema ??= FeatureSchema.ForNumericFeatures(data);
        if (schema.FeatureCount != data.FeatureCount || schema.Kind != data.Kind || !schema.ClassNames.SequenceEqual(data.ClassNames))
        {
            throw new ArgumentException(Invariant($"The schema ({schema}) does not describe the dataset ({data}); pass the schema the data was loaded with."),
                nameof(schema));
        }

        DatasetSplit raw = data.Split(1 - validationFraction - testFraction, validationFraction, seed);
        if (raw.Train.Count == 0)
        {
            throw new DataFileException(Invariant($"The dataset has {data.Count} rows, too few to leave any for training; give it more rows or hold out less."));
        }
        // Missing features (NaN, as a loader marks them under --missing impute) are filled from the training rows only.
        (raw, schema) = Imputation.Fill(raw, schema);
        var standardizer = Standardizer.Fit(raw.Train);
        TargetScaling? targetScaling = data.Kind == ProblemKind.Regression ? FitTargets(raw.Train) : null;
        return new PreparedData(
            raw,
            Scale(raw.Train),
            Scale(raw.Validation),
            Scale(raw.Test),
            schema.WithStandardizer(standardizer),
            targetScaling);

        Dataset Scale(Dataset part)
        {
            Dataset standardized = standardizer.Transform(part);
            return targetScaling is null
                ? standardized
                : new Dataset(standardized.Features, [.. standardized.Targets.Select(t => (t - targetScaling.Mean) / targetScaling.StandardDeviation)],
                    ProblemKind.Regression, standardized.FeatureNames);
        }
    }

    /// <summary>
    /// Parts that come split and scaled already, such as Fashion-MNIST's official training and test images with pixels
    /// divided by 255: nothing is split or standardised, and the schema gets an identity <see cref="Data.Standardizer"/>
    /// (means 0, standard deviations 1), so a saved model expects features scaled as these are.
    /// </summary>
    /// <param name="parts">The training, validation (may be empty) and test (may be empty) rows.</param>
    /// <param name="schema">How raw rows became the features; null for <see cref="FeatureSchema.ForNumericFeatures"/>.</param>
    /// <exception cref="ArgumentException">The training part is empty.</exception>
    public static PreparedData FromSplit(DatasetSplit parts, FeatureSchema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Train.Count == 0)
        {
            throw new ArgumentException("The training part is empty; give it at least one row.", nameof(parts));
        }
        schema ??= FeatureSchema.ForNumericFeatures(parts.Train);
        int count = parts.Train.FeatureCount;
        var identity = new Standardizer(new double[count], [.. Enumerable.Repeat(1.0, count)]);
        TargetScaling? targetScaling = parts.Train.Kind == ProblemKind.Regression ? new TargetScaling(0, 1) : null;
        return new PreparedData(parts, parts.Train, parts.Validation, parts.Test, schema.WithStandardizer(identity), targetScaling);
    }

    /// <summary>
    /// The trained network as a <see cref="Model"/> that works on raw rows: <see cref="Schema"/> (with the training
    /// rows' standardizer), the output the loss implies (<see cref="Loss.LossFunction.Output"/>: cross-entropy
    /// softmax, bce sigmoid, hinge margin, mse a value) and, for regression, <see cref="TargetScaling"/>.
    /// </summary>
    /// <param name="result">What <see cref="Trainer.Fit"/> returned for a network trained on <see cref="Train"/>; after a divergence, its last good parameters.</param>
    /// <param name="metadata">Notes to save with the model, such as how it was trained; may be null.</param>
    /// <exception cref="ArgumentException">The network does not fit the schema (it was not trained on these features).</exception>
    public Model CreateModel(TrainingResult result, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new Model(result.Model, Schema, result.Loss.Output, TargetScaling, metadata);
    }

    private static TargetScaling FitTargets(Dataset train)
    {
        IReadOnlyList<double> targets = train.Targets;
        if (targets.Any(t => !double.IsFinite(t)))
        {
            throw new DataFileException("A regression target is NaN or infinite; remove or fill missing values before training.");
        }
        (double mean, double deviation) = Standardizer.MeanAndDeviation([.. targets]);
        return new TargetScaling(mean, deviation > 0 && double.IsFinite(deviation) ? deviation : 1);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
