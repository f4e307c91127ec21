using MicroNet.Compiled;
using MicroNet.Data;
using MicroNet.Loss;
using MicroNet.Models;
using MicroNet.Nn;
using MicroNet.Optimizers;

namespace MicroNet.Training;

/// <summary>
/// The part of a training step that differs between engines: computing one batch's loss and gradients, and moving the
/// parameters. Everything else in a step lives in <see cref="TrainingSession"/>.
/// </summary>
/// <remarks>
/// An epoch is <see cref="Load"/>, then per batch <see cref="Run"/> and (if its loss is finite) <see cref="Step"/>, then
/// <see cref="Store"/>. Between <see cref="Load"/> and <see cref="Store"/> an engine may keep the parameters elsewhere than
/// in their <see cref="Value"/> objects (the compiled engine keeps them in flat arrays).
/// </remarks>
internal abstract class BatchStep
{
    /// <summary>
    /// Computes the batch's gradients (of the mean loss plus any L2 penalty); returns the mean loss and the objective
    /// minimised, and puts each sample's prediction (its class, or the first output for regression) in <paramref name="predictions"/>.
    /// </summary>
    public abstract (double MeanLoss, double Objective) Run(Dataset batch, double[] predictions);

    /// <summary>Lets the optimizer move the parameters with the last <see cref="Run"/>'s gradients, keeping the parameters it started from.</summary>
    public abstract void Step();

    /// <summary>
    /// Puts back the parameters the last <see cref="Step"/> started from (those of the last batch whose loss was finite), in
    /// the engine and in the <see cref="Value"/> objects.
    /// </summary>
    public abstract void RestoreLastGood();

    /// <summary>Reads the parameters from their <see cref="Value"/> objects: before an epoch's first batch.</summary>
    public virtual void Load()
    {
    }

    /// <summary>Writes the parameters (and the last batch's gradients) back to their <see cref="Value"/> objects: after an epoch.</summary>
    public virtual void Store()
    {
    }

    /// <summary>The step for <paramref name="options"/>' engine.</summary>
    public static BatchStep Create(TrainingOptions options, Mlp model, LossFunction loss, IReadOnlyList<Value> parameters, IOptimizer optimizer) =>
        options.Engine switch
        {
            EngineKind.Eager => new EagerBatchStep(model, loss, parameters, optimizer, options.L2),
            EngineKind.Compiled => new CompiledBatchStep(model, loss, parameters, optimizer, options),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Engine, $"Unknown engine; the engines are {EngineKindExtensions.Names.Choices}."),
        };
}

/// <summary>The eager engine: one fresh graph per batch, its mean loss (plus the L2 penalty) and one <see cref="Value.Backward"/>.</summary>
internal sealed class EagerBatchStep(Mlp model, LossFunction loss, IReadOnlyList<Value> parameters, IOptimizer optimizer, double l2) : BatchStep
{
    public override (double MeanLoss, double Objective) Run(Dataset batch, double[] predictions)
    {
        IReadOnlyList<Value>[] outputs = [.. batch.Features.Select(model.Forward)];
        Value batchLoss = loss.Mean(outputs, batch.Targets);
        Value objective = l2 > 0 ? batchLoss + Losses.L2(parameters, l2) : batchLoss;
        optimizer.ZeroGrad();
        objective.Backward();
        bool classification = batch.Kind.IsClassification();
        Span<double> values = stackalloc double[outputs.Length == 0 ? 0 : outputs[0].Count];
        for (int i = 0; i < outputs.Length; i++)
        {
            for (int k = 0; k < values.Length; k++)
            {
                values[k] = outputs[i][k].Data;
            }
            predictions[i] = classification ? ModelOutputExtensions.ClassOf(values) : values[0];
        }
        return (batchLoss.Data, objective.Data);
    }

    private readonly double[] _lastGood = new double[parameters.Count];

    public override void Step()
    {
        for (int i = 0; i < _lastGood.Length; i++)
        {
            _lastGood[i] = parameters[i].Data;
        }
        optimizer.Step();
    }

    public override void RestoreLastGood()
    {
        for (int i = 0; i < _lastGood.Length; i++)
        {
            parameters[i].Data = _lastGood[i];
        }
    }
}

