using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MicroNet.Data;
using MicroNet.Nn;
using MicroNet.Training;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MicroNet.Cli;

/// <summary>
/// <c>micronet train</c>: with no dataset, runs the notebook's training job and shows how the loss falls; with
/// <c>--dataset</c>, trains an MLP on it with <see cref="Trainer"/>, shows progress and ends with a summary table.
/// </summary>
internal static class TrainCommand
{
    // About how many loss lines a run prints, however many steps it takes.
    private const int ProgressLines = 10;

    // A confusion matrix wider than this many classes does not fit a terminal line.
    private const int MaxConfusionClasses = 10;

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
            + "or, with --dataset, an MLP on a dataset with a loss, optimizer and schedule of your choice.")
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
            if (parseResult.GetValue(options.Dataset) is not DatasetName dataset)
            {
                return Run(parseResult.GetValue(steps), parseResult.GetValue(learningRate), parseResult.GetValue(seed), output);
            }
            var run = new DatasetRun(
                dataset,
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
                parseResult.GetValue(options.Validation) ?? TrainOptions.DefaultValidation,
                parseResult.GetValue(options.Test) ?? TrainOptions.DefaultTest,
                parseResult.GetValue(options.L2) ?? 0,
                parseResult.GetValue(seed));
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
        string name = DatasetOption.ToName(run.Dataset);
        Dataset data = DatasetOption.Load(run.Dataset, run.Seed);
        IReadOnlyList<LossKind> compatible = data.Kind.CompatibleLosses();
        if (run.Loss != LossKind.Auto && !compatible.Contains(run.Loss))
        {
            error.WriteLine($"Option '--loss' must be {string.Join(" or ", compatible.Select(l => l.ToName()))} for {name} ({Describe(data)}), but got '{run.Loss.ToName()}'.");
            return ExitCodes.UsageError;
        }
        LossKind loss = run.Loss.Resolve(data.Kind);

        // Distinct seeds, so that the split, the weights and the batch order are not drawn from the data's own stream.
        DatasetSplit split = data.Split(1 - run.Validation - run.Test, run.Validation, run.Seed + 1);
        Standardizer standardizer = Standardizer.Fit(split.Train);
        Dataset train = standardizer.Transform(split.Train);
        Dataset validation = standardizer.Transform(split.Validation);
        Dataset test = standardizer.Transform(split.Test);
        Mlp model = ModelBuilder.ForDataset(train, run.Layers, run.Activation, run.Seed + 2, loss);
        var options = new TrainingOptions
        {
            Loss = loss,
            Optimizer = Optimizers.Factory(run.Optimizer, run.LearningRate, run.Momentum, run.WeightDecay),
            Schedule = run.Schedule.Create(run.LearningRate, run.Epochs),
            Epochs = run.Epochs,
            BatchSize = run.BatchSize,
            L2 = run.L2,
            Seed = run.Seed + 3,
        };

        output.WriteLine(string.Create(c,
            $"Dataset {name}: {data.Count} rows, {data.FeatureCount} features, {Describe(data)}; {train.Count} for training, {validation.Count} for validation, {test.Count} for testing, standardised on the training rows."));
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
            : string.Create(c, $"Trained {epochsDone} epochs ({steps}) in {seconds:F1} s, {1000 * seconds / epochsDone:F0} ms per epoch."));
        if (result.Divergence is { } divergence)
        {
            error.WriteLine(divergence.Message);
            return ExitCodes.RuntimeFailure;
        }
        return ExitCodes.Success;
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

    /// <summary>Everything a <c>--dataset</c> run needs, defaults filled in.</summary>
    private sealed record DatasetRun(
        DatasetName Dataset,
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
        int Seed);
}
