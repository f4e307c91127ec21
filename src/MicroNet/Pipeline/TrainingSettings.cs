using MicroNet.Loss;
using MicroNet.Nn;
using MicroNet.Optimizers;
using MicroNet.Schedules;
using MicroNet.Training;

namespace MicroNet.Pipeline;

/// <summary>
/// Everything a <see cref="TrainingRun"/> can be told, with the defaults of <c>micronet train</c>: the network, the loss,
/// the optimizer and its schedule, how long to train, how to split the rows, and the seed all of it derives from.
/// </summary>
public sealed record TrainingSettings
{
    /// <summary>
    /// The learning rate of a <see cref="DataSource"/> that names none, 0.01: Adam's own 0.001 needs more epochs than the
    /// small generated and built-in datasets want. A CSV file's source names 0.001 (see <see cref="DataSource.LearningRate"/>).
    /// </summary>
    public const double DefaultLearningRate = 0.01;

    /// <summary>The default share of rows held out for validation and for testing, each: 0.2.</summary>
    public const double DefaultHoldOut = 0.2;

    /// <summary>The default <see cref="Seed"/>, 42.</summary>
    public const int DefaultSeed = 42;

    /// <summary>The number of neurons in each hidden layer; empty for a linear (or logistic) model. 16, 16 by default.</summary>
    public IReadOnlyList<int> HiddenLayers { get; init; } = [16, 16];

    /// <summary>The hidden layers' activation; the output layer is linear. Relu by default.</summary>
    public Activation Activation { get; init; } = Activation.Relu;

    /// <summary>The loss; null (the default) picks it from the targets (<see cref="LossFunction.DefaultFor"/>).</summary>
    public LossFunction? Loss { get; init; }

    /// <summary>The optimizer, with PyTorch's formulas. Adam by default.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>The learning rate the schedule starts from; null (the default) for the data source's <see cref="DataSource.LearningRate"/>.</summary>
    public double? LearningRate { get; init; }

    /// <summary>The momentum of <see cref="OptimizerKind.Sgd"/>; 0 for none.</summary>
    public double Momentum { get; init; }

    /// <summary>The weight decay; null for the optimizer's own default (0, or 0.01 for AdamW).</summary>
    public double? WeightDecay { get; init; }

    /// <summary>How the learning rate changes per epoch. Constant by default.</summary>
    public ScheduleKind Schedule { get; init; } = ScheduleKind.Constant;

    /// <summary>How many passes over the training rows; <see cref="TrainingOptions.DefaultEpochs"/> by default.</summary>
    public int Epochs { get; init; } = TrainingOptions.DefaultEpochs;

    /// <summary>How many rows each step averages over; <see cref="TrainingOptions.DefaultBatchSize"/> by default.</summary>
    public int BatchSize { get; init; } = TrainingOptions.DefaultBatchSize;

    /// <summary>The share of rows held out to validate after each epoch; null for <see cref="DefaultHoldOut"/>, or 0 for data that comes with its own test rows.</summary>
    public double? ValidationFraction { get; init; }

    /// <summary>The share of rows held out for the final score; null for <see cref="DefaultHoldOut"/>. Must stay null for data that comes with its own test rows.</summary>
    public double? TestFraction { get; init; }

    /// <summary>The factor of an L2 penalty added to the loss; 0 for none.</summary>
    public double L2 { get; init; }

    /// <summary>The seed the split, the initial weights and the batch order derive from; <see cref="DefaultSeed"/> by default.</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>Which engine computes the batches. Compiled by default.</summary>
    public EngineKind Engine { get; init; } = EngineKind.Compiled;

    /// <summary>Threads for the compiled engine; 0 for one per processor.</summary>
    public int Workers { get; init; }

    /// <summary>Stop when the validation loss has not improved for this many epochs; null (the default) to run every epoch.</summary>
    public int? Patience { get; init; }

    /// <summary>Whether the model ends with the parameters of the epoch of lowest validation loss (the default) or of the last epoch.</summary>
    public bool RestoreBest { get; init; } = true;
}
