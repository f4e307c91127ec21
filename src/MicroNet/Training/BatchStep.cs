using MicroNet.Compiled;
using MicroNet.Data;
using MicroNet.Loss;
using MicroNet.Models;
using MicroNet.Nn;
using MicroNet.Optimizers;

namespace MicroNet.Training;

/// <summary>
/// How one batch's loss and gradients are computed, the part of a training step that differs between engines: set the
/// parameters' gradients to the batch's (zeroed first), return the mean loss and the objective minimised (the mean loss
/// plus any L2 penalty), and put each sample's prediction (its class, or the first output for regression) in
/// <c>predictions</c>. Everything else in a step lives in <see cref="TrainingSession"/>.
/// </summary>
internal abstract class BatchStep
{
    public abstract (double MeanLoss, double Objective) Run(Dataset batch, double[] predictions);

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
}

/// <summary>
/// The compiled engine: per-worker replays of one sample's term (<see cref="CompiledBatches"/>), and the L2 penalty,
/// whose shape never changes, captured once.
/// </summary>
internal sealed class CompiledBatchStep : BatchStep
{
    private readonly CompiledBatches _batches;
    private readonly CompiledGraph? _penalty;
    private readonly IOptimizer _optimizer;

    public CompiledBatchStep(Mlp model, LossFunction loss, IReadOnlyList<Value> parameters, IOptimizer optimizer, TrainingOptions options)
    {
        _batches = new CompiledBatches(model, loss, parameters, options.Workers, training: true);
        _penalty = options.L2 > 0 ? Losses.L2(parameters, options.L2).Compile() : null;
        _optimizer = optimizer;
    }

    public override (double MeanLoss, double Objective) Run(Dataset batch, double[] predictions)
    {
        _optimizer.ZeroGrad();
        double l2 = 0;
        if (_penalty is not null)
        {
            _penalty.Forward();
            l2 = _penalty.Output;
            _penalty.Backward();
        }
        double meanLoss = _batches.Step(batch, predictions, batch.Kind.IsClassification());
        return (meanLoss, _penalty is null ? meanLoss : meanLoss + l2);
    }
}
