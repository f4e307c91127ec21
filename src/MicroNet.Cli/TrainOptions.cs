using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using MicroNet.Data;
using MicroNet.Nn;
using MicroNet.Training;

namespace MicroNet.Cli;

/// <summary>
/// The options of <c>micronet train</c> that configure a run on a dataset, each parsed strictly in the invariant
/// culture, plus the checks that involve more than one option.
/// </summary>
internal sealed class TrainOptions
{
    /// <summary>The learning rate with <c>--dataset</c> when none is given: Adam's 0.001 needs more epochs than small demos want.</summary>
    public const double DefaultLearningRate = 0.01;

    public const double DefaultValidation = 0.2;

    public const double DefaultTest = 0.2;

    public static readonly IReadOnlyList<int> DefaultLayers = [16, 16];

    private static readonly (string, Nn.Activation)[] s_activations =
        [("tanh", Nn.Activation.Tanh), ("relu", Nn.Activation.Relu), ("sigmoid", Nn.Activation.Sigmoid), ("linear", Nn.Activation.Linear)];

    private static readonly (string, LossKind)[] s_losses = [.. Enum.GetValues<LossKind>().Select(l => (l.ToName(), l))];

    private static readonly (string, OptimizerKind)[] s_optimizers = [.. Enum.GetValues<OptimizerKind>().Select(o => (o.ToName(), o))];

    private static readonly (string, ScheduleKind)[] s_schedules = [.. Enum.GetValues<ScheduleKind>().Select(s => (s.ToName(), s))];

    public Option<DatasetName?> Dataset { get; } = DatasetOption.Create();

    public Option<string> Csv { get; } = new("--csv")
    {
        Description = "Train on a CSV file with a header row instead: numeric columns are used as they are, text columns one-hot encoded; needs --target.",
        HelpName = "file",
    };

    public Option<string> Target { get; } = new("--target")
    {
        Description = "The column of the --csv file to predict: text or a few whole numbers make classes, other numbers regression.",
        HelpName = "column",
    };

    public Option<MissingValuePolicy?> Missing { get; } = DataOptions.Missing();

    public Option<string> Out { get; } = new("--out")
    {
        Description = "Save the trained model to this JSON file (atomically), with the columns, standardisation and classes that 'micronet predict' needs; "
            + "if the loss becomes NaN, the last good model.",
        HelpName = "file",
    };

    public Option<string> Plots { get; } = new("--plots")
    {
        Description = "Write PNG plots to this folder (created if needed): curves.png (loss and accuracy per epoch) and, for 2 features and classes, "
            + "decision-boundary.png.",
        HelpName = "folder",
    };

    public Option<IReadOnlyList<int>?> Layers { get; } = new("--layers")
    {
        Description = "The hidden layer sizes, separated by commas. [default: 16,16]",
        HelpName = "n,n,...",
        CustomParser = result => CliOptions.Parse<IReadOnlyList<int>?>(result, "hidden layer sizes of at least 1, separated by commas, such as 16,16", TryParseLayers),
    };

    public Option<Nn.Activation?> Activation { get; } = Choice("--activation", "The hidden layers' activation; the output layer is linear. [default: relu]", s_activations);

    public Option<LossKind?> Loss { get; } = Choice(
        "--loss", "The loss: auto picks mse for numeric targets, bce for two classes, cross-entropy for more. [default: auto]", s_losses);

    public Option<OptimizerKind?> Optimizer { get; } = Choice("--optimizer", "The optimizer, with PyTorch's formulas. [default: adam]", s_optimizers);

    public Option<double?> Momentum { get; } = Number(
        "--momentum", "The momentum of --optimizer sgd. [default: 0]", "a number from 0 up to (not including) 1, such as 0.9", x => x >= 0 && x < 1);

    public Option<double?> WeightDecay { get; } = Number(
        "--weight-decay", "The weight decay: added to the gradient for sgd and adam, decoupled for adamw. [default: 0, adamw 0.01]",
        "a finite number, 0 or more", x => x >= 0 && double.IsFinite(x));

