namespace MicroNet.Nn;

/// <summary>How a neuron builds its weighted sum in the graph. Both give the same values and gradients (to rounding).</summary>
public enum NeuronForm
{
    /// <summary>One <see cref="Value.Dot"/> node plus the bias: small graphs, fast backward. The default.</summary>
    Fused,

    /// <summary>
    /// The notebook's form: every <c>w[i] * x[i]</c> its own node, added one by one onto the bias. Larger graphs,
    /// for teaching and drawing.
    /// </summary>
    Expanded,
}
