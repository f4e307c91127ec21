using System.CommandLine;
using System.Globalization;
using MicroNet.Cli.Examples;
using MicroNet.Data;
using MicroNet.Loss;
using MicroNet.Nn;
using MicroNet.Optimizers;
using MicroNet.Pipeline;
using MicroNet.Schedules;
using MicroNet.Training;

namespace MicroNet.Cli.Commands.Train;

/// <summary>
/// The options of <c>micronet train</c>, each parsed strictly in the invariant culture, the checks that involve more
/// than one option, and their translation into the library's <see cref="TrainingSettings"/>.
/// </summary>
internal sealed partial class TrainOptions
{
    // Generous ceilings that still end: a mistyped --epochs 1000000000 is refused rather than run for years.
    private const int MaxSteps = 10_000_000, MaxEpochs = 1_000_000;

    public Option<int> Steps { get; } = CliOptions.Integer(
        "--steps", "How many gradient-descent steps the notebook's job takes, at most 10,000,000.", NotebookExample.DefaultSteps, minimum: 1, maximum: MaxSteps);

    public Option<double> LearningRate { get; } = CliOptions.PositiveNumber(
        "--learning-rate", "The step size: 0.05 for the notebook's job, 0.01 for --dataset, 0.001 (Adam's usual) for --csv.", NotebookExample.DefaultLearningRate);

    public Option<int> Seed { get; } = CliOptions.Integer(
        "--seed", "Seeds the initial weights (and with --dataset or --csv the data, the split and the batch order); the same seed gives the same run.", NotebookExample.DefaultSeed);

    public Option<NamedDataset?> Dataset { get; } = new("--dataset")
    {
        Description = "Train on a generated dataset instead of the notebook's four samples: "
            + Describe(DatasetOrigin.Generated) + ", all seeded by --seed; on a built-in real one: " + Describe(DatasetOrigin.BuiltIn)
            + "; or on " + Describe(DatasetOrigin.Folder) + ", read from --data-dir.",
        HelpName = string.Join('|', DataSources.Named.Select(d => d.Name)),
        CustomParser = result => CliOptions.Parse<NamedDataset?>(result, "one of " + string.Join(", ", DataSources.Named.Select(d => d.Name)),
            (string text, out NamedDataset? dataset) => (dataset = DataSources.Find(text)) is not null),
    };

    public Option<string> Csv { get; } = new("--csv")
    {
        Description = "Train on a CSV file with a header row instead (needs --target): numbers are used as they are, text is one-hot encoded, dates become numbers, IDs and constants are left out; a table of the columns says which and why.",
        HelpName = "file",
    };

    public Option<string> Target { get; } = new("--target")
    {
        Description = "The column of the --csv file to predict: text or a few whole numbers make classes, other numbers regression.",
        HelpName = "column",
    };

    public Option<MissingValuePolicy?> Missing { get; } = DataOptions.Missing();

    public Option<IReadOnlyList<string>?> Ignore { get; } = ColumnList("--ignore", "Columns of the --csv file to leave out of the features (an ID, a name, a free-text note).");

    public Option<IReadOnlyList<string>?> Categorical { get; } = ColumnList("--categorical", "Columns to one-hot encode even though they hold numbers (a postcode, a code).");

    public Option<IReadOnlyList<string>?> Numeric { get; } = ColumnList("--numeric", "Columns to use as numbers even where the schema would leave them out (a numeric ID that matters).");

    public Option<IReadOnlyList<string>?> Date { get; } = ColumnList("--date", "Columns to read as ISO 8601 dates (2024-03-01, 2024-03-01T14:05), even with a few bare years.");

    public Option<TaskKind?> Task { get; } = CliOptions.Choice(
        "--task", "Whether the --target holds classes or numbers, overriding the inference (whole numbers with at most 10 values are classes). [default: inferred]",
        TaskKindExtensions.Names);

    public Option<char?> Decimal { get; } = new("--decimal")
    {
        Description = "How the --csv file writes decimals: . or , (detected: a comma where cells are separated by ; or tabs). [default: detected]",
        HelpName = ".|,",
        CustomParser = result => CliOptions.Parse<char?>(result, "'.' or ','", (string text, out char? value) =>
            (value = text is "." or "," ? text[0] : null) is not null),
    };

    public Option<char?> Separator { get; } = DataOptions.Separator();

    public Option<int?> SkipRows { get; } = DataOptions.SkipRows();

    public Option<int> MinCategoryCount { get; } = CliOptions.Integer(
        "--min-category-count", "In a column of more than 10 categories, those seen in fewer rows share one (other) feature; 1 for none.",
        CsvOptions.DefaultMinCategoryCount, minimum: 1);

    public Option<int?> Patience { get; } = new("--patience")
    {
        Description = "Stop when no epoch has scored better on the validation rows (accuracy, then loss; for numbers, loss) for this many epochs. [default: run every epoch]",
        HelpName = "n",
        CustomParser = result => CliOptions.Parse<int?>(result, "a whole number of at least 1", (string text, out int? value) =>
            (value = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 ? n : null) is not null),
    };

    public Option<string> Out { get; } = new("--out")
    {
        Description = "Save the trained model to this JSON file (atomically), with the columns, standardisation and classes that 'micronet predict' needs; "
            + "if the loss becomes NaN, the file is left as it was and the last good model goes to FILE.last-good.json beside it.",
        HelpName = "file",
    };

