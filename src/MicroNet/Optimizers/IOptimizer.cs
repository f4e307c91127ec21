namespace MicroNet.Optimizers;

/// <summary>
/// Updates a fixed list of parameters from their gradients, as PyTorch's <c>torch.optim.Optimizer</c>:
/// <c>ZeroGrad()</c>, then <c>loss.Backward()</c>, then <c>Step()</c>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "Step is the field's word (PyTorch, TorchSharp); Visual Basic users can write [Step].")]
public interface IOptimizer
{
    /// <summary>The parameters this optimizer updates, in the order given to its constructor.</summary>
    IReadOnlyList<Value> Parameters { get; }

    /// <summary>The step size: 0 or more and finite. Settable, so a schedule can change it between steps.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative, infinite or NaN number.</exception>
    double LearningRate { get; set; }

    /// <summary>Moves every parameter using its current <see cref="Value.Grad"/> (and any state the optimizer keeps).</summary>
    void Step();

    /// <summary>Sets every parameter's gradient to 0. Call it before each backward pass: gradients accumulate.</summary>
    void ZeroGrad();
}
