using System.Globalization;
using MicroNet.Data;
using MicroNet.Loss;
using MicroNet.Models;
using MicroNet.Nn;
using MicroNet.Optimizers;
using MicroNet.Schedules;
using MicroNet.Training;

namespace MicroNet.Pipeline;

/// <summary>
/// The whole way from rows to a saved model, as <c>micronet train --dataset</c> and <c>--csv</c> take it: split the rows
/// (stratified for classes), standardise them on the training rows, build the network the loss needs, train it, score it
/// on the test rows, and bundle it with its preprocessing as a <see cref="Model"/>. The command line, the playground and
/// the tests all call this; each step is also public on its own (<see cref="PreparedData"/>, <see cref="ModelBuilder"/>,
/// <see cref="Trainer"/>).
/// </summary>
/// <example>
/// <code>
/// DataSource source = DataSources.Csv("penguins.csv", "Species", new CsvOptions { Missing = MissingValuePolicy.Drop });
/// TrainingRun run = TrainingRun.Prepare(source, new TrainingSettings { Epochs = 50 });
/// TrainingOutcome outcome = run.Train(epoch => Console.WriteLine(epoch.TrainingLoss));
/// ModelFile.Save(outcome.Model, "penguins.json");
/// </code>
/// </example>
public sealed class TrainingRun
{
    private TrainingRun(DataSource source, TrainingSettings settings, PreparedData data, Mlp network, TrainingOptions options)
    {
        Source = source;
        Settings = settings;
        Data = data;
        Network = network;
        Options = options;
    }

    /// <summary>Where the rows came from.</summary>
    public DataSource Source { get; }

    /// <summary>The settings the run was prepared with.</summary>
    public TrainingSettings Settings { get; }

    /// <summary>The rows split and standardised.</summary>
    public PreparedData Data { get; }

    /// <summary>The loss: the one asked for, or the default for the targets.</summary>
    public LossFunction Loss => Options.Loss!;

    /// <summary>The network, with its initial weights until <see cref="Train"/> runs.</summary>
    public Mlp Network { get; }

    /// <summary>How <see cref="Trainer"/> trains it: the loss, optimizer, schedule, epochs, batches, penalty, seed and engine.</summary>
    public TrainingOptions Options { get; }

    /// <summary>
    /// One sentence on the data and its split, such as <c>Dataset moons: 300 rows, 2 features, binary classification; 180
    /// for training, 60 for validation, 60 for testing, standardised on the training rows.</c>
    /// </summary>
    public string Summary
    {
        get
        {
            Dataset data = Source.Data;
            string kind = data.Kind.Describe(data.ClassCount);
            string split = Invariant($"{Data.Train.Count} for training, {Data.Validation.Count} for validation, {Data.Test.Count} for testing");
            string features = Invariant($"{data.FeatureCount} features") + (Source.FeatureNote is null ? "" : $" ({Source.FeatureNote})");
            if (Source.Test is { } test)
            {
                string note = Source.TestNote is null ? "" : $" ({Source.TestNote})";
                return Invariant($"{Source.Description}: {data.Count} training and {test.Count} test {Source.RowNoun}{note}, {features}, {kind}; {split}.");
            }
            string dropped = Source.DroppedRowCount switch
            {
                0 => "",
                1 => " (1 row with a missing value dropped)",
                int n => Invariant($" ({n} rows with missing values dropped)"),
            };
            return Invariant($"{Source.Description}: {data.Count} {Source.RowNoun}{dropped}, {features}, {kind}; {split}, standardised on the training rows.");
        }
    }

    /// <summary>The learning rate the run starts from: the settings' if they name one, otherwise the data source's.</summary>
    public double LearningRate => Settings.LearningRate ?? Source.LearningRate;

    /// <summary>
    /// For classes, when some have too few rows to appear in every held-out part, one sentence saying how many and where
    /// they are missing (the parts keep the sizes asked for); null when every class is in every part that has rows.
    /// </summary>
    public string? SplitNote
    {
        get
        {
            Dataset data = Source.Data;
            if (!data.Kind.IsClassification())
            {
                return null;
            }
            int present = data.Classes.Distinct().Count();
            int MissingFrom(Dataset part) => part.Count == 0 ? 0 : present - part.Classes.Distinct().Count();
            int validation = MissingFrom(Data.Validation), test = Source.Test is null ? MissingFrom(Data.Test) : 0;
            if (validation == 0 && test == 0)
            {
                return null;
            }
            IEnumerable<string> where = [.. validation > 0 ? [Invariant($"{validation} from the validation rows")] : Array.Empty<string>(),
                .. test > 0 ? [Invariant($"{test} from the test rows")] : Array.Empty<string>()];
            return Invariant($"Some classes have too few rows to be in every part, so the split could not be fully stratified: {string.Join(" and ", where)} of the {present} classes are missing; the parts keep the sizes asked for, and scores on them cover fewer classes.");
        }
    }

