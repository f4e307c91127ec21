using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using MicroNet.Data;
using MicroNet.Optimizers;
using MicroNet.Pipeline;

namespace MicroNet.Cli.Commands.Train;

/// <summary>The checks across options, and the translation of the options into the library's settings.</summary>
internal sealed partial class TrainOptions
{
    /// <summary>How the --csv file is to be read, from the options.</summary>
    public CsvOptions ToCsvOptions(ParseResult result) => new()
    {
        Missing = result.GetValue(Missing) ?? MissingValuePolicy.Error,
        IgnoredColumns = result.GetValue(Ignore) ?? [],
        CategoricalColumns = result.GetValue(Categorical) ?? [],
        NumericColumns = result.GetValue(Numeric) ?? [],
        DateColumns = result.GetValue(Date) ?? [],
        Task = result.GetValue(Task) ?? (result.GetValue(Loss) is { } loss && loss.Output == Models.ModelOutput.Value ? TaskKind.Regression : null),
        DecimalSeparator = result.GetValue(Decimal),
        Separator = result.GetValue(Separator),
        SkipRows = result.GetValue(SkipRows),
        MinCategoryCount = result.GetValue(MinCategoryCount),
    };

    /// <summary>The option that sets each <see cref="TrainingSettings"/> property, for naming it in a message.</summary>
    public string OptionFor(string setting) => setting switch
    {
        nameof(TrainingSettings.HiddenLayers) => Layers.Name,
        nameof(TrainingSettings.Activation) => Activation.Name,
        nameof(TrainingSettings.Loss) => Loss.Name,
        nameof(TrainingSettings.Optimizer) => Optimizer.Name,
        nameof(TrainingSettings.LearningRate) => LearningRate.Name,
        nameof(TrainingSettings.Momentum) => Momentum.Name,
        nameof(TrainingSettings.WeightDecay) => WeightDecay.Name,
        nameof(TrainingSettings.Schedule) => Schedule.Name,
        nameof(TrainingSettings.Epochs) => Epochs.Name,
        nameof(TrainingSettings.BatchSize) => BatchSize.Name,
        nameof(TrainingSettings.ValidationFraction) => Validation.Name,
        nameof(TrainingSettings.TestFraction) => Test.Name,
        nameof(TrainingSettings.L2) => L2.Name,
        nameof(TrainingSettings.Seed) => Seed.Name,
        nameof(TrainingSettings.Engine) => Engine.Name,
        nameof(TrainingSettings.Workers) => Workers.Name,
        nameof(TrainingSettings.Patience) => Patience.Name,
        _ => setting,
    };

    /// <summary>The library's settings for a run on a dataset: what the command line gives, the library's defaults for the rest.</summary>
    public TrainingSettings ToSettings(ParseResult result)
    {
        var defaults = new TrainingSettings();
        return new TrainingSettings
        {
            HiddenLayers = result.GetValue(Layers) ?? defaults.HiddenLayers,
            Activation = result.GetValue(Activation) ?? defaults.Activation,
            Loss = result.GetValue(Loss),
            Optimizer = result.GetValue(Optimizer) ?? defaults.Optimizer,
            LearningRate = CliOptions.Given(result, LearningRate) ? result.GetValue(LearningRate) : null,
            Momentum = result.GetValue(Momentum) ?? defaults.Momentum,
            WeightDecay = result.GetValue(WeightDecay),
            Schedule = result.GetValue(Schedule) ?? defaults.Schedule,
            Epochs = result.GetValue(Epochs),
            BatchSize = result.GetValue(BatchSize),
            ValidationFraction = result.GetValue(Validation),
            TestFraction = result.GetValue(Test),
            L2 = result.GetValue(L2) ?? defaults.L2,
            Seed = result.GetValue(Seed),
            Engine = result.GetValue(Engine) ?? defaults.Engine,
            Workers = result.GetValue(Workers),
            Patience = result.GetValue(Patience),
        };
    }

