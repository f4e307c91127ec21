using MicroNet.Compiled;
using MicroNet.Nn;
using MicroNet.Optimizers;

namespace MicroNet.Cli.Examples;

/// <summary>Which engine runs a workload's training step.</summary>
internal enum Engine
{
    /// <summary>Build a fresh <see cref="Value"/> graph every step and call <see cref="Value.Backward"/>.</summary>
    Eager,

    /// <summary>Capture the graph once, then replay it with <see cref="CompiledGraph.Forward"/> and <see cref="CompiledGraph.Backward"/>.</summary>
    Compiled,
}

/// <summary>
/// One full-batch training step on a fixed graph shape: forward, zero the gradients, backward and an SGD update, on
/// the eager engine (a fresh graph each step) or the compiled one (captured once, replayed).
/// </summary>
internal class FullBatchStep
{
    private readonly Mlp _model;
    private readonly Func<Mlp, Value> _loss;
    private readonly Sgd _optimizer;
    private readonly CompiledGraph? _compiled;

    public FullBatchStep(Engine engine, Mlp model, double learningRate, Func<Mlp, Value> loss)
    {
        Engine = engine;
        _model = model;
        _loss = loss;
        _optimizer = new Sgd(model.Parameters(), learningRate);
        if (engine == Engine.Compiled)
        {
            _compiled = loss(model).Compile();
        }
    }

    public Engine Engine { get; }

    /// <summary>Takes one step; returns the loss before the update.</summary>
    public double Step()
    {
        if (_compiled is null)
        {
            Value loss = _loss(_model);
            _optimizer.ZeroGrad();
            loss.Backward();
            _optimizer.Step();
            return loss.Data;
        }
        _compiled.Forward();
        _optimizer.ZeroGrad();
        _compiled.Backward();
        _optimizer.Step();
        return _compiled.Output;
    }
}