    /// <summary>
    /// Checks the settings against the data, splits and standardises the rows, and builds the network; nothing is trained yet.
    /// </summary>
    /// <param name="source">The rows.</param>
    /// <param name="settings">How to train; the defaults of <see cref="TrainingSettings"/> if null.</param>
    /// <exception cref="SettingsException">A setting is out of range or does not fit the data; <see cref="SettingsException.Setting"/> names it.</exception>
    /// <exception cref="DataFileException">The data cannot be used: too few rows to split, or a value no standardisation can use.</exception>
    public static TrainingRun Prepare(DataSource source, TrainingSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        settings ??= new TrainingSettings();
        Dataset data = source.Data;
        LossFunction loss = settings.Loss ?? LossFunction.DefaultFor(data.Kind);
        if (!loss.Fits(data.Kind))
        {
            throw new SettingsException(nameof(TrainingSettings.Loss),
                $"The {loss.Name} loss does not fit {source.DescriptionInSentence} ({data.Kind.Describe(data.ClassCount)}); use {UserText.Choices([.. LossFunction.FitFor(data.Kind).Select(l => l.Name)])}.");
        }
        TrainingOptions options = CreateOptions(settings, loss, settings.LearningRate ?? source.LearningRate);
        // Before any allocation that grows with the network: a mistyped --layers 1000000000 is refused, not run out of memory.
        if (TrainingBudget.Refusal(data.FeatureCount, [.. settings.HiddenLayers, loss.OutputCount(data.ClassCount)]) is { } refusal)
        {
            throw new SettingsException(nameof(TrainingSettings.HiddenLayers), refusal);
        }
        TrainingSeeds seeds = TrainingSeeds.From(settings.Seed);
        PreparedData prepared;
        try
        {
            prepared = source.Test is { } test ? FromSplit(source, settings, test, seeds) : Split(source, settings, seeds);
        }
        catch (DataFileException e)
        {
            throw new DataFileException($"{source.Description}: {e.Message}", e);
        }
        Mlp network = ModelBuilder.ForDataset(prepared.Train, settings.HiddenLayers, settings.Activation, seeds.Weights, loss);
        options = options with { Seed = seeds.BatchOrder, TargetScale = prepared.TargetScaling?.StandardDeviation ?? 1 };
        return new TrainingRun(source, settings, prepared, network, options);
    }

    /// <summary>A session that trains <see cref="Network"/> one epoch at a time, validating on the validation rows.</summary>
    public TrainingSession Start() => new(Network, Data.Train, Options, Data.Validation.Count > 0 ? Data.Validation : null);

    /// <summary>
    /// Trains <see cref="Network"/> as <see cref="Trainer.Fit"/> does (to the end, to a divergence or to the patience, ending
    /// with the best epoch's parameters when there are validation rows), scores it on the test rows, and bundles it as a
    /// <see cref="Model"/> whose metadata says what it was trained on.
    /// </summary>
    /// <param name="onEpoch">Called after every completed epoch, on the calling thread.</param>
    public TrainingOutcome Train(Action<EpochReport>? onEpoch = null)
    {
        TrainingResult result = Trainer.Fit(Network, Data.Train, Options, Data.Validation.Count > 0 ? Data.Validation : null, onEpoch);
        Evaluation? test = Data.Test.Count > 0 ? Trainer.Evaluate(Network, Data.Test, Loss, Options.TargetScale) : null;
        return new TrainingOutcome(Data.CreateModel(result, ModelMetadata(result)), result, test);
    }

    /// <summary>
    /// How a model from this run was made, for <see cref="Model.Metadata"/>: the data (<c>trainedOn</c>), the seed and
    /// every setting that shapes the model (<c>hiddenLayers</c>, <c>loss</c>, <c>optimizer</c>, <c>learningRate</c>, ...,
    /// <c>keptEpoch</c>), numbers in the invariant culture, so that a model file says how to make it again. A new
    /// dictionary each call, which a caller may add to.
    /// </summary>
    public Dictionary<string, string> ModelMetadata(TrainingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        TrainingSettings s = Settings;
        string Number(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["trainedOn"] = Source.Description,
            ["seed"] = s.Seed.ToString(CultureInfo.InvariantCulture),
            ["hiddenLayers"] = s.HiddenLayers.Count == 0 ? "none" : string.Join(',', s.HiddenLayers.Select(n => n.ToString(CultureInfo.InvariantCulture))),
            ["activation"] = s.Activation.ToName(),
            ["loss"] = Loss.Name,
            ["optimizer"] = s.Optimizer.ToName(),
            ["learningRate"] = Number(LearningRate),
            ["schedule"] = s.Schedule.ToName(),
            ["epochs"] = s.Epochs.ToString(CultureInfo.InvariantCulture),
            ["epochsRun"] = result.History.Epochs.Count.ToString(CultureInfo.InvariantCulture),
            ["batchSize"] = s.BatchSize.ToString(CultureInfo.InvariantCulture),
            ["validationRows"] = Data.Validation.Count.ToString(CultureInfo.InvariantCulture),
            ["testRows"] = Data.Test.Count.ToString(CultureInfo.InvariantCulture),
            ["trainingRows"] = Data.Train.Count.ToString(CultureInfo.InvariantCulture),
            ["l2"] = Number(s.L2),
        };
        if (s.Momentum != 0)
        {
            metadata["momentum"] = Number(s.Momentum);
        }
        if (s.WeightDecay is { } decay)
        {
            metadata["weightDecay"] = Number(decay);
        }
        if (s.Patience is { } patience)
        {
            metadata["patience"] = patience.ToString(CultureInfo.InvariantCulture);
        }
        if (result.BestEpoch is { } best && s.RestoreBest)
        {
            metadata["keptEpoch"] = best.ToString(CultureInfo.InvariantCulture);
        }
        return metadata;
    }

