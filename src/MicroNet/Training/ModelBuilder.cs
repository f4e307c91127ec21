using System.Globalization;
using MicroNet.Data;
using MicroNet.Nn;

namespace MicroNet.Training;

/// <summary>Builds an <see cref="Mlp"/> whose inputs and outputs fit a dataset and a loss, and checks a given one.</summary>
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
    /// <param name="loss">The loss the model will be trained with; <see cref="LossKind.Auto"/> picks it from the data.</param>
    /// <exception cref="ArgumentException">A hidden layer has fewer than 1 neuron, or the loss does not fit the data.</exception>
    public static Mlp ForDataset(Dataset data, IReadOnlyList<int> hiddenSizes, Activation activation = Activation.Relu, int seed = 0,
        LossKind loss = LossKind.Auto)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(hiddenSizes);
        var model = new Mlp(data.FeatureCount, [.. hiddenSizes, loss.OutputCount(data)], seed, activation, Activation.Linear);
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

    /// <summary>
    /// Checks that <paramref name="model"/> takes one input per feature of <paramref name="data"/> and has the outputs
    /// <paramref name="loss"/> needs (see <see cref="LossKindExtensions.OutputCount"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The model does not fit; the message says what it needs.</exception>
    public static void CheckModel(Mlp model, Dataset data, LossKind loss = LossKind.Auto)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (model.InputCount != data.FeatureCount)
        {
            throw new ArgumentException(Invariant(
                $"The model takes {model.InputCount} inputs, but the data has {data.FeatureCount} features; build it with ModelBuilder.ForDataset."), nameof(model));
        }
        LossKind resolved = loss.Resolve(data.Kind);
        int outputs = resolved.OutputCount(data);
        if (model.OutputCount != outputs)
        {
            string why = resolved == LossKind.CrossEntropy ? Invariant($"one logit per class for {resolved.ToName()}") : Invariant($"one output for {resolved.ToName()}");
            throw new ArgumentException(Invariant(
                $"The model has {model.OutputCount} outputs, but {LossKindExtensions.Describe(data.Kind)} needs {outputs} ({why}); build it with ModelBuilder.ForDataset."),
                nameof(model));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