    public Option<string> Plots { get; } = new("--plots")
    {
        Description = "Write PNG plots to this folder (created if needed): curves.png (loss and accuracy per epoch, or for the notebook's job per step) and, "
            + "for 2 features and classes, decision-boundary.png.",
        HelpName = "folder",
    };

    public Option<IReadOnlyList<int>?> Layers { get; } = new("--layers")
    {
        Description = "The hidden layer sizes, separated by commas; none (or \"\") for no hidden layer, a linear or logistic model. [default: 16,16]",
        HelpName = "n,n,...",
        CustomParser = result => CliOptions.Parse<IReadOnlyList<int>?>(result, "hidden layer sizes of at least 1, separated by commas, such as 16,16, or none", TryParseLayers),
    };

    public Option<Activation?> Activation { get; } = CliOptions.Choice(
        "--activation", "The hidden layers' activation; the output layer is linear. [default: relu]", ActivationExtensions.Names);

    public Option<LossFunction?> Loss { get; } = new("--loss")
    {
        Description = "The loss: " + string.Join("; ", LossFunction.All.Select(l => $"{l.Name}, {l.Summary}"))
            + ". auto picks mse for numeric targets, bce for two classes, cross-entropy for more. [default: auto]",
        HelpName = string.Join('|', ["auto", .. LossFunction.All.Select(l => l.Name)]),
        CustomParser = result => CliOptions.Parse<LossFunction?>(result, $"auto, {LossFunction.Choices}",
            (string text, out LossFunction? loss) => (loss = LossFunction.Find(text)) is not null || string.Equals(text.Trim(), "auto", StringComparison.OrdinalIgnoreCase)),
    };

    public Option<OptimizerKind?> Optimizer { get; } = CliOptions.Choice(
        "--optimizer", "The optimizer, with PyTorch's formulas. [default: adam]", OptimizerKindExtensions.Names);

    public Option<double?> Momentum { get; } = CliOptions.Number(
        "--momentum", "The momentum of --optimizer sgd. [default: 0]", "a number from 0 up to (not including) 1, such as 0.9", x => x >= 0 && x < 1);

    public Option<double?> WeightDecay { get; } = CliOptions.Number(
        "--weight-decay", "The weight decay: added to the gradient for sgd and adam, decoupled for adamw. [default: 0, adamw 0.01]",
        "a finite number, 0 or more", x => x >= 0 && double.IsFinite(x));

    public Option<ScheduleKind?> Schedule { get; } = CliOptions.Choice(
        "--schedule", "How the learning rate changes per epoch: constant, linear (down to a tenth), cosine (down to 0) or step (a tenth after each third). [default: constant]",
        ScheduleKindExtensions.Names);

    public Option<int> Epochs { get; } = CliOptions.Integer("--epochs", "How many passes over the training rows, at most 1,000,000.", TrainingOptions.DefaultEpochs, minimum: 1, maximum: MaxEpochs);

    public Option<int> BatchSize { get; } = CliOptions.Integer(
        "--batch-size", "How many rows each step averages over; the training set's size or more means full batch.", TrainingOptions.DefaultBatchSize, minimum: 1);

    public Option<double?> Validation { get; } = CliOptions.Number(
        "--validation", "The share of rows held out to validate after each epoch. [default: 0.2]", "a fraction from 0 up to (not including) 1, such as 0.2",
        x => x >= 0 && x < 1);

    public Option<double?> Test { get; } = CliOptions.Number(
        "--test", "The share of rows held out for the final score. [default: 0.2]", "a fraction from 0 up to (not including) 1, such as 0.2",
        x => x >= 0 && x < 1);

    public Option<double?> L2 { get; } = CliOptions.Number(
        "--l2", "The factor of an L2 penalty, l2 * sum(p ** 2), added to the loss. [default: 0]", "a finite number, 0 or more", x => x >= 0 && double.IsFinite(x));

    public Option<string> DataDir { get; } = new("--data-dir")
    {
        Description = "The folder of --dataset fashion-mnist's four IDX files (plain or .gz). [default: " + FashionMnist.DefaultDirectory
            + ", where Debian's package " + FashionMnist.DebianPackage + " puts them]",
        HelpName = "folder",
    };

    public Option<EngineKind?> Engine { get; } = CliOptions.Choice(
        "--engine", "How each batch is computed: compiled (a replay captured once, the batch spread over --workers threads) or eager (a fresh graph per batch, one thread); "
        + "both give the same results. [default: compiled]", EngineKindExtensions.Names);

    public Option<int> Workers { get; } = CliOptions.Integer(
        "--workers", "Threads for --engine compiled; 0 for one per processor. The results do not depend on it.", 0, minimum: 0);

    /// <summary>Every option the command takes: the notebook's, then those that need --dataset or --csv.</summary>
    public IEnumerable<Option> All => [Steps, LearningRate, Seed, Plots, Dataset, .. DatasetOnly];

    /// <summary>Every option that only makes sense with <c>--dataset</c> or <c>--csv</c>.</summary>
    public IEnumerable<Option> DatasetOnly =>
        [Csv, Target, Missing, Ignore, Categorical, Numeric, Date, Task, Decimal, Separator, SkipRows, MinCategoryCount, DataDir, Layers, Activation,
         Loss, Optimizer, Momentum, WeightDecay, Schedule, Epochs, BatchSize, Validation, Test, L2, Patience, Engine, Workers, Out];

    /// <summary>The options that shape how a --csv file is read, which a --dataset does not take.</summary>
    private IEnumerable<Option> CsvOnly => [Target, Missing, Ignore, Categorical, Numeric, Date, Task, Decimal, Separator, SkipRows, MinCategoryCount];
}