    private static TrainingOptions CreateOptions(TrainingSettings settings, LossFunction loss, double learningRate)
    {
        if (settings.HiddenLayers.Any(size => size < 1))
        {
            throw new SettingsException(nameof(TrainingSettings.HiddenLayers), "Every hidden layer needs at least 1 neuron.");
        }
        if (settings.Momentum != 0 && !settings.Optimizer.HasMomentum())
        {
            throw new SettingsException(nameof(TrainingSettings.Momentum),
                $"Momentum applies to the sgd optimizer only; {settings.Optimizer.ToName()} keeps its own running mean of the gradient.");
        }
        try
        {
            return new TrainingOptions
            {
                Loss = loss,
                Optimizer = settings.Optimizer.Factory(learningRate, settings.Momentum, settings.WeightDecay),
                Schedule = settings.Schedule.Create(learningRate, Math.Max(1, settings.Epochs)),
                Epochs = settings.Epochs,
                BatchSize = settings.BatchSize,
                L2 = settings.L2,
                Engine = settings.Engine,
                Workers = settings.Workers,
                Patience = settings.Patience,
                RestoreBest = settings.RestoreBest,
            };
        }
        catch (ArgumentOutOfRangeException e)
        {
            // The options check each number as it is set; name the setting in the words of TrainingSettings.
            throw new SettingsException(SettingOf(e.ParamName), Invariant($"The setting {SettingOf(e.ParamName)} is {e.ActualValue}, which is out of range."), e);
        }
    }

    private static string SettingOf(string? parameter) => parameter switch
    {
        "learningRate" or "start" or "value" => nameof(TrainingSettings.LearningRate),
        "weightDecay" => nameof(TrainingSettings.WeightDecay),
        "momentum" => nameof(TrainingSettings.Momentum),
        nameof(TrainingOptions.Epochs) or "length" => nameof(TrainingSettings.Epochs),
        nameof(TrainingOptions.BatchSize) => nameof(TrainingSettings.BatchSize),
        nameof(TrainingOptions.L2) => nameof(TrainingSettings.L2),
        nameof(TrainingOptions.Workers) => nameof(TrainingSettings.Workers),
        nameof(TrainingOptions.Patience) => nameof(TrainingSettings.Patience),
        _ => parameter ?? "",
    };

    private static PreparedData Split(DataSource source, TrainingSettings settings, TrainingSeeds seeds)
    {
        double validation = CheckFraction(settings.ValidationFraction ?? TrainingSettings.DefaultHoldOut, nameof(TrainingSettings.ValidationFraction));
        double test = CheckFraction(settings.TestFraction ?? TrainingSettings.DefaultHoldOut, nameof(TrainingSettings.TestFraction));
        if (validation + test >= 1)
        {
            throw new SettingsException(nameof(TrainingSettings.TestFraction),
                Invariant($"Validation ({validation}) and test ({test}) hold out {validation + test} of the rows; leave some for training."));
        }
        return PreparedData.Prepare(source.Data, source.Schema, validation, test, seeds.Split);
    }

    // Data that comes split keeps its own test rows; a validation share, if any, comes out of its training rows.
    private static PreparedData FromSplit(DataSource source, TrainingSettings settings, Dataset test, TrainingSeeds seeds)
    {
        if (settings.TestFraction is not null)
        {
            throw new SettingsException(nameof(TrainingSettings.TestFraction),
                Invariant($"{source.Description} comes with its own {test.Count} test {source.RowNoun}, so no share of it is held out for testing."));
        }
        double validation = CheckFraction(settings.ValidationFraction ?? 0, nameof(TrainingSettings.ValidationFraction));
        Dataset data = source.Data;
        DatasetSplit parts = validation > 0 ? data.Split(1 - validation, validation, seeds.Split) : new DatasetSplit(data, data.Subset([]), data.Subset([]));
        return PreparedData.FromSplit(new DatasetSplit(parts.Train, parts.Validation, test), source.Schema);
    }

    private static double CheckFraction(double fraction, string setting) => fraction >= 0 && fraction < 1
        ? fraction
        : throw new SettingsException(setting, Invariant($"The setting {setting} is {fraction}; it must be at least 0 and below 1."));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What <see cref="TrainingRun.Train"/> gives.</summary>
/// <param name="Model">The trained network with its preprocessing, ready for <see cref="ModelFile.Save"/>; after a divergence, its last good parameters.</param>
/// <param name="Result">The training history and scores.</param>
/// <param name="Test">The network scored on the test rows; null without any.</param>
public sealed record TrainingOutcome(Model Model, TrainingResult Result, Evaluation? Test);