/// <summary>
/// The compiled engine: per-worker batched replays of chunks of samples (<see cref="CompiledBatches"/>), the L2 penalty
/// captured once, and the parameters, their gradients and the optimizer's step on flat arrays, spread over the workers.
/// </summary>
/// <remarks>
/// The parameters live in two arrays that take turns: a step reads one and writes the other, so the parameters it started
/// from are kept without a copy.
/// </remarks>
internal sealed class CompiledBatchStep : BatchStep
{
    // The optimizer's step runs in blocks this long, so that each block's reduction and update stay in cache.
    private const int StepBlock = 4096;

    private readonly CompiledGraph? _penalty;
    private readonly IOptimizer _optimizer;
    private readonly IReadOnlyList<Value> _parameters;
    private readonly double[] _gradient;
    private readonly double[] _initialGradient;
    private double[] _theta;
    private double[] _lastGood;

    public CompiledBatchStep(Mlp model, LossFunction loss, IReadOnlyList<Value> parameters, IOptimizer optimizer, TrainingOptions options)
    {
        Batches = new CompiledBatches(model, loss, parameters, options.Workers, training: true, options.Batching);
        _penalty = options.L2 > 0 ? CompiledGraph.Capture(Losses.L2(parameters, options.L2), parameters, options.Batching) : null;
        _optimizer = optimizer;
        _parameters = parameters;
        _theta = new double[parameters.Count];
        _lastGood = new double[parameters.Count];
        _gradient = new double[parameters.Count];
        _initialGradient = new double[_penalty?.NodeCount ?? parameters.Count];
    }

    /// <summary>The replays, which also serve to score the model.</summary>
    public CompiledBatches Batches { get; }

    public override void Load()
    {
        for (int i = 0; i < _theta.Length; i++)
        {
            _theta[i] = _parameters[i].Data;
        }
    }

    public override void Store()
    {
        for (int i = 0; i < _theta.Length; i++)
        {
            _parameters[i].Data = _theta[i];
            _parameters[i].Grad = _gradient[i];
        }
    }

    public override (double MeanLoss, double Objective) Run(Dataset batch, double[] predictions)
    {
        double l2 = 0;
        if (_penalty is not null)
        {
            // The penalty's gradient is where the last chunk's gradient starts, as the eager engine's sum would have it.
            _theta.CopyTo(_penalty.SlotData, 0);
            _penalty.ForwardLoaded();
            l2 = _penalty.Output;
            Array.Clear(_initialGradient, 0, _theta.Length);
            _penalty.BackwardInto(_initialGradient, 1);
        }
        double meanLoss = Batches.Step(batch, _theta, _penalty is null ? [] : _initialGradient.AsSpan(0, _theta.Length), predictions, batch.Kind.IsClassification());
        return (meanLoss, _penalty is null ? meanLoss : meanLoss + l2);
    }

    public override void Step()
    {
        (_theta, _lastGood) = (_lastGood, _theta);
        if (_optimizer is not IFlatOptimizer flat)
        {
            // An optimizer of the caller's own works on the Value objects.
            _lastGood.CopyTo(_theta, 0);
            Batches.Reduce(0, _gradient);
            Batches.MarkReduced();
            Store();
            _optimizer.Step();
            Load();
            return;
        }
        flat.BeginStep();
        int count = _theta.Length, parts = Math.Min(Batches.WorkerCount, Math.Max(1, count / StepBlock));
        CompiledBatches.Run(parts, part =>
        {
            int end = (int)((long)(part + 1) * count / parts);
            for (int first = (int)((long)part * count / parts); first < end; first += StepBlock)
            {
                int length = Math.Min(StepBlock, end - first);
                Batches.Reduce(first, _gradient.AsSpan(first, length));
                flat.Update(first, _lastGood.AsSpan(first, length), _theta.AsSpan(first, length), _gradient.AsSpan(first, length));
            }
        });
        Batches.MarkReduced();
    }

    public override void RestoreLastGood()
    {
        _lastGood.CopyTo(_theta, 0);
        for (int i = 0; i < _theta.Length; i++)
        {
            _parameters[i].Data = _theta[i];
        }
    }
}
