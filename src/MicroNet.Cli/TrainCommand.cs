using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MicroNet.Data;
using MicroNet.Models;
using MicroNet.Nn;
using MicroNet.Plots;
using MicroNet.Training;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MicroNet.Cli;

/// <summary>
/// <c>micronet train</c>: with no data, runs the notebook's training job and shows how the loss falls; with
/// <c>--dataset</c> or <c>--csv</c>, prepares the rows with <see cref="PreparedData"/>, trains an MLP on them with
/// <see cref="Trainer"/>, shows progress, ends with a summary table, and saves the model and plots if asked.
/// </summary>
internal static class TrainCommand
{
    // About how many loss lines a run prints, however many steps it takes.
    private const int ProgressLines = 10;

    // A confusion matrix wider than this many classes does not fit a terminal line.
    private const int MaxConfusionClasses = 10;

    // The decision boundary runs the model once per mesh cell; see BoundaryResolution.
    private const double BoundaryBudget = 1e7;
    private const int MinBoundaryResolution = 60;

    public static Command Create()
    {
        Option<int> steps = CliOptions.Integer("--steps", "How many gradient-descent steps the notebook's job takes.", NotebookExample.DefaultSteps, minimum: 1);
        Option<double> learningRate = CliOptions.PositiveNumber(
            "--learning-rate", "The step size (with --dataset, 0.01 unless given).", NotebookExample.DefaultLearningRate);
        Option<int> seed = CliOptions.Integer(
            "--seed", "Seeds the initial weights (and with --dataset the data, split and batch order); the same seed gives the same run.", NotebookExample.DefaultSeed);
        var options = new TrainOptions();
        var command = new Command(
            "train",
            "Train the notebook's network, a tanh MLP(3, [4, 4, 1]), on its four samples with the sum of squared errors and gradient descent; "
            + "or, with --dataset or --csv, an MLP on a dataset with a loss, optimizer and schedule of your choice, saved with --out.")
        {
            steps,
            learningRate,
            seed,
            options.Dataset,
        };
        foreach (Option option in options.DatasetOnly)
        {
            command.Options.Add(option);
        }
        command.Validators.Add(result => options.Validate(result, steps));
        command.SetAction(parseResult =>
        {
            TextWriter output = parseResult.InvocationConfiguration.Output;
            DatasetName? dataset = parseResult.GetValue(options.Dataset);
            string? csv = parseResult.GetValue(options.Csv);
            if (dataset is null && csv is null)
            {
                return Run(parseResult.GetValue(steps), parseResult.GetValue(learningRate), parseResult.GetValue(seed), output);
            }
            var run = new DatasetRun(
                dataset,
                csv,
                parseResult.GetValue(options.Target),
                parseResult.GetValue(options.Missing) ?? MissingValuePolicy.Error,
                parseResult.GetValue(options.Layers) ?? TrainOptions.DefaultLayers,
                parseResult.GetValue(options.Activation) ?? Activation.Relu,
                parseResult.GetValue(options.Loss) ?? LossKind.Auto,
                parseResult.GetValue(options.Optimizer) ?? OptimizerKind.Adam,
                TrainOptions.Given(parseResult, learningRate) ? parseResult.GetValue(learningRate) : TrainOptions.DefaultLearningRate,
                parseResult.GetValue(options.Momentum) ?? 0,
                parseResult.GetValue(options.WeightDecay),
                parseResult.GetValue(options.Schedule) ?? ScheduleKind.Constant,
                parseResult.GetValue(options.Epochs),
                parseResult.GetValue(options.BatchSize),
                parseResult.GetValue(options.Validation) ?? (dataset == DatasetName.FashionMnist ? 0 : TrainOptions.DefaultValidation),
                parseResult.GetValue(options.Test) ?? TrainOptions.DefaultTest,
                parseResult.GetValue(options.L2) ?? 0,
                parseResult.GetValue(seed),
                parseResult.GetValue(options.Out),
                parseResult.GetValue(options.Plots),
                parseResult.GetValue(options.DataDir),
                parseResult.GetValue(options.Engine) ?? EngineKind.Compiled,
                parseResult.GetValue(options.Workers));
            return RunDataset(run, output, parseResult.InvocationConfiguration.Error);
        });
        return command;
    }

