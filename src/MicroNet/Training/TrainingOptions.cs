using MicroNet.Loss;
using MicroNet.Optimizers;
using MicroNet.Schedules;

namespace MicroNet.Training;

/// <summary>
/// How <see cref="Trainer.Fit"/> trains: the loss, the optimizer, the learning-rate schedule, how many epochs, the
/// batch size, an L2 penalty and the seed of the batch order. Immutable; each setting is checked when it is set.
/// </summary>
/// <example>
/// <code>
/// var options = new TrainingOptions
/// {
///     Optimizer = OptimizerKind.Sgd.Factory(learningRate: 0.1, momentum: 0.9),
///     Schedule = ScheduleKind.Cosine.Create(0.1, 50),
///     Epochs = 50,
///     BatchSize = 16,
/// };
/// </code>
/// </example>
public sealed record TrainingOptions
{
    /// <summary>The default <see cref="Epochs"/>, 100.</summary>
    public const int DefaultEpochs = 100;

    /// <summary>The default <see cref="BatchSize"/>, 32.</summary>
    public const int DefaultBatchSize = 32;

    private readonly int _epochs = DefaultEpochs;
    private readonly int _batchSize = DefaultBatchSize;
    private readonly double _l2;
    private readonly int _workers;
    private readonly int? _patience;
    private readonly double _targetScale = 1;
    private readonly Func<IReadOnlyList<Value>, IOptimizer> _optimizer = OptimizerKind.Adam.Factory();

    /// <summary>
    /// The loss to minimise, such as <c>new HingeLoss()</c>; null (the default) picks it from the training set's
    /// <see cref="Data.ProblemKind"/> (<see cref="LossFunction.DefaultFor"/>). <see cref="Trainer.Fit"/> rejects a loss
    /// that does not fit the targets.
    /// </summary>
    public LossFunction? Loss { get; init; }

    /// <summary>
    /// Creates the optimizer from the model's parameters when training starts, so that every run gets fresh optimizer
    /// state. Adam with PyTorch's defaults (learning rate 0.001) unless set; see <see cref="OptimizerKindExtensions.Factory"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public Func<IReadOnlyList<Value>, IOptimizer> Optimizer
    {
        get => _optimizer;
        init => _optimizer = value ?? throw new ArgumentNullException(nameof(value), "Pass an optimizer factory, such as OptimizerKind.Adam.Factory().");
    }

    /// <summary>
    /// The learning rate per epoch: before epoch <c>e</c> (0-based) the trainer sets
    /// <c>optimizer.LearningRate = Schedule.LearningRateAt(e)</c>, so every step of an epoch uses the same rate, as
    /// with PyTorch's <c>scheduler.step()</c> once per epoch. Null (the default) keeps the optimizer's own rate.
    /// </summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>How many passes over the training set; at least 1. 100 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1.</exception>
    public int Epochs
    {
        get => _epochs;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(Epochs));
            _epochs = value;
        }
    }

    /// <summary>
    /// How many samples each step averages its loss over; the last batch of an epoch holds the remainder. 0 means the
    /// whole training set in one batch (full-batch gradient descent, one step per epoch). 32 by default.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 0.</exception>
    public int BatchSize
    {
        get => _batchSize;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(BatchSize));
            _batchSize = value;
        }
    }

    /// <summary>
    /// The factor of an L2 penalty, <c>L2 * sum(p ** 2)</c> over all parameters (<see cref="Loss.Losses.L2"/>), added to each
    /// batch's loss before backward; 0 (the default) for none. Reported losses leave it out, so that training and
    /// validation losses compare.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative, infinite or NaN number.</exception>
    public double L2
    {
        get => _l2;
        init
        {
            if (!(value >= 0 && double.IsFinite(value)))
            {
                throw new ArgumentOutOfRangeException(nameof(L2), value, "The L2 factor must be a finite number, 0 or more.");
            }
            _l2 = value;
        }
    }

    /// <summary>Seeds the order of the samples in each epoch's batches: the same seed gives the identical run.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Which engine computes the batches: <see cref="EngineKind.Compiled"/> (the default) or <see cref="EngineKind.Eager"/>.
    /// Both give the same numbers: bit for bit for batches of up to 31 samples, and within rounding (the batch's gradient
    /// is summed in a different order, see <see cref="Workers"/>) for larger ones.
    /// </summary>
    public EngineKind Engine { get; init; } = EngineKind.Compiled;

    /// <summary>
    /// How many threads the compiled engine spreads a batch over; 0 (the default) for one per processor
    /// (<see cref="Environment.ProcessorCount"/>). The eager engine always uses one.
    /// </summary>
    /// <remarks>
    /// The result does not depend on it, nor on thread timing: a batch of <c>n</c> samples is always cut into the same
    /// <c>clamp(n / 16, 1, 4)</c> chunks of consecutive samples, whatever the number of workers; each chunk's gradient is
    /// summed sample by sample (last to first, as the eager engine does) in a buffer of its own, and the chunks' buffers
    /// are added in a fixed order (last chunk first). One worker and two give identical bits; more than four workers
    /// leave the extra ones idle.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">Set below 0.</exception>
    public int Workers
    {
        get => _workers;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(Workers));
            _workers = value;
        }
    }

    /// <summary>
    /// Whether the compiled engine's captures batch same-shaped nodes into kernels (the default); false replays them node by
    /// node, the reference that tests hold the batched replay to.
    /// </summary>
    internal bool Batching { get; init; } = true;

    /// <summary>
    /// Stop when the validation loss has not improved for this many epochs; null (the default) to run every epoch.
    /// Needs a validation set; without one it has no effect.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1.</exception>
    public int? Patience
    {
        get => _patience;
        init
        {
            if (value is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(Patience), value, "Patience must be at least 1 epoch.");
            }
            _patience = value;
        }
    }

    /// <summary>
    /// With a validation set, whether training ends with the parameters of the epoch whose validation loss was lowest
    /// (true, the default) or with those of the last epoch. <see cref="TrainingResult.BestEpoch"/> says which epoch that was.
    /// </summary>
    public bool RestoreBest { get; init; } = true;

    /// <summary>
    /// For regression on standardised targets, their standard deviation: RMSE and MAE are reported multiplied by it, in
    /// the target's own units (the loss stays in standardised units). 1 (the default) for targets used as they are.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a number that is not finite and above 0.</exception>
    public double TargetScale
    {
        get => _targetScale;
        init
        {
            if (!(value > 0 && double.IsFinite(value)))
            {
                throw new ArgumentOutOfRangeException(nameof(TargetScale), value, "The target scale must be a finite number above 0.");
            }
            _targetScale = value;
        }
    }
}
