using System.Globalization;
using MicroNet.Data;
using MicroNet.Models;
using MicroNet.Pipeline;
using MicroNet.Playground.Http;
using MicroNet.Training;

namespace MicroNet.Playground.Runs;

/// <summary>
/// One run of the playground: a <see cref="PlaygroundState"/> made into points, a <see cref="TrainingRun"/> (the
/// library's pipeline: split, standardise, build the network) and its <see cref="TrainingSession"/>, the one training loop,
/// advanced an epoch at a time. The playground's test points are the run's validation rows: scored after every epoch,
/// never trained on. Not thread-safe: its session calls it from one loop.
/// </summary>
internal sealed class PlaygroundRun
{
    private readonly double[] _cellValues;
    private readonly HashSet<IReadOnlyList<double>> _testRows;

    private PlaygroundRun(int runId, PlaygroundState state, PointSet points, TrainingRun run)
    {
        RunId = runId;
        State = state;
        Points = points;
        Run = run;
        Session = run.Start();
        Probe = new GridProbe(run.Network, points.View, PlaygroundLimits.GridSize, state.Features, run.Data.Standardizer);
        Display = new OutputDisplay(run.Loss.Output, run.Data.TargetScaling, points.TargetRange, points.ClassNames.Count);
        _cellValues = new double[PlaygroundLimits.GridSize * PlaygroundLimits.GridSize * Probe.NeuronCount];
        // The split shares the rows' arrays (Dataset.Subset), so a point is a test point when its row is among the validation rows.
        _testRows = new HashSet<IReadOnlyList<double>>(run.Data.Raw.Validation.Features, ReferenceEqualityComparer.Instance);
        IsTest = [.. run.Source.Data.Features.Select(_testRows.Contains)];
        Evaluation train = Trainer.Evaluate(run.Network, run.Data.Train, run.Loss);
        Evaluation? test = run.Data.Validation.Count > 0 ? Trainer.Evaluate(run.Network, run.Data.Validation, run.Loss) : null;
        Latest = new LossPoint(0, train.Loss, test?.Loss);
        (TrainAccuracy, TestAccuracy) = (train.Accuracy, test?.Accuracy);
        History.Add(Latest);
    }

    public int RunId { get; }

    public PlaygroundState State { get; }

    public PointSet Points { get; }

    /// <summary>Whether each point of <see cref="Points"/> is a test point.</summary>
    public bool[] IsTest { get; }

    public TrainingRun Run { get; }

    public TrainingSession Session { get; }

    public GridProbe Probe { get; }

    public OutputDisplay Display { get; }

    public LossHistory History { get; } = new();

    public LossPoint Latest { get; private set; }

    public double? TrainAccuracy { get; private set; }

    public double? TestAccuracy { get; private set; }

    /// <summary>Why training stopped, or null while it can go on.</summary>
    public string? Message => Session.Divergence is { } d
        ? Invariant($"The loss became {d.Loss} at epoch {d.Epoch}, step {d.Step}; the weights are the last good ones. Lower the learning rate and reset.")
        : Session.CanContinue ? null : Invariant($"Training stopped after {Session.Epoch} epochs, the playground's limit; reset to start again.");

    /// <summary>Prepares a run; nothing is trained yet.</summary>
    /// <exception cref="RequestException">The state does not make a run: a loss that does not fit the data, too few points, and so on.</exception>
    public static PlaygroundRun Start(PlaygroundState state, int runId)
    {
        PointSet points = PointSet.From(state);
        Dataset data = points.ToDataset(state.Features);
        var source = new DataSource(Describe(state, points), data) { Schema = FeatureSchema.ForNumericFeatures(data, points.Names.Label) };
        var settings = new TrainingSettings
        {
            HiddenLayers = state.HiddenLayers,
            Activation = state.Activation,
            Loss = state.Loss,
            Optimizer = state.Optimizer,
            LearningRate = state.LearningRate,
            BatchSize = state.BatchSize,
            L2 = state.L2,
            Epochs = PlaygroundLimits.MaxEpochs,
            ValidationFraction = 1 - state.TrainShare,
            TestFraction = 0,
            Seed = state.Seed,
            // One thread per session: several tabs share the machine, and small batches gain nothing from more.
            Workers = 1,
        };
        try
        {
            return new PlaygroundRun(runId, state, points, TrainingRun.Prepare(source, settings));
        }
        catch (SettingsException e)
        {
            throw new RequestException(e.Message, e);
        }
        catch (DataFileException e)
        {
            throw new RequestException(e.Message, e);
        }
        catch (ArgumentException e)
        {
            // Dataset and schema checks: say what is wrong with the points rather than fail the request.
            throw new RequestException($"The points cannot be trained on: {e.Message}", e);
        }
    }