    private static int Run(int steps, double learningRate, int seed, TextWriter output)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        output.WriteLine(NotebookExample.CreateModel(seed).ToString());
        output.WriteLine(string.Create(c,
            $"Training on the notebook's {NotebookExample.Inputs.Count} samples: {steps} steps, learning rate {learningRate:R}, seed {seed}."));
        int every = Math.Max(1, steps / ProgressLines);
        int stepWidth = steps.ToString(c).Length;
        var stopwatch = Stopwatch.StartNew();
        NotebookRun run = NotebookExample.Train(steps, learningRate, seed, (step, loss) =>
        {
            int number = step + 1;
            if (number == 1 || number % every == 0 || number == steps)
            {
                output.WriteLine(string.Create(c, $"step {number.ToString(c).PadLeft(stepWidth)}  loss {loss:F6}"));
            }
        });
        stopwatch.Stop();
        output.WriteLine();
        WritePredictions(run, output);
        output.WriteLine();
        output.WriteLine(string.Create(c, $"final loss {run.FinalLoss:F6} after {steps} steps in {stopwatch.Elapsed.TotalMilliseconds:F0} ms"));
        return ExitCodes.Success;
    }

    private static void WritePredictions(NotebookRun run, TextWriter output)
    {
        IAnsiConsole console = Terminal.Create(output, out bool isTerminal);
        var table = new Table()
            .Border(isTerminal ? TableBorder.Rounded : TableBorder.None)
            .AddColumn("inputs")
            .AddColumn(new TableColumn("target").RightAligned())
            .AddColumn(new TableColumn("prediction").RightAligned());
        CultureInfo c = CultureInfo.InvariantCulture;
        for (int i = 0; i < run.Predictions.Count; i++)
        {
            string inputs = string.Join(", ", NotebookExample.Inputs[i].Select(x => x.ToString("0.0", c)));
            double target = NotebookExample.Targets[i];
            double prediction = run.Predictions[i];
            string color = prediction * target > 0 ? "green" : "red";
            table.AddRow(
                new Text(inputs),
                new Text(target.ToString("0.0", c)),
                new Markup($"[{color}]{prediction.ToString("F4", c)}[/]"));
        }
        console.Write(table);
    }

    private static int RunDataset(DatasetRun run, TextWriter output, TextWriter error)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        TrainingSeeds seeds = TrainingSeeds.From(run.Seed);
        LoadedData loaded;
        PreparedData prepared;
        string splitLine;
        if (run.Dataset == DatasetName.FashionMnist)
        {
            // The official split: train on the 60,000 training images (less any --validation share), test on the t10k ones.
            (loaded, Dataset fashionTest) = DatasetOption.LoadFashionMnist(run.DataDir);
            DatasetSplit parts = run.Validation > 0 ? loaded.Dataset.Split(1 - run.Validation, run.Validation, seeds.Split) : new DatasetSplit(loaded.Dataset, loaded.Dataset.Subset([]), loaded.Dataset.Subset([]));
            prepared = PreparedData.FromSplit(new DatasetSplit(parts.Train, parts.Validation, fashionTest));
            splitLine = string.Create(c,
                $"{loaded.Description}: {loaded.Dataset.Count} training and {fashionTest.Count} test images (t10k), {loaded.Dataset.FeatureCount} features (pixels / 255), {Describe(loaded.Dataset)}; {prepared.Train.Count} for training, {prepared.Validation.Count} for validation, {fashionTest.Count} for testing.");
        }
        else
        {
            loaded = run.Dataset is DatasetName name
                ? DatasetOption.Load(name, seeds.Data)
                : DatasetOption.LoadCsv(run.Csv!, run.Target!, run.Missing);
            prepared = null!;
            splitLine = "";
        }
        Dataset data = loaded.Dataset;
        IReadOnlyList<LossKind> compatible = data.Kind.CompatibleLosses();
        if (run.Loss != LossKind.Auto && !compatible.Contains(run.Loss))
        {
            error.WriteLine($"Option '--loss' must be {string.Join(" or ", compatible.Select(l => l.ToName()))} for {loaded.Description} ({Describe(data)}), but got '{run.Loss.ToName()}'.");
            return ExitCodes.UsageError;
        }
        LossKind loss = run.Loss.Resolve(data.Kind);
        if (run.Dataset != DatasetName.FashionMnist)
        {
            try
            {
                prepared = PreparedData.Prepare(data, loaded.Schema, run.Validation, run.Test, seeds.Split);
            }
            catch (ArgumentException e)
            {
                // Too few rows to split, or a feature no standardizer can use: the data is the problem, not the program.
                error.WriteLine($"{loaded.Description}: {MessageOf(e)}");
                return ExitCodes.UsageError;
            }
        }
        Dataset train = prepared.Train, validation = prepared.Validation, test = prepared.Test;
        Mlp model = ModelBuilder.ForDataset(train, run.Layers, run.Activation, seeds.Weights, loss);
        var options = new TrainingOptions
        {
            Loss = loss,
            Optimizer = Optimizers.Factory(run.Optimizer, run.LearningRate, run.Momentum, run.WeightDecay),
            Schedule = run.Schedule.Create(run.LearningRate, run.Epochs),
            Epochs = run.Epochs,
            BatchSize = run.BatchSize,
            L2 = run.L2,
            Seed = seeds.BatchOrder,
            Engine = run.Engine,
            Workers = run.Workers,
        };

        string dropped = loaded.DroppedRowCount switch
        {
            0 => "",
            1 => " (1 row with a missing value dropped)",
            int n => string.Create(c, $" ({n} rows with missing values dropped)"),
        };
        output.WriteLine(splitLine.Length > 0 ? splitLine : string.Create(c,
            $"{loaded.Description}: {data.Count} rows{dropped}, {data.FeatureCount} features, {Describe(data)}; {train.Count} for training, {validation.Count} for validation, {test.Count} for testing, standardised on the training rows."));
        if (prepared.TargetScaling is { } scaling)
        {
            output.WriteLine(string.Create(c,
                $"Targets standardised too (training mean {scaling.Mean:G6}, standard deviation {scaling.StandardDeviation:G6}): losses and RMSE below are in standard deviations; predictions are in the target's units."));
        }
        output.WriteLine(model.ToString());
        output.WriteLine(string.Create(c,
            $"Loss {loss.ToName()}, optimizer {run.Optimizer.ToName()}, learning rate {run.LearningRate:R} ({run.Schedule.ToName()}), {run.Epochs} epochs, batch size {Math.Min(run.BatchSize, train.Count)}, seed {run.Seed}."));

        IAnsiConsole console = Terminal.Create(output, out bool isTerminal);
        TrainingResult result = TrainingProgress.Show(console, isTerminal, output, run.Epochs,
            onEpoch => Trainer.Fit(model, train, options, validation.Count > 0 ? validation : null, onEpoch));
        Evaluation? testScore = test.Count > 0 ? model.Evaluate(test, loss) : null;

        output.WriteLine();
        WriteSummary(console, isTerminal, result, testScore);
        (string part, Evaluation? scored) = testScore is not null ? ("test", testScore) : result.Validation is not null ? ("validation", result.Validation) : ("training", result.Training);
        if (scored.ConfusionMatrix is { } matrix && matrix.Count <= MaxConfusionClasses)
        {
            output.WriteLine();
            output.WriteLine($"Confusion matrix on the {part} rows (rows: true class, columns: predicted):");
            WriteConfusionMatrix(console, isTerminal, matrix, data.ClassNames);
        }
        output.WriteLine();
        int epochsDone = result.History.Epochs.Count;
        double seconds = result.Elapsed.TotalSeconds;
        string steps = result.Steps == 1 ? "1 step" : string.Create(c, $"{result.Steps} steps");
        output.WriteLine(result.Diverged
            ? string.Create(c, $"Stopped after {epochsDone} of {run.Epochs} epochs ({steps}) in {seconds:F1} s; the model keeps the parameters of the last step whose loss was finite.")
            : string.Create(c, $"Trained {epochsDone} {(epochsDone == 1 ? "epoch" : "epochs")} ({steps}) in {seconds:F1} s, {1000 * seconds / Math.Max(1, epochsDone):F0} ms per epoch."));

        if (run.Out is not null)
        {
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["trainedOn"] = loaded.Description,
                ["seed"] = run.Seed.ToString(c),
            };
            ModelFile.Save(prepared.CreateModel(result, metadata), run.Out);
            output.WriteLine(result.Diverged ? $"Saved the last good model to '{run.Out}'." : $"Saved the model to '{run.Out}'.");
        }
        if (run.Plots is not null)
        {
            List<string> written = WritePlots(run.Plots, loaded, prepared, result);
            output.WriteLine(written.Count > 0
                ? $"Wrote {string.Join(" and ", written.Select(f => $"'{f}'"))}."
                : "Wrote no plots: no epoch completed, so there are no curves, and the data is not 2 features with classes.");
        }
        if (result.Divergence is { } divergence)
        {
            error.WriteLine(divergence.Message);
            return ExitCodes.RuntimeFailure;
        }
        return ExitCodes.Success;
    }

    /// <summary>
    /// Writes <c>curves.png</c> (if any epoch completed) and, for a classifier on 2 features, <c>decision-boundary.png</c>
    /// into <paramref name="folder"/>, creating it; each file is written whole or not at all.
    /// </summary>
    /// <exception cref="IOException">A plot cannot be drawn or written; the files written before it stay.</exception>
    private static List<string> WritePlots(string folder, LoadedData loaded, PreparedData prepared, TrainingResult result)
    {
        List<string> written = [];
        try
        {
            Directory.CreateDirectory(folder);
            TrainingHistory history = result.History;
            if (history.Epochs.Count > 0)
            {
                string curves = Path.Combine(folder, "curves.png");
                TrainingPlots.SaveCurves(curves, new TrainingCurves(history.TrainingLoss)
                {
                    ValidationLoss = history.ValidationLoss,
                    TrainingAccuracy = history.TrainingAccuracy,
                    ValidationAccuracy = history.ValidationAccuracy,
                }, loaded.Description);
                written.Add(curves);
            }
            Dataset data = loaded.Dataset;
            if (data.FeatureCount == 2 && data.Kind.IsClassification())
            {
                string boundary = Path.Combine(folder, "decision-boundary.png");
                Model model = prepared.CreateModel(result);
                TrainingPlots.SaveDecisionBoundary(boundary, data, (x, y) => model.Predict([x, y]).ClassIndex, loaded.Description,
                    BoundaryResolution(result.Model.Parameters().Count));
                written.Add(boundary);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            string kept = written.Count == 0 ? "" : $" ({string.Join(" and ", written.Select(f => $"'{f}'"))} written)";
            throw new IOException($"Cannot write the plots in '{folder}'{kept}: {e.Message}", e);
        }
        return written;
    }

    /// <summary>
    /// Mesh cells per axis for the decision boundary: 200 (40,000 forward passes) for models up to about 250 parameters,
    /// fewer for larger ones so that drawing costs about as much as 10 million parameter uses, and never below 60.
    /// </summary>
    internal static int BoundaryResolution(int parameterCount) =>
        Math.Clamp((int)Math.Sqrt(BoundaryBudget / Math.Max(1, parameterCount)), MinBoundaryResolution, TrainingPlots.DefaultResolution);

    private static string MessageOf(Exception e)
    {
        // ArgumentException appends " (Parameter 'x')" to its message, which means nothing to a user of the tool.
        string message = e is ArgumentException a && a.ParamName is not null ? a.Message.Replace($" (Parameter '{a.ParamName}')", "", StringComparison.Ordinal) : e.Message;
        return message;
    }

    private static void WriteSummary(IAnsiConsole console, bool isTerminal, TrainingResult result, Evaluation? test)
    {
        bool classification = result.Training.Accuracy is not null;
        var table = new Table().Border(isTerminal ? TableBorder.Rounded : TableBorder.None).AddColumn("split");
        foreach (string column in classification ? ["rows", "loss", "accuracy"] : new[] { "rows", "loss", "rmse", "r2" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }
        AddRow("train", result.Training);
        AddRow("validation", result.Validation);
        AddRow("test", test);
        console.Write(table);

        void AddRow(string name, Evaluation? scored)
        {
            if (scored is null)
            {
                return;
            }
            CultureInfo c = CultureInfo.InvariantCulture;
            List<string> cells = [name, scored.Count.ToString(c), TrainingProgress.Number(scored.Loss)];
            cells.AddRange(classification
                ? [TrainingProgress.Percent(scored.Accuracy!.Value)]
                : [TrainingProgress.Number(scored.Rmse!.Value), TrainingProgress.Number(scored.RSquared!.Value)]);
            table.AddRow([.. cells.Select(cell => new Text(cell))]);
        }
    }

    private static void WriteConfusionMatrix(IAnsiConsole console, bool isTerminal, IReadOnlyList<IReadOnlyList<int>> matrix, IReadOnlyList<string> classNames)
    {
        var table = new Table().Border(isTerminal ? TableBorder.Rounded : TableBorder.None).AddColumn("true \\ predicted");
        foreach (string name in classNames)
        {
            table.AddColumn(new TableColumn(Markup.Escape(name)).RightAligned());
        }
        for (int t = 0; t < matrix.Count; t++)
        {
            List<IRenderable> cells = [new Text(classNames[t])];
            for (int p = 0; p < matrix[t].Count; p++)
            {
                string count = matrix[t][p].ToString(CultureInfo.InvariantCulture);
                cells.Add(isTerminal && t == p ? new Markup($"[green]{count}[/]") : new Text(count));
            }
            table.AddRow(cells);
        }
        console.Write(table);
    }

    private static string Describe(Dataset data) => data.Kind switch
    {
        ProblemKind.Regression => "regression",
        ProblemKind.BinaryClassification => "binary classification",
        _ => string.Create(CultureInfo.InvariantCulture, $"{data.ClassCount}-class classification"),
    };

    /// <summary>Everything a <c>--dataset</c> or <c>--csv</c> run needs, defaults filled in.</summary>
    private sealed record DatasetRun(
        DatasetName? Dataset,
        string? Csv,
        string? Target,
        MissingValuePolicy Missing,
        IReadOnlyList<int> Layers,
        Activation Activation,
        LossKind Loss,
        OptimizerKind Optimizer,
        double LearningRate,
        double Momentum,
        double? WeightDecay,
        ScheduleKind Schedule,
        int Epochs,
        int BatchSize,
        double Validation,
        double Test,
        double L2,
        int Seed,
        string? Out,
        string? Plots,
        string? DataDir,
        EngineKind Engine,
        int Workers);
}