    /// <summary>The checks that involve several options; the first problem becomes the one-line usage error.</summary>
    public void Validate(CommandResult command)
    {
        try
        {
            ValidateCombination(command);
        }
        catch (InvalidOperationException)
        {
            // Reading a value that does not parse throws; its parser has already recorded the one-line error.
        }
    }

    private void ValidateCombination(CommandResult command)
    {
        bool dataset = CliOptions.Given(command, Dataset), csv = CliOptions.Given(command, Csv);
        if (!dataset && !csv)
        {
            Option? stray = DatasetOnly.FirstOrDefault(o => CliOptions.Given(command, o));
            if (stray is not null)
            {
                command.AddError($"Option '{stray.Name}' needs --dataset or --csv; without them, train runs the notebook's job, which takes only --steps, --learning-rate, --seed and --plots.");
            }
            return;
        }
        if (dataset && csv)
        {
            command.AddError("Options '--dataset' and '--csv' both name the data to train on; give one of them.");
            return;
        }
        NamedDataset? named = dataset ? command.GetValue(Dataset) : null;
        if (CliOptions.Given(command, DataDir) && named?.Origin != DatasetOrigin.Folder)
        {
            command.AddError($"Option '--data-dir' belongs to --dataset {string.Join(" or ", DataSources.Named.Where(d => d.Origin == DatasetOrigin.Folder).Select(d => d.Name))}, the datasets read from a folder.");
            return;
        }
        if (csv && !CliOptions.Given(command, Target))
        {
            command.AddError("Option '--csv' needs --target COLUMN, the name of the column to predict.");
            return;
        }
        if (dataset && CsvOnly.FirstOrDefault(o => CliOptions.Given(command, o)) is { } csvOption)
        {
            command.AddError($"Option '{csvOption.Name}' goes with --csv; a --dataset knows its target, its columns and how to treat missing values.");
            return;
        }
        if (CliOptions.Given(command, Steps))
        {
            command.AddError("Option '--steps' belongs to the notebook's job; with --dataset or --csv, say how long to train with --epochs.");
            return;
        }
        if (CliOptions.Given(command, Momentum) && !(command.GetValue(Optimizer) ?? new TrainingSettings().Optimizer).HasMomentum())
        {
            command.AddError("Option '--momentum' applies to --optimizer sgd only; adam and adamw keep their own running mean of the gradient.");
            return;
        }
        double validation = command.GetValue(Validation) ?? TrainingSettings.DefaultHoldOut, test = command.GetValue(Test) ?? TrainingSettings.DefaultHoldOut;
        if (validation + test > 0.9 + 1e-9)
        {
            command.AddError(string.Create(CultureInfo.InvariantCulture,
                $"Options '--validation' ({validation}) and '--test' ({test}) hold out {validation + test} of the rows; leave at least 0.1 for training."));
        }
    }

    private static Option<IReadOnlyList<string>?> ColumnList(string name, string description) => new(name)
    {
        Description = description + " Separate several with commas.",
        HelpName = "column,...",
        CustomParser = result => CliOptions.Parse<IReadOnlyList<string>?>(result, "column names separated by commas", (string text, out IReadOnlyList<string>? columns) =>
        {
            string[] names = text.Split(',', StringSplitOptions.TrimEntries);
            columns = names.All(n => n.Length > 0) ? names : null;
            return columns is not null;
        }),
    };

    // For example "moons (300 points, noise 0.1), circles (...) or blobs (...)".
    private static string Describe(DatasetOrigin origin) =>
        UserText.Choices([.. DataSources.Named.Where(d => d.Origin == origin).Select(d => $"{d.Name} ({d.Summary})")]);

    private static bool TryParseLayers(string text, out IReadOnlyList<int>? layers)
    {
        if (text.Trim().Length == 0 || string.Equals(text.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            layers = [];
            return true;
        }
        layers = null;
        string[] parts = text.Split(',');
        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1)
            {
                return false;
            }
        }
        layers = sizes;
        return true;
    }
}