    public Option<ScheduleKind?> Schedule { get; } = Choice(
        "--schedule", "How the learning rate changes per epoch: constant, linear (down to a tenth), cosine (down to 0) or step (a tenth after each third). [default: constant]",
        s_schedules);

    public Option<int> Epochs { get; } = CliOptions.Integer("--epochs", "How many passes over the training rows.", TrainingOptions.DefaultEpochs, minimum: 1);

    public Option<int> BatchSize { get; } = CliOptions.Integer(
        "--batch-size", "How many rows each step averages over; the training set's size or more means full batch.", TrainingOptions.DefaultBatchSize, minimum: 1);

    public Option<double?> Validation { get; } = Number(
        "--validation", "The share of rows held out to validate after each epoch. [default: 0.2]", "a fraction from 0 up to (not including) 1, such as 0.2",
        x => x >= 0 && x < 1);

    public Option<double?> Test { get; } = Number(
        "--test", "The share of rows held out for the final score. [default: 0.2]", "a fraction from 0 up to (not including) 1, such as 0.2",
        x => x >= 0 && x < 1);

    public Option<double?> L2 { get; } = Number(
        "--l2", "The factor of an L2 penalty, l2 * sum(p ** 2), added to the loss. [default: 0]", "a finite number, 0 or more", x => x >= 0 && double.IsFinite(x));

    public Option<string> DataDir { get; } = new("--data-dir")
    {
        Description = "The folder of --dataset fashion-mnist's four IDX files (plain or .gz). [default: " + FashionMnist.DefaultDirectory
            + ", where Debian's package " + FashionMnist.DebianPackage + " puts them]",
        HelpName = "folder",
    };

    public Option<EngineKind?> Engine { get; } = Choice(
        "--engine", "How each batch is computed: compiled (a replay captured once, the batch spread over --workers threads) or eager (a fresh graph per batch, one thread); "
        + "both give the same results. [default: compiled]", [("compiled", EngineKind.Compiled), ("eager", EngineKind.Eager)]);

    public Option<int> Workers { get; } = CliOptions.Integer(
        "--workers", "Threads for --engine compiled; 0 for one per processor. The results do not depend on it.", 0, minimum: 0);

    /// <summary>Every option that only makes sense with <c>--dataset</c> or <c>--csv</c>.</summary>
    public IEnumerable<Option> DatasetOnly =>
        [Csv, Target, Missing, DataDir, Layers, Activation, Loss, Optimizer, Momentum, WeightDecay, Schedule, Epochs, BatchSize, Validation, Test, L2,
         Engine, Workers, Out, Plots];

    /// <summary>The checks that involve several options; the first problem becomes the one-line usage error.</summary>
    public void Validate(CommandResult command, Option<int> steps)
    {
        try
        {
            ValidateCombination(command, steps);
        }
        catch (InvalidOperationException)
        {
            // Reading a value that does not parse throws; its parser has already recorded the one-line error.
        }
    }

