using MicroNet.Data;
using MicroNet.Nn;

namespace MicroNet.Models;

/// <summary>
/// A trained network with everything needed to use it on raw rows: the <see cref="Mlp"/>, the
/// <see cref="FeatureSchema"/> (columns, one-hot vocabularies, standardizer, target, classes) and what the outputs mean.
/// Save and load it with <see cref="ModelFile"/>.
/// </summary>
public sealed class Model
{
    private readonly Dictionary<string, string> _metadata;

    /// <summary>Bundles a network with its preprocessing.</summary>
    /// <param name="network">The network; its input count must be the schema's feature count.</param>
    /// <param name="schema">How rows become the network's inputs, with the standardizer fitted on the training split.</param>
    /// <param name="output">What the outputs mean; must fit the schema's problem kind and the network's output count.</param>
    /// <param name="targetScaling">For <see cref="ModelOutput.Value"/>, how outputs map to target units; <see cref="TargetScaling.Identity"/> if null. Must be null otherwise.</param>
    /// <param name="metadata">Free-form notes saved with the model (for example how it was trained); may be null.</param>
    /// <exception cref="ArgumentException">The pieces do not fit together; the message says how.</exception>
    public Model(Mlp network, FeatureSchema schema, ModelOutput output, TargetScaling? targetScaling = null,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(schema);
        if (network.InputCount != schema.FeatureCount)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"The network takes {network.InputCount} inputs, but the schema gives {schema.FeatureCount} features."), nameof(network));
        }
        if (!output.Fits(schema.Kind))
        {
            throw new ArgumentException($"A {output} output does not fit a {schema.Kind} problem.", nameof(output));
        }
        int expectedOutputs = output.OutputCount(schema.ClassNames.Count);
        if (network.OutputCount != expectedOutputs)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"A {output} output for this problem needs {expectedOutputs} network outputs, but the network has {network.OutputCount}."),
                nameof(network));
        }
        if (targetScaling is not null)
        {
            if (output != ModelOutput.Value)
            {
                throw new ArgumentException("Only a regression (Value) output has a target scaling.", nameof(targetScaling));
            }
            if (!double.IsFinite(targetScaling.Mean) || !(targetScaling.StandardDeviation > 0 && double.IsFinite(targetScaling.StandardDeviation)))
            {
                throw new ArgumentException("The target scaling needs a finite mean and a finite standard deviation above 0.", nameof(targetScaling));
            }
        }
        Network = network;
        Schema = schema;
        Output = output;
        TargetScaling = output == ModelOutput.Value ? targetScaling ?? TargetScaling.Identity : null;
        _metadata = metadata is null ? [] : new Dictionary<string, string>(metadata, StringComparer.Ordinal);
    }

    /// <summary>The network.</summary>
    public Mlp Network { get; }

    /// <summary>How raw rows become the network's inputs.</summary>
    public FeatureSchema Schema { get; }

    /// <summary>What the network's outputs mean.</summary>
    public ModelOutput Output { get; }

    /// <summary>For regression, how outputs map to the target's units; null for classification.</summary>
    public TargetScaling? TargetScaling { get; }

    /// <summary>What the model predicts: <see cref="FeatureSchema.Kind"/>.</summary>
    public ProblemKind Kind => Schema.Kind;

    /// <summary>One name per class; empty for regression.</summary>
    public IReadOnlyList<string> ClassNames => Schema.ClassNames;

    /// <summary>Free-form notes saved with the model.</summary>
    public IReadOnlyDictionary<string, string> Metadata => _metadata;

    /// <summary>Predicts from one raw row, its cells by column name (other columns, the target among them, are ignored).</summary>
    /// <exception cref="DataFileException">A cell is missing, not a number, or an unseen category; the message names the line and column.</exception>
    public Prediction Predict(IReadOnlyDictionary<string, string> row, string? fileName = null, int lineNumber = 0) =>
        PredictStandardized(Schema.Transform(row, fileName, lineNumber));

    /// <summary>
    /// Predicts from encoded features, as the CSV loader's dataset holds them (numbers and one-hot columns, not yet
    /// standardised); the schema's standardizer is applied here.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="features"/> does not have the schema's feature count.</exception>
    public Prediction Predict(IReadOnlyList<double> features) => PredictStandardized(Schema.Standardize(features));

    /// <summary>
    /// A predictor for many rows: the network captured once, with its parameters as they are now, and replayed for each
    /// row without building a graph (the same numbers as <see cref="Predict(IReadOnlyList{double})"/>, bit for bit). Later
    /// changes to the network's parameters do not reach it. Not safe to share between threads; create one per thread.
    /// </summary>
    public ModelPredictor CreatePredictor() => new(this);

    private Prediction PredictStandardized(double[] inputs)
    {
        IReadOnlyList<Value> values = Network.Forward(inputs);
        return Decide([.. values.Select(v => v.Data)]);
    }

    /// <summary>The prediction that network outputs make: the class (and probabilities) or the value in the target's units.</summary>
    internal Prediction Decide(double[] outputs)
    {
        if (Output == ModelOutput.Value)
        {
            return new Prediction(TargetScaling!.Apply(outputs[0]), -1, null, [], outputs);
        }
        int cls = ModelOutputExtensions.ClassOf(outputs);
        return new Prediction(cls, cls, ClassNames[cls], Output.Probabilities(outputs), outputs);
    }

    /// <summary>For example <c>Model(Mlp(4 -> [8 tanh, 3 linear], 67 parameters), Softmax, target 'species')</c>.</summary>
    public override string ToString() => $"Model({Network}, {Output}, target '{Schema.TargetColumn}')";
}
