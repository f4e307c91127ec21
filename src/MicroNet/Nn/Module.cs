namespace MicroNet.Nn;

/// <summary>A piece of a network that owns trainable parameters: a <see cref="Neuron"/>, a <see cref="Layer"/> or an <see cref="Mlp"/>.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "Module is the field's word (PyTorch, TorchSharp); Visual Basic users can write [Module].")]
public abstract class Module
{
    /// <summary>Every trainable value of this module, in a fixed order (weights before bias, first layer first).</summary>
    public abstract IReadOnlyList<Value> Parameters();

    /// <summary>Sets the gradient of every parameter to 0; call it before each backward pass, since gradients accumulate.</summary>
    public void ZeroGrad()
    {
        foreach (Value p in Parameters())
        {
            p.Grad = 0;
        }
    }
}
