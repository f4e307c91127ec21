using System.Globalization;
using MicroNet.Data;
using MicroNet.Loss;
using MicroNet.Nn;

namespace MicroNet.Training;

/// <summary>
/// Trains an <see cref="Mlp"/> on a <see cref="Dataset"/> (epochs of shuffled mini-batches, an optimizer step after each,
/// a learning-rate schedule per epoch, a stop with the last good parameters if the loss becomes NaN or infinite), and
/// scores a network on a dataset.
/// </summary>
/// <example>
/// <code>
/// DatasetSplit split = SyntheticData.Moons(200, noise: 0.1, seed: 1).Split(0.8, 0.2, seed: 1);
/// Mlp model = ModelBuilder.ForDataset(split.Train, [16, 16], Activation.Relu, seed: 1);
/// TrainingResult result = Trainer.Fit(model, split.Train, new TrainingOptions { Epochs = 50 }, split.Validation,
///     epoch => Console.WriteLine($"epoch {epoch.Epoch} loss {epoch.TrainingLoss}"));
/// </code>
/// </example>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="model"/> in place on <paramref name="train"/> for <see cref="TrainingOptions.Epochs"/> epochs,
    /// or until the loss becomes NaN or infinite: a <see cref="TrainingSession"/> run to its end.
    /// </summary>
    /// <remarks>
    /// Everything is checked before the first step: the loss must fit the targets, the model must have one input per
    /// feature and the outputs the loss needs, and the rows must be finite. With a validation set the model ends with the
    /// parameters of the epoch of lowest validation loss (<see cref="TrainingOptions.RestoreBest"/>,
    /// <see cref="TrainingResult.BestEpoch"/>), and <see cref="TrainingOptions.Patience"/> can stop it early. After a
    /// divergence the model holds the parameters of the last step whose loss was finite, or of the best epoch, and
    /// <see cref="TrainingResult.Divergence"/> says where it happened; nothing is thrown.
    /// </remarks>
    /// <param name="model">The network to train; its parameters change.</param>
    /// <param name="train">The training rows (already preprocessed); at least one.</param>
    /// <param name="options">How to train; <c>new TrainingOptions()</c> if null.</param>
    /// <param name="validation">Rows to score after every epoch; null or empty for none.</param>
    /// <param name="onEpoch">Called after every completed epoch, on the calling thread.</param>
    /// <exception cref="ArgumentException">The loss, the model or the validation set does not fit the training set, or a row holds NaN or infinity.</exception>
    public static TrainingResult Fit(Mlp model, Dataset train, TrainingOptions? options = null, Dataset? validation = null,
        Action<EpochReport>? onEpoch = null)
    {
        var session = new TrainingSession(model, train, options, validation);
        while (session.CanContinue)
        {
            if (session.RunEpoch() is { } report)
            {
                onEpoch?.Invoke(report);
            }
        }
        if ((options ?? new TrainingOptions()).RestoreBest)
        {
            session.RestoreBest();
        }
        return session.Result();
    }

    /// <summary>
    /// Scores <paramref name="model"/> on every row of <paramref name="data"/> (preprocessed as the training rows were):
    /// the mean loss and, for classification, accuracy and confusion matrix, or, for regression, RMSE and R².
    /// </summary>
    /// <param name="model">A network that fits the data and the loss.</param>
    /// <param name="data">The rows to score; at least one.</param>
    /// <param name="loss">The loss to report; null picks it from the data, as training does.</param>
    /// <param name="targetScale">For targets standardised for training, their standard deviation, so that RMSE and MAE come out in the target's units.</param>
    /// <exception cref="ArgumentException">The dataset is empty, or the model or the loss does not fit it.</exception>
    public static Evaluation Evaluate(Mlp model, Dataset data, LossFunction? loss = null, double targetScale = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0)
        {
            throw new ArgumentException("Cannot evaluate on an empty dataset.", nameof(data));
        }
        LossFunction resolved = LossFunction.Resolve(loss, data.Kind);
        CheckModel(model, data, resolved);
        return Score(data, new CompiledBatches(model, resolved, model.Parameters(), workers: 0, training: false), targetScale);
    }

    /// <summary>
    /// Scores on a compiled replay, one sample at a time, so that no graph of the whole dataset is ever built: the same
    /// numbers as one eager graph over every row (its mean is the same left-to-right sum times <c>1 / n</c>).
    /// </summary>
    internal static Evaluation Score(Dataset data, CompiledBatches scorer, double targetScale)
    {
        bool classification = data.Kind.IsClassification();
        var predicted = new double[data.Count];
        double meanLoss = scorer.Score(data, predicted, classification);
        if (!classification)
        {
            return new Evaluation(data.Count, meanLoss, null, null, Metrics.Rmse(predicted, data.Targets) * targetScale, Metrics.RSquared(predicted, data.Targets))
            {
                Mae = Metrics.Mae(predicted, data.Targets) * targetScale,
            };
        }
        int[] classes = [.. predicted.Select(p => (int)p)];
        int[,] matrix = Metrics.ConfusionMatrix(classes, data.Classes, data.ClassCount);
        IReadOnlyList<int>[] rows = [.. Enumerable.Range(0, data.ClassCount).Select(t => (IReadOnlyList<int>)[.. Enumerable.Range(0, data.ClassCount).Select(p => matrix[t, p])])];
        return new Evaluation(data.Count, meanLoss, Metrics.Accuracy(classes, data.Classes), rows, null, null);
    }

    /// <summary>
    /// Checks that <paramref name="model"/> takes one input per feature of <paramref name="data"/> and has the outputs
    /// <paramref name="loss"/> needs.
    /// </summary>
    /// <exception cref="ArgumentException">The model does not fit; the message says what it needs.</exception>
    internal static void CheckModel(Mlp model, Dataset data, LossFunction loss)
    {
        if (model.InputCount != data.FeatureCount)
        {
            throw new ArgumentException(Invariant(
                $"The model takes {model.InputCount} inputs, but the data has {data.FeatureCount} features; build it with ModelBuilder.ForDataset."), nameof(model));
        }
        int outputs = loss.OutputCount(data.ClassCount);
        if (model.OutputCount != outputs)
        {
            string why = outputs > 1 ? Invariant($"one logit per class for {loss.Name}") : Invariant($"one output for {loss.Name}");
            throw new ArgumentException(Invariant(
                $"The model has {model.OutputCount} outputs, but {data.Kind.Describe()} needs {outputs} ({why}); build it with ModelBuilder.ForDataset."),
                nameof(model));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
