using System.Diagnostics;
using System.Globalization;
using MicroNet.Data;
using MicroNet.Nn;

namespace MicroNet.Training;

/// <summary>
/// Trains an <see cref="Mlp"/> on a <see cref="Dataset"/>: epochs of shuffled mini-batches, one graph and one backward
/// pass per batch, an optimizer step after each, a learning-rate schedule per epoch, progress after each epoch, and a
/// stop with the last good parameters if the loss becomes NaN or infinite.
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
    /// Trains <paramref name="model"/> in place on <paramref name="train"/>. Each epoch visits the training rows in a
    /// fresh seeded order (in their own order for full-batch training), in batches of <see cref="TrainingOptions.BatchSize"/>;
    /// each batch builds one graph whose output is the batch's mean loss (plus the L2 penalty), runs
    /// <c>ZeroGrad</c>, <c>Backward</c> and <c>Step</c>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Everything is checked before the first step: the loss must fit the targets, the model must have one input per
    /// feature and the outputs the loss needs (see <see cref="ModelBuilder.CheckModel"/>), and the rows must be finite.
    /// </para>
    /// <para>
    /// If a batch's loss is NaN or infinite, training stops without stepping, the parameters are restored to those of
    /// the last step whose loss was finite, and the result's <see cref="TrainingResult.Divergence"/> says where it
    /// happened; nothing is thrown, so the last good model can still be used or saved. The epoch in which it happened is
    /// not added to the history.
    /// </para>
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
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        options ??= new TrainingOptions();
        LossKind loss = options.Loss.Resolve(train.Kind);
        ModelBuilder.CheckModel(model, train, loss);
        CheckRows(train, nameof(train));
        if (train.Count == 0)
        {
            throw new ArgumentException("Cannot train on an empty dataset.", nameof(train));
        }
        if (validation is { Count: 0 })
        {
            validation = null;
        }
        if (validation is not null)
        {
            CheckCompatible(train, validation);
            CheckRows(validation, nameof(validation));
        }

        var stopwatch = Stopwatch.StartNew();
        IReadOnlyList<Value> parameters = model.Parameters();
        IOptimizer optimizer = options.Optimizer(parameters);
        var lastGood = new double[parameters.Count];
        var random = new Random(options.Seed);
        bool fullBatch = options.BatchSize == 0 || options.BatchSize >= train.Count;
        bool classification = train.Kind.IsClassification();
        var reports = new List<EpochReport>(options.Epochs);
        TrainingDivergence? divergence = null;
        int steps = 0;
        // The compiled engine: per-worker sample graphs for the steps, others for scoring, and the L2 penalty (whose
        // shape never changes) captured once.
        CompiledBatches? compiled = options.Engine == EngineKind.Compiled
            ? new CompiledBatches(model, loss, parameters, options.Workers, training: true)
            : null;
        var scorer = new CompiledBatches(model, loss, parameters, options.Workers, training: false);
        CompiledGraph? penalty = compiled is not null && options.L2 > 0 ? Losses.L2(parameters, options.L2).Compile() : null;
        var predictions = new double[fullBatch ? train.Count : Math.Min(options.BatchSize, train.Count)];

        for (int epoch = 0; epoch < options.Epochs && divergence is null; epoch++)
        {
            if (options.Schedule is not null)
            {
                optimizer.LearningRate = options.Schedule.LearningRateAt(epoch);
            }
            double lossSum = 0, squaredErrorSum = 0;
            int correct = 0;
            IEnumerable<Dataset> batches = fullBatch ? [train] : train.Batches(options.BatchSize, random);
            foreach (Dataset batch in batches)
            {
                if (compiled is not null)
                {
                    optimizer.ZeroGrad();
                    double l2 = 0;
                    if (penalty is not null)
                    {
                        penalty.Forward();
                        l2 = penalty.Output;
                        penalty.Backward();
                    }
                    double meanLoss = compiled.Step(batch, predictions, classification);
                    double objectiveValue = penalty is null ? meanLoss : meanLoss + l2;
                    if (!double.IsFinite(objectiveValue))
                    {
                        Restore(parameters, lastGood, restore: steps > 0);
                        divergence = new TrainingDivergence(epoch + 1, steps + 1, objectiveValue, optimizer.LearningRate);
                        break;
                    }
                    for (int i = 0; i < lastGood.Length; i++)
                    {
                        lastGood[i] = parameters[i].Data;
                    }
                    optimizer.Step();
                    steps++;
                    lossSum += meanLoss * batch.Count;
                    for (int i = 0; i < batch.Count; i++)
                    {
                        if (classification)
                        {
                            correct += (int)predictions[i] == batch.Classes[i] ? 1 : 0;
                        }
                        else
                        {
                            double error = predictions[i] - batch.Targets[i];
                            squaredErrorSum += error * error;
                        }
                    }
                    continue;
                }
                IReadOnlyList<Value>[] outputs = [.. batch.Features.Select(model.Forward)];
                Value batchLoss = Predictions.BatchLoss(loss, outputs, batch);
                Value objective = options.L2 > 0 ? batchLoss + Losses.L2(parameters, options.L2) : batchLoss;
                if (!double.IsFinite(objective.Data))
                {
                    Restore(parameters, lastGood, restore: steps > 0);
                    divergence = new TrainingDivergence(epoch + 1, steps + 1, objective.Data, optimizer.LearningRate);
                    break;
                }
                for (int i = 0; i < lastGood.Length; i++)
                {
                    lastGood[i] = parameters[i].Data;
                }
                optimizer.ZeroGrad();
                objective.Backward();
                optimizer.Step();
                steps++;

                lossSum += batchLoss.Data * batch.Count;
                for (int i = 0; i < batch.Count; i++)
                {
                    if (classification)
                    {
                        correct += Predictions.ClassOf(outputs[i]) == batch.Classes[i] ? 1 : 0;
                    }
                    else
                    {
                        double error = outputs[i][0].Data - batch.Targets[i];
                        squaredErrorSum += error * error;
                    }
                }
            }
            if (divergence is not null)
            {
                break;
            }
            // The last step may have moved the parameters to where the loss is NaN; the next epoch's first batch
            // would catch that, but after the last epoch only scoring would, so check the parameters themselves.
            if (parameters.Any(p => !double.IsFinite(p.Data)))
            {
                Restore(parameters, lastGood, restore: true);
                divergence = new TrainingDivergence(epoch + 1, steps, double.NaN, optimizer.LearningRate);
                break;
            }
            Evaluation? scored = validation is null ? null : Predictions.Score(validation, loss, scorer);
            var report = new EpochReport(
                Epoch: epoch + 1,
                EpochCount: options.Epochs,
                Steps: steps,
                LearningRate: optimizer.LearningRate,
                TrainingLoss: lossSum / train.Count,
                TrainingAccuracy: classification ? (double)correct / train.Count : null,
                TrainingRmse: classification ? null : Math.Sqrt(squaredErrorSum / train.Count),
                ValidationLoss: scored?.Loss,
                ValidationAccuracy: scored?.Accuracy,
                ValidationRmse: scored?.Rmse,
                Elapsed: stopwatch.Elapsed);
            reports.Add(report);
            onEpoch?.Invoke(report);
        }

        Evaluation trainingScore = Predictions.Score(train, loss, scorer);
        Evaluation? validationScore = validation is null ? null : Predictions.Score(validation, loss, scorer);
        stopwatch.Stop();
        return new TrainingResult(model, loss, new TrainingHistory(reports), trainingScore, validationScore, steps, stopwatch.Elapsed, divergence);
    }

    private static void Restore(IReadOnlyList<Value> parameters, double[] lastGood, bool restore)
    {
        // Before the first step there is nothing to restore: the parameters are the initial ones.
        if (!restore)
        {
            return;
        }
        for (int i = 0; i < lastGood.Length; i++)
        {
            parameters[i].Data = lastGood[i];
        }
    }

    private static void CheckCompatible(Dataset train, Dataset validation)
    {
        if (validation.FeatureCount != train.FeatureCount || validation.Kind != train.Kind || validation.ClassCount != train.ClassCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The validation set ({validation}) does not match the training set ({train}); split both from one dataset."), nameof(validation));
        }
    }

    private static void CheckRows(Dataset data, string parameterName)
    {
        for (int i = 0; i < data.Count; i++)
        {
            IReadOnlyList<double> row = data.Features[i];
            for (int j = 0; j < row.Count; j++)
            {
                if (!double.IsFinite(row[j]))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"Feature '{data.FeatureNames[j]}' of row {i} is {row[j]}; remove or fill missing values before training."), parameterName);
                }
            }
            if (!double.IsFinite(data.Targets[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"The target of row {i} is {data.Targets[i]}; remove rows with missing targets before training."), parameterName);
            }
        }
    }
}