    private void ValidateCombination(CommandResult command, Option<int> steps)
    {
        bool dataset = Given(command, Dataset), csv = Given(command, Csv);
        if (!dataset && !csv)
        {
            Option? stray = DatasetOnly.FirstOrDefault(o => Given(command, o));
            if (stray is not null)
            {
                command.AddError($"Option '{stray.Name}' needs --dataset or --csv; without them, train runs the notebook's job, which takes only --steps, --learning-rate and --seed.");
            }
            return;
        }
        if (dataset && csv)
        {
            command.AddError("Options '--dataset' and '--csv' both name the data to train on; give one of them.");
            return;
        }
        bool fashion = dataset && command.GetValue(Dataset) == DatasetName.FashionMnist;
        if (Given(command, DataDir) && !fashion)
        {
            command.AddError("Option '--data-dir' belongs to --dataset fashion-mnist, the one dataset read from a folder.");
            return;
        }
        if (fashion && Given(command, Test))
        {
            command.AddError("Option '--test' does not apply to fashion-mnist: its test rows are its own 10,000 t10k images.");
            return;
        }
        if (csv && !Given(command, Target))
        {
            command.AddError("Option '--csv' needs --target COLUMN, the name of the column to predict.");
            return;
        }
        if (dataset && (Given(command, Target) || Given(command, Missing)))
        {
            command.AddError($"Option '{(Given(command, Target) ? Target.Name : Missing.Name)}' goes with --csv; a --dataset knows its target and how to treat missing values.");
            return;
        }
        if (Given(command, steps))
        {
            command.AddError("Option '--steps' belongs to the notebook's job; with --dataset or --csv, say how long to train with --epochs.");
            return;
        }
        if (command.GetValue(Out) is string outPath && !IsWritablePath(outPath, out string? outProblem))
        {
            command.AddError($"Option '--out' {outProblem}");
            return;
        }
        if (command.GetValue(Plots) is string plotsPath && (plotsPath.Length == 0 || File.Exists(plotsPath)))
        {
            command.AddError($"Option '--plots' must name a folder, but '{plotsPath}' {(plotsPath.Length == 0 ? "is empty" : "is a file")}.");
            return;
        }
        if (Given(command, Momentum) && (command.GetValue(Optimizer) ?? OptimizerKind.Adam) != OptimizerKind.Sgd)
        {
            command.AddError("Option '--momentum' applies to --optimizer sgd only; adam and adamw keep their own running mean of the gradient.");
            return;
        }
        double validation = command.GetValue(Validation) ?? DefaultValidation, test = command.GetValue(Test) ?? DefaultTest;
        if (validation + test > 0.9 + 1e-9)
        {
            command.AddError(string.Create(CultureInfo.InvariantCulture,
                $"Options '--validation' ({validation}) and '--test' ({test}) hold out {validation + test} of the rows; leave at least 0.1 for training."));
        }
    }

    // Checked before training, so that a typo in the path does not cost a whole run.
    private static bool IsWritablePath(string path, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        if (path.Length == 0 || path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar) || Directory.Exists(path))
        {
            problem = $"must name a file, but '{path}' is {(path.Length == 0 ? "empty" : "a folder")}.";
            return false;
        }
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            problem = $"names the file '{path}', but its folder '{folder}' does not exist; create it first.";
            return false;
        }
        return true;
    }

    /// <summary>True if the option appears on the command line (not just its default).</summary>
    public static bool Given(SymbolResult result, Option option) => result.GetResult(option) is { Implicit: false };

    /// <summary>True if the option appears on the command line (not just its default).</summary>
    public static bool Given(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    private static Option<T?> Choice<T>(string name, string description, (string Name, T Value)[] choices)
        where T : struct
    {
        string names = string.Join(", ", choices.Select(c => c.Name));
        return new Option<T?>(name)
        {
            Description = description,
            HelpName = string.Join('|', choices.Select(c => c.Name)),
            CustomParser = result => CliOptions.Parse<T?>(result, "one of " + names, (string text, out T? value) =>
            {
                foreach ((string n, T v) in choices)
                {
                    if (string.Equals(n, text, StringComparison.OrdinalIgnoreCase))
                    {
                        value = v;
                        return true;
                    }
                }
                value = null;
                return false;
            }),
        };
    }

    private static Option<double?> Number(string name, string description, string expected, Func<double, bool> isValid) => new(name)
    {
        Description = description,
        HelpName = "number",
        CustomParser = result => CliOptions.Parse<double?>(result, expected, (string text, out double? value) =>
        {
            bool ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && isValid(x);
            value = ok ? x : null;
            return ok;
        }),
    };

    private static bool TryParseLayers(string text, out IReadOnlyList<int>? layers)
    {
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
