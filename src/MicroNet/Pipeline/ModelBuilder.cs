using MicroNet.Data;
using MicroNet.Loss;
using MicroNet.Nn;

namespace MicroNet.Pipeline;

/// <summary>Builds an <see cref="Mlp"/> whose inputs and outputs fit a dataset and a loss.</summary>
public static class ModelBuilder
{
    /// <summary>
    /// An MLP with one input per feature of <paramref name="data"/>, the given hidden layers, and a linear output layer
    /// sized for the loss: one logit per class for cross-entropy (multi-class), otherwise one output (a logit for binary
    /// cross-entropy, a score for hinge, the prediction for regression).
    /// </summary>
    /// <remarks>
    /// Weights and biases start uniform in <c>[-1/sqrt(n), 1/sqrt(n)]</c> for a layer of <c>n</c> inputs, PyTorch's
    /// <c>nn.Linear</c> default, rather than <see cref="Mlp"/>'s <c>[-1, 1]</c>: with 64 inputs the latter starts every
    /// neuron far out on its activation, and training crawls.
    /// </remarks>
    /// <param name="data">The training set: its feature count, problem kind and class count.</param>
    /// <param name="hiddenSizes">The number of neurons in each hidden layer; empty for a linear (or logistic) model.</param>
    /// <param name="activation">The activation of the hidden layers.</param>
    /// <param name="seed">Seeds the initial weights.</param>
    /// <param name="loss">The loss the model will be trained with; null picks it from the data, as training does.</param>
    /// <exception cref="ArgumentException">A hidden layer has fewer than 1 neuron, or the loss does not fit the data.</exception>
    public static Mlp ForDataset(Dataset data, IReadOnlyList<int> hiddenSizes, Activation activation = Activation.Relu, int seed = 0,
        LossFunction? loss = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(hiddenSizes);
        var model = new Mlp(data.FeatureCount, [.. hiddenSizes, LossFunction.Resolve(loss, data.Kind).OutputCount(data.ClassCount)], seed, activation, Activation.Linear);
        foreach (Layer layer in model.Layers)
        {
            double scale = 1 / Math.Sqrt(layer.InputCount);
            foreach (Value p in layer.Parameters())
            {
                p.Data *= scale;
            }
        }
        return model;
    }
}