    /// <summary>Trains one epoch, unless training has stopped; false when it could not.</summary>
    public bool TrainEpoch()
    {
        if (!Session.CanContinue)
        {
            return false;
        }
        if (Session.RunEpoch() is not { } report)
        {
            return false;
        }
        Latest = new LossPoint(report.Epoch, report.TrainingLoss, report.ValidationLoss);
        (TrainAccuracy, TestAccuracy) = (report.TrainingAccuracy, report.ValidationAccuracy);
        History.Add(Latest);
        return true;
    }

    /// <summary>Evaluates the grid with the current weights and makes the frame the page draws.</summary>
    public Frame Capture(long version, bool playing)
    {
        Probe.Evaluate(_cellValues);
        int size = Probe.Size, n = Probe.NeuronCount, outputs = Probe.OutputCount, hidden = n - outputs;
        int small = PlaygroundLimits.NeuronGridSize;
        var boundary = new byte[size * size];
        byte[]? classes = Display.Multiclass ? new byte[size * size] : null;
        var neuronSums = new double[n * small * small];
        for (int cell = 0; cell < size * size; cell++)
        {
            ReadOnlySpan<double> values = _cellValues.AsSpan(cell * n, n);
            ReadOnlySpan<double> outs = values[hidden..];
            boundary[cell] = Frame.Encode(Display.Signed(outs));
            if (classes is not null)
            {
                classes[cell] = (byte)OutputDisplay.ClassOf(outs);
            }
            // Each cell of a neuron's small heatmap is the mean of the 2 x 2 cells of the big grid it covers.
            int row = cell / size, column = cell % size;
            int smallCell = Math.Min(row / 2, small - 1) * small + Math.Min(column / 2, small - 1);
            for (int k = 0; k < n; k++)
            {
                double colour = k < hidden ? Math.Clamp(values[k], -1, 1) : Display.OutputNeuron(outs, k - hidden);
                neuronSums[k * small * small + smallCell] += colour / 4;
            }
        }
        return new Frame
        {
            RunId = RunId,
            Version = version,
            Epoch = Session.Epoch,
            Steps = Session.Steps,
            Playing = playing,
            Message = Message,
            Latest = Latest,
            TrainAccuracy = TrainAccuracy,
            TestAccuracy = TestAccuracy,
            History = History,
            HistoryCount = History.Count,
            Weights = [.. Run.Network.Layers.Select(layer => layer.Neurons.SelectMany(neuron => neuron.Parameters()).Select(p => p.Data).ToArray())],
            Boundary = boundary,
            BoundaryClasses = classes,
            Neurons = [.. neuronSums.Select(Frame.Encode)],
        };
    }

    /// <summary>The trained network with its preprocessing, as <c>micronet train</c> would save it; its metadata holds the playground link.</summary>
    public Model ToModel()
    {
        TrainingResult result = Session.Result();
        Dictionary<string, string> metadata = Run.ModelMetadata(result);
        metadata["playground"] = State.ToQuery();
        metadata["inputs"] = string.Join(", ", State.Features.Select(f => f.Name(Points.Names.X, Points.Names.Y)))
            + $" (computed from columns '{Points.Names.X}' and '{Points.Names.Y}'; sin in radians)";
        return Run.Data.CreateModel(result, metadata);
    }

    /// <summary>One line on the points and their split, for the page.</summary>
    public string Summary()
    {
        int test = IsTest.Count(t => t);
        string kind = Points.Kind.Describe(Points.ClassNames.Count);
        return Invariant($"{Run.Source.Description}: {Points.Count} points, {Points.Count - test} for training and {test} for testing; {kind}. ")
            + Invariant($"Inputs standardised on the training points; network {Run.Network}.");
    }

    private static string Describe(PlaygroundState state, PointSet points) => state.Upload is { } upload
        ? $"Uploaded data (x '{upload.XName}', y '{upload.YName}', label '{upload.LabelName}')"
        : Invariant($"Dataset {state.Dataset} (noise {state.Noise}, seed {state.Seed})") + (points.Origins.Any(o => o < 0) || state.Removed.Count > 0 ? " with edits" : "");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
