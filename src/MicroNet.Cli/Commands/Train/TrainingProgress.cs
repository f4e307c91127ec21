using System.Diagnostics;
using System.Globalization;
using MicroNet.Training;
using Spectre.Console;

namespace MicroNet.Cli.Commands.Train;

/// <summary>
/// Shows a training run as it goes: a live progress bar with the epoch, loss and accuracy on a terminal; about ten plain
/// lines ("epoch  10/100  loss 0.1234  accuracy 97.5%  ...") anywhere else (a file, a pipe, a test).
/// </summary>
internal static class TrainingProgress
{
    /// <summary>Runs <paramref name="train"/>, giving it the callback that shows each epoch.</summary>
    public static T Show<T>(IAnsiConsole console, bool isTerminal, TextWriter output, int epochs, Func<Action<EpochReport>, T> train)
    {
        if (!isTerminal)
        {
            var pace = new PlainPace(epochs);
            return train(report =>
            {
                if (pace.IsDue(report.Epoch))
                {
                    output.WriteLine(Line(report));
                }
            });
        }
        T result = default!;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 15 }, new ElapsedTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask(Markup.Escape(Line(epoch: 0, epochs)), maxValue: epochs);
                result = train(report =>
                {
                    task.Description = Markup.Escape(CompactLine(report));
                    task.Value = report.Epoch;
                });
                task.StopTask();
            });
        return result;
    }

    /// <summary>For example <c>epoch  10/100  loss 0.1234  accuracy 97.5%  val_loss 0.2345  val_accuracy 95.0%</c>.</summary>
    public static string Line(EpochReport report)
    {
        var line = new List<string> { Line(report.Epoch, report.EpochCount), $"loss {Number(report.TrainingLoss)}" };
        if (report.TrainingAccuracy is double accuracy)
        {
            line.Add($"accuracy {Percent(accuracy)}");
        }
        if (report.TrainingRmse is double rmse)
        {
            line.Add($"rmse {Number(rmse)}");
        }
        if (report.ValidationLoss is double validationLoss)
        {
            line.Add($"val_loss {Number(validationLoss)}");
        }
        if (report.ValidationAccuracy is double validationAccuracy)
        {
            line.Add($"val_accuracy {Percent(validationAccuracy)}");
        }
        if (report.ValidationRmse is double validationRmse)
        {
            line.Add($"val_rmse {Number(validationRmse)}");
        }
        return string.Join("  ", line);
    }

    /// <summary>
    /// The progress bar's description, short enough to fit an 80-column terminal beside the bar:
    /// <c>epoch 10/100 loss 0.1234 acc 97.5% val_acc 95.0%</c>.
    /// </summary>
    public static string CompactLine(EpochReport report)
    {
        string line = $"{Line(report.Epoch, report.EpochCount)} loss {Number(report.TrainingLoss)}";
        if (report.TrainingAccuracy is double accuracy)
        {
            line += " acc " + Percent(accuracy);
        }
        if (report.ValidationAccuracy is double validationAccuracy)
        {
            line += " val_acc " + Percent(validationAccuracy);
        }
        else if (report.ValidationLoss is double validationLoss)
        {
            line += $" val_loss {Number(validationLoss)}";
        }
        return line;
    }

    /// <summary>A loss or error with four decimals, or in scientific notation when that would be wider than a column: <c>0.1234</c>, <c>3.502E+249</c>.</summary>
    public static string Number(double x) =>
        x.ToString(Math.Abs(x) < 1e5 || !double.IsFinite(x) ? "F4" : "0.###E+0", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with one decimal: <c>97.5%</c>.</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";

    private static string Line(int epoch, int epochs)
    {
        string total = epochs.ToString(CultureInfo.InvariantCulture);
        return $"epoch {epoch.ToString(CultureInfo.InvariantCulture).PadLeft(total.Length)}/{total}";
    }
}

/// <summary>
/// When a redirected run prints a progress line: the first, about <see cref="Lines"/> evenly spaced ones, the last, and
/// one at least every <see cref="Interval"/> between them, so that a long run never looks hung.
/// </summary>
internal sealed class PlainPace(int total)
{
    public const int Lines = 10;

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly int _every = Math.Max(1, total / Lines);
    private long _lastPrinted = Stopwatch.GetTimestamp();

    /// <summary>Whether step or epoch <paramref name="number"/> (from 1) gets a line; true resets the clock.</summary>
    public bool IsDue(int number)
    {
        bool due = number == 1 || number % _every == 0 || number == total || Stopwatch.GetElapsedTime(_lastPrinted) >= Interval;
        if (due)
        {
            _lastPrinted = Stopwatch.GetTimestamp();
        }
        return due;
    }
}
