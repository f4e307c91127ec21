using System.Diagnostics;
using System.Globalization;
using MicroNet.Data;
using MicroNet.Loss;
using MicroNet.Nn;
using MicroNet.Optimizers;

namespace MicroNet.Training;

/// <summary>
/// A training run that advances one epoch at a time: the one training loop of the library. <see cref="Trainer.Fit"/>
/// runs it to the end; an interactive caller (a playground, a notebook) calls <see cref="RunEpoch"/> when it wants the
/// next epoch and reads the model in between.
/// </summary>
/// <remarks>
/// <para>
/// Each epoch visits the training rows in a fresh seeded order (in their own order for full-batch training), in batches
/// of <see cref="TrainingOptions.BatchSize"/>. Each batch: the engine computes the mean loss and the gradients (plus the
/// L2 penalty's), the optimizer steps, the loss and accuracy are tallied. The learning-rate schedule is applied before
/// each epoch, the validation rows are scored after it.
/// </para>
/// <para>
/// If a batch's loss is NaN or infinite, the run stops without stepping, the parameters are restored to those of the
/// last step whose loss was finite, and <see cref="Divergence"/> says where it happened; nothing is thrown, so the last
/// good model can still be used. The epoch in which it happened is not reported.
/// </para>
/// </remarks>
public sealed class TrainingSession
{
    private readonly Mlp _model;
    private readonly Dataset _train;
    private readonly Dataset? _validation;
    private readonly TrainingOptions _options;
    private readonly IReadOnlyList<Value> _parameters;
    private readonly IOptimizer _optimizer;
    private readonly BatchStep _step;
    private readonly CompiledBatches _scorer;
    private readonly double[] _predictions;
    private readonly Random _random;
    private readonly List<EpochReport> _reports = [];
    private readonly Stopwatch _stopwatch = new();
    private double[]? _best;
    private (double Accuracy, double Loss) _bestScore = (double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>Checks everything and prepares the run; no step is taken yet.</summary>
    /// <param name="model">The network to train; its parameters change.</param>
    /// <param name="train">The training rows (already preprocessed); at least one, all finite.</param>
    /// <param name="options">How to train; <c>new TrainingOptions()</c> if null.</param>
    /// <param name="validation">Rows to score after every epoch; null or empty for none.</param>
    /// <exception cref="ArgumentException">
    /// The loss, the model or the validation set does not fit the training set, or a row holds NaN or infinity.
    /// </exception>
    public TrainingSession(Mlp model, Dataset train, TrainingOptions? options = null, Dataset? validation = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        _options = options ?? new TrainingOptions();
        Loss = LossFunction.Resolve(_options.Loss, train.Kind);
        Trainer.CheckModel(model, train, Loss);
        CheckRows(train, nameof(train));
        if (train.Count == 0)
        {
            throw new ArgumentException("Cannot train on an empty dataset.", nameof(train));
        }
        if (validation is { Count: > 0 })
        {
            CheckCompatible(train, validation);
            CheckRows(validation, nameof(validation));
            _validation = validation;
        }
        _model = model;
        _train = train;
        _parameters = model.Parameters();
        _optimizer = _options.Optimizer(_parameters);
        _step = BatchStep.Create(_options, model, Loss, _parameters, _optimizer);
        _scorer = _step is CompiledBatchStep compiled ? compiled.Batches : new CompiledBatches(model, Loss, _parameters, _options.Workers, training: false);
        _predictions = new double[FullBatch ? train.Count : Math.Min(_options.BatchSize, train.Count)];
        _random = new Random(_options.Seed);
    }

    /// <summary>The loss being minimised: the options' loss, or the default for the training set's targets.</summary>
    public LossFunction Loss { get; }

    /// <summary>How many epochs have completed.</summary>
    public int Epoch => _reports.Count;

    /// <summary>How many optimizer steps have run.</summary>
    public int Steps { get; private set; }

    /// <summary>Why the run stopped early, or null while every step's loss has been finite.</summary>
    public TrainingDivergence? Divergence { get; private set; }

    /// <summary>
    /// Whether the run can go on: fewer than <see cref="TrainingOptions.Epochs"/> epochs done, no divergence, and (with
    /// <see cref="TrainingOptions.Patience"/>) the validation loss improved within the patience.
    /// </summary>
    public bool CanContinue => Epoch < _options.Epochs && Divergence is null && !StoppedEarly;

    /// <summary>
    /// The epoch (from 1) that scored best on the validation rows so far: for classes the highest accuracy (of equals, the
    /// lowest loss), for numbers the lowest loss; null without a validation set or before the first epoch.
    /// </summary>
    public int? BestEpoch { get; private set; }

    /// <summary>Whether <see cref="TrainingOptions.Patience"/> epochs passed without the validation score improving (see <see cref="BestEpoch"/>).</summary>
    public bool StoppedEarly => _options.Patience is { } patience && BestEpoch is { } best && Epoch - best >= patience;

    /// <summary>
    /// Puts back the parameters of <see cref="BestEpoch"/>, the epoch that scored best on the validation rows; false (and
    /// nothing changes) without a validation set.
    /// </summary>
    public bool RestoreBest()
    {
        if (_best is null)
        {
            return false;
        }
        for (int i = 0; i < _best.Length; i++)
        {
            _parameters[i].Data = _best[i];
        }
        return true;
    }

    /// <summary>The reports of the completed epochs, in order.</summary>
    public IReadOnlyList<EpochReport> Reports => _reports;

    private bool FullBatch => _options.BatchSize == 0 || _options.BatchSize >= _train.Count;

    /// <summary>Trains one epoch; returns its report, or null if the loss became NaN or infinite (see <see cref="Divergence"/>).</summary>
    /// <exception cref="InvalidOperationException">The run cannot go on (<see cref="CanContinue"/> is false).</exception>
    public EpochReport? RunEpoch()
    {
        if (!CanContinue)
        {
            throw new InvalidOperationException(Divergence is null
                ? string.Create(CultureInfo.InvariantCulture, $"The run has done all of its {_options.Epochs} epochs.")
                : "The run stopped when its loss became NaN or infinite; start a new one.");
        }
        _stopwatch.Start();
        try
        {
            return TrainEpoch();
        }
        finally
        {
            _stopwatch.Stop();
        }
    }

    /// <summary>The outcome so far: the history, the model scored on the training and validation rows, the steps and the time.</summary>
    public TrainingResult Result()
    {
        _stopwatch.Start();
        Evaluation trainingScore = Trainer.Score(_train, _scorer, _options.TargetScale);
        Evaluation? validationScore = _validation is null ? null : Trainer.Score(_validation, _scorer, _options.TargetScale);
        _stopwatch.Stop();
        return new TrainingResult(_model, Loss, new TrainingHistory(_reports), trainingScore, validationScore, Steps, _stopwatch.Elapsed, Divergence)
        {
            BestEpoch = BestEpoch,
            StoppedEarly = StoppedEarly,
        };
    }

    private EpochReport? TrainEpoch()
    {
        int epoch = Epoch;
        if (_options.Schedule is not null)
        {
            _optimizer.LearningRate = _options.Schedule.LearningRateAt(epoch);
        }
        bool classification = _train.Kind.IsClassification();
        double lossSum = 0, squaredErrorSum = 0;
        int correct = 0;
        IEnumerable<Dataset> batches = FullBatch ? [_train] : _train.Batches(_options.BatchSize, _random);
        _step.Load();
        try
        {
            foreach (Dataset batch in batches)
            {
                (double meanLoss, double objective) = _step.Run(batch, _predictions);
                if (!double.IsFinite(objective))
                {
                    Stop(epoch, Steps + 1, objective, restore: Steps > 0, penaltyOverflowed: double.IsFinite(meanLoss));
                    return null;
                }
                _step.Step();
                Steps++;
                lossSum += meanLoss * batch.Count;
                for (int i = 0; i < batch.Count; i++)
                {
                    if (classification)
                    {
                        correct += (int)_predictions[i] == batch.Classes[i] ? 1 : 0;
                    }
                    else
                    {
                        double error = _predictions[i] - batch.Targets[i];
                        squaredErrorSum += error * error;
                    }
                }
            }
        }
        finally
        {
            _step.Store();
        }
        // The last step may have moved the parameters to where the loss is NaN; the next epoch's first batch would catch
        // that, but after the last epoch only scoring would, so check the parameters themselves.
        if (_parameters.Any(p => !double.IsFinite(p.Data)))
        {
            Stop(epoch, Steps, double.NaN, restore: true);
            return null;
        }
        Evaluation? scored = _validation is null ? null : Trainer.Score(_validation, _scorer, _options.TargetScale);
        if (scored is not null && IsBetter(scored))
        {
            _bestScore = (scored.Accuracy ?? 0, scored.Loss);
            BestEpoch = epoch + 1;
            _best ??= new double[_parameters.Count];
            for (int i = 0; i < _best.Length; i++)
            {
                _best[i] = _parameters[i].Data;
            }
        }
        var report = new EpochReport(
            Epoch: epoch + 1,
            EpochCount: _options.Epochs,
            Steps: Steps,
            LearningRate: _optimizer.LearningRate,
            TrainingLoss: lossSum / _train.Count,
            TrainingAccuracy: classification ? (double)correct / _train.Count : null,
            TrainingRmse: classification ? null : Math.Sqrt(squaredErrorSum / _train.Count) * _options.TargetScale,
            ValidationLoss: scored?.Loss,
            ValidationAccuracy: scored?.Accuracy,
            ValidationRmse: scored?.Rmse,
            Elapsed: _stopwatch.Elapsed);
        _reports.Add(report);
        return report;
    }

    // The best epoch so far: for classes the highest validation accuracy, and among equals the latest (a small validation
    // set ties often, and the longer-trained network generalises better); for numbers the lowest loss.
    // Classes: a higher accuracy, or the same accuracy at a lower loss (so that a plateau of accuracy still ends when the
    // loss stops falling); numbers: a lower loss.
    private bool IsBetter(Evaluation scored) => scored.Accuracy is { } accuracy
        ? accuracy > _bestScore.Accuracy || (accuracy == _bestScore.Accuracy && scored.Loss < _bestScore.Loss)
        : scored.Loss < _bestScore.Loss;

    // Before the first step there is nothing to restore: the parameters are the initial ones.
    private void Stop(int epoch, int step, double loss, bool restore, bool penaltyOverflowed = false)
    {
        if (restore)
        {
            _step.RestoreLastGood();
        }
        Divergence = new TrainingDivergence(epoch + 1, step, loss, _optimizer.LearningRate)
        {
            PenaltyFactor = penaltyOverflowed && _options.L2 > 0 ? _options.L2 : null,
        };
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
