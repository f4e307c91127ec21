using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MicroNet.Cli.Examples;
using MicroNet.Data;
using MicroNet.Models;
using MicroNet.Optimizers;
using MicroNet.Pipeline;
using MicroNet.Plots;
using MicroNet.Schedules;
using MicroNet.Training;
using Spectre.Console;

namespace MicroNet.Cli.Commands.Train;

/// <summary>
/// <c>micronet train</c>: with no data, runs the notebook's training job and shows how the loss falls; with
/// <c>--dataset</c> or <c>--csv</c>, runs the library's <see cref="TrainingRun"/> on the rows, shows its progress, ends
/// with a summary table, and saves the model and plots if asked.
/// </summary>
internal static class TrainCommand
{
    // A confusion matrix wider than this many classes does not fit a terminal line.
    private const int MaxConfusionClasses = 10;

    // The decision boundary runs the model once per mesh cell; see BoundaryResolution.
    private const double BoundaryBudget = 1e7;
    private const int MinBoundaryResolution = 60;

    public static Command Create()
    {
        var options = new TrainOptions();
        var command = new Command(
            "train",
            "Train the notebook's network, a tanh MLP(3, [4, 4, 1]), on its four samples with the sum of squared errors and gradient descent; "
            + "or, with --dataset or --csv, an MLP on a dataset with a loss, optimizer and schedule of your choice, saved with --out.");
        foreach (Option option in options.All)
        {
            command.Options.Add(option);
        }
        command.Validators.Add(options.Validate);
        OutputGuard.Add(command, options.Out, options.Csv);
        OutputGuard.AddFolder(command, options.Plots);
        command.SetAction(parseResult =>
        {
            TextWriter output = parseResult.InvocationConfiguration.Output;
            NamedDataset? dataset = parseResult.GetValue(options.Dataset);
            string? csv = parseResult.GetValue(options.Csv);
            if (dataset is null && csv is null)
            {
                return RunNotebook(parseResult.GetValue(options.Steps), parseResult.GetValue(options.LearningRate), parseResult.GetValue(options.Seed),
                    parseResult.GetValue(options.Plots), output, parseResult.InvocationConfiguration.Error);
            }
            TrainingSettings settings = options.ToSettings(parseResult);
            DataSource source = dataset is not null
                ? DataSources.Load(dataset.Name, settings.Seed, parseResult.GetValue(options.DataDir))
                : DataSources.Csv(csv!, parseResult.GetRequiredValue(options.Target), options.ToCsvOptions(parseResult));
            TrainingRun run;
            try
            {
                run = TrainingRun.Prepare(source, settings);
            }
            catch (SettingsException e)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"Option '{options.OptionFor(e.Setting)}': {e.Message}");
                return ExitCodes.UsageError;
            }
            return RunDataset(run, parseResult.GetValue(options.Out), parseResult.GetValue(options.Plots), output, parseResult.InvocationConfiguration.Error);
        });
        return command;
    }

    private static int RunNotebook(int steps, double learningRate, int seed, string? plotsFolder, TextWriter output, TextWriter error)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        output.WriteLine(NotebookExample.CreateModel(seed).ToString());
        output.WriteLine(string.Create(c,
            $"Training on the notebook's {NotebookExample.Inputs.Count} samples: {Plural(steps, "step")}, learning rate {learningRate:R}, seed {seed}."));
        output.WriteLine("Each step line shows the loss before that step's update.");
        var pace = new PlainPace(steps);
        int stepWidth = steps.ToString(c).Length;
        var stopwatch = Stopwatch.StartNew();
        NotebookRun run = NotebookExample.Train(steps, learningRate, seed, (step, loss) =>
        {
            int number = step + 1;
            if (pace.IsDue(number))
            {
                output.WriteLine(string.Create(c, $"step {number.ToString(c).PadLeft(stepWidth)}  loss {loss:F6}"));
            }
        });
        stopwatch.Stop();
        if (plotsFolder is not null)
        {
            string curves = Path.Combine(plotsFolder, "curves.png");
            if (run.Divergence is null || !File.Exists(curves))
            {
                Directory.CreateDirectory(plotsFolder);
                TrainingPlots.SaveCurves(curves, new TrainingCurves(run.StepLosses) { Unit = "step" }, "the notebook's job");
                output.WriteLine($"Wrote '{curves}'.");
            }
        }
        if (run.Divergence is { } divergence)
        {
            error.WriteLine(string.Create(c,
                $"Loss became {(double.IsNaN(divergence.Loss) ? "NaN" : "infinite")} at step {divergence.Step}; try a lower learning rate (now {learningRate:R})."));
            return ExitCodes.RuntimeFailure;
        }
        output.WriteLine();
        WritePredictions(run, output);
        output.WriteLine();
        output.WriteLine(string.Create(c,
            $"final loss {run.FinalLoss:F6} after the last update ({Plural(steps, "step")} in {stopwatch.Elapsed.TotalMilliseconds:F0} ms)"));
        return ExitCodes.Success;
    }

    // "1 step", "50 steps".
    private static string Plural(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

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

    private static int RunDataset(TrainingRun run, string? outPath, string? plotsFolder, TextWriter output, TextWriter error)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        TrainingSettings settings = run.Settings;
        IAnsiConsole console = Terminal.Create(output, out bool isTerminal);
        if (run.Source.Columns.Count > 0)
        {
            SchemaTable.Write(console, isTerminal, run);
            output.WriteLine();
        }
        output.WriteLine(run.Summary);
        if (run.SplitNote is { } splitNote)
        {
            output.WriteLine(splitNote);
        }
        if (run.Data.TargetScaling is { } scaling && run.Source.Test is null)
        {
            output.WriteLine(string.Create(c,
                $"Targets standardised too (training mean {scaling.Mean:G6}, standard deviation {scaling.StandardDeviation:G6}): losses below are in standard deviations; RMSE and MAE and predictions are in the target's units."));
        }
        output.WriteLine(run.Network.ToString());
        output.WriteLine(string.Create(c,
            $"Loss {run.Loss.Name}, optimizer {settings.Optimizer.ToName()}, learning rate {run.LearningRate:R} ({settings.Schedule.ToName()}), {Plural(settings.Epochs, "epoch")}, batch size {Math.Min(settings.BatchSize, run.Data.Train.Count)}, seed {settings.Seed}."));

        TrainingOutcome outcome = TrainingProgress.Show(console, isTerminal, output, settings.Epochs, run.Train);
        TrainingResult result = outcome.Result;

        output.WriteLine();
        WriteSummary(console, isTerminal, result, outcome.Test);
        (string part, Evaluation scored) = outcome.Test is not null ? ("test", outcome.Test) : result.Validation is not null ? ("validation", result.Validation) : ("training", result.Training);
        if (scored.ConfusionMatrix is { } matrix && matrix.Count <= MaxConfusionClasses)
        {
            output.WriteLine();
            output.WriteLine($"Confusion matrix on the {part} rows (rows: true class, columns: predicted):");
            ReportTables.WriteConfusionMatrix(console, isTerminal, matrix, run.Source.Data.ClassNames);
        }
        output.WriteLine();
        int epochsDone = result.History.Epochs.Count;
        double seconds = result.Elapsed.TotalSeconds;
        string steps = Plural(result.Steps, "step");
        output.WriteLine(result.Diverged
            ? string.Create(c, $"Stopped after {epochsDone} of {Plural(settings.Epochs, "epoch")} ({steps}) in {seconds:F1} s; the model keeps the parameters of the last step whose loss was finite.")
            : string.Create(c, $"Trained {Plural(epochsDone, "epoch")} ({steps}) in {seconds:F1} s, {1000 * seconds / Math.Max(1, epochsDone):F0} ms per epoch."));
        if (result.StoppedEarly && result.BestEpoch is { } stoppedAfter)
        {
            output.WriteLine(string.Create(c, $"Stopped early after epoch {epochsDone}: no epoch since epoch {stoppedAfter} scored better on the validation rows (--patience {settings.Patience})."));
        }
        if (result.BestEpoch is { } best && settings.RestoreBest && best != epochsDone)
        {
            output.WriteLine(string.Create(c, $"Kept the parameters of epoch {best}, the best on the validation rows ({(result.Training.Accuracy is null ? "lowest loss" : "highest accuracy, then lowest loss")}); the scores above are for them."));
        }
        if (result.BestEpoch is { } chosen && outPath is not null && !result.Diverged)
        {
            // The held-out rows chose the settings; the final model can learn from them too.
            output.WriteLine(string.Create(c, $"To train the final model on every row with these settings, run the same command with --test 0 --validation 0 --epochs {chosen}."));
        }

        if (outPath is not null)
        {
            SaveModel(outcome, outPath, output);
        }
        if (plotsFolder is not null)
        {
            List<string> written = WritePlots(plotsFolder, run, outcome);
            output.WriteLine(written.Count > 0
                ? $"Wrote {string.Join(" and ", written.Select(f => $"'{f}'"))}."
                : result.Diverged
                    ? "Wrote no plots: the run failed, and a failed run replaces no file that exists."
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
    /// Saves the model to <paramref name="outPath"/>; after a divergence, never there (a failed run must not replace a
    /// good model) but, if some step succeeded, to a new file beside it whose name the output gives.
    /// </summary>
    private static void SaveModel(TrainingOutcome outcome, string outPath, TextWriter output)
    {
        TrainingResult result = outcome.Result;
        if (!result.Diverged)
        {
            ModelFile.Save(outcome.Model, outPath);
            output.WriteLine($"Saved the model to '{outPath}'.");
        }
        else if (result.Steps == 0)
        {
            output.WriteLine($"Saved no model: not one step succeeded, and '{outPath}' was left as it was.");
        }
        else
        {
            string lastGood = UnusedName(outPath, "last-good");
            ModelFile.Save(outcome.Model, lastGood);
            output.WriteLine($"Saved the last good model (before the failing step) to '{lastGood}'; '{outPath}' was left as it was.");
        }
    }

    // PATH with ".TAG" before its extension, or ".TAG-2", ".TAG-3", ... : the first name no file has.
    private static string UnusedName(string path, string tag)
    {
        string stem = Path.ChangeExtension(path, null), extension = Path.GetExtension(path);
        string candidate = $"{stem}.{tag}{extension}";
        for (int n = 2; File.Exists(candidate) || Directory.Exists(candidate); n++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{stem}.{tag}-{n}{extension}");
        }
        return candidate;
    }

    /// <summary>
    /// Writes <c>curves.png</c> (if any epoch completed) and, for a classifier on 2 features, <c>decision-boundary.png</c>
    /// into <paramref name="folder"/>, creating it; each file is written whole or not at all.
    /// </summary>
    /// <exception cref="IOException">A plot cannot be drawn or written; the files written before it stay.</exception>
    private static List<string> WritePlots(string folder, TrainingRun run, TrainingOutcome outcome)
    {
        List<string> written = [];
        try
        {
            Directory.CreateDirectory(folder);
            TrainingHistory history = outcome.Result.History;
            string title = run.Source.Title;
            // After a failure the plots still show what happened, but only in files that do not exist yet.
            bool mayWrite(string file) => !outcome.Result.Diverged || !File.Exists(file);
            string curves = Path.Combine(folder, "curves.png");
            if (history.Epochs.Count > 0 && mayWrite(curves))
            {
                TrainingPlots.SaveCurves(curves, new TrainingCurves(history.TrainingLoss)
                {
                    ValidationLoss = history.ValidationLoss,
                    TrainingAccuracy = history.TrainingAccuracy,
                    ValidationAccuracy = history.ValidationAccuracy,
                }, title);
                written.Add(curves);
            }
            Dataset data = run.Source.Data;
            string boundary = Path.Combine(folder, "decision-boundary.png");
            if (data.FeatureCount == 2 && data.Kind.IsClassification() && mayWrite(boundary))
            {
                Model model = outcome.Model;
                TrainingPlots.SaveDecisionBoundary(boundary, data, (x, y) => model.Predict([x, y]).ClassIndex, title,
                    BoundaryResolution(model.Network.Parameters().Count));
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

    private static void WriteSummary(IAnsiConsole console, bool isTerminal, TrainingResult result, Evaluation? test)
    {
        bool classification = result.Training.Accuracy is not null;
        var table = new Table().Border(isTerminal ? TableBorder.Rounded : TableBorder.None).AddColumn("split");
        foreach (string column in classification ? ["rows", "loss", "accuracy"] : new[] { "rows", "loss", "rmse", "mae", "r2" })
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
                : [TrainingProgress.Number(scored.Rmse!.Value), TrainingProgress.Number(scored.Mae!.Value), TrainingProgress.Number(scored.RSquared!.Value)]);
            table.AddRow([.. cells.Select(cell => new Text(cell))]);
        }
    }
}
