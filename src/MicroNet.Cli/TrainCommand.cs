using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MicroNet.Training;
using Spectre.Console;

namespace MicroNet.Cli;

/// <summary><c>micronet train</c>: runs the notebook's training job and shows how the loss falls.</summary>
internal static class TrainCommand
{
    // About how many loss lines a run prints, however many steps it takes.
    private const int ProgressLines = 10;

    public static Command Create()
    {
        Option<int> steps = CliOptions.Integer("--steps", "How many gradient-descent steps to take.", NotebookExample.DefaultSteps, minimum: 1);
        Option<double> learningRate = CliOptions.PositiveNumber(
            "--learning-rate", "The gradient-descent step size.", NotebookExample.DefaultLearningRate);
        Option<int> seed = CliOptions.Integer("--seed", "Seeds the initial weights; the same seed gives the same run.", NotebookExample.DefaultSeed);
        var command = new Command(
            "train",
            "Train the notebook's network, a tanh MLP(3, [4, 4, 1]), on its four samples with the sum of squared errors and gradient descent.")
        {
            steps,
            learningRate,
            seed,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(steps),
            parseResult.GetValue(learningRate),
            parseResult.GetValue(seed),
            parseResult.InvocationConfiguration.Output));
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
}
