using MicroNet.Data;
using MicroNet.Nn;

namespace MicroNet.Training;

/// <summary>
/// What a trained model predicts for new rows, and how well it does on a dataset. The rows must be preprocessed as the
/// training rows were (for example by the same <see cref="Standardizer"/>).
/// </summary>
public static class Predictions
{
    /// <summary>
    /// The predicted class of one row: for one output (binary cross-entropy or hinge), 1 if the output is above 0 (a
    /// probability above 0.5) and 0 otherwise; for several outputs, the index of the largest (the first on a tie).
    /// </summary>
    /// <exception cref="ArgumentException">The row does not have <see cref="Mlp.InputCount"/> values.</exception>
    public static int PredictClass(this Mlp model, IReadOnlyList<double> features)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ClassOf(model.Forward(features));
    }

    /// <summary>
    /// One probability per class for one row: for one output <c>z</c>, <c>[1 - sigmoid(z), sigmoid(z)]</c>; for several,
    /// <c>softmax(outputs)</c>, computed as <c>exp(z[i] - max) / sum(exp(z[j] - max))</c> so that large outputs do not
    /// overflow. The probabilities of a hinge-trained model are not calibrated; only their order means something.
    /// </summary>
    /// <exception cref="ArgumentException">The row does not have <see cref="Mlp.InputCount"/> values.</exception>
    public static IReadOnlyList<double> PredictProbabilities(this Mlp model, IReadOnlyList<double> features)
    {
        ArgumentNullException.ThrowIfNull(model);
        IReadOnlyList<Value> outputs = model.Forward(features);
        if (outputs.Count == 1)
        {
            double p = outputs[0].Sigmoid().Data;
            return [1 - p, p];
        }
        double max = outputs.Max(o => o.Data);
        double[] exps = [.. outputs.Select(o => Math.Exp(o.Data - max))];
        double sum = exps.Sum();
        return [.. exps.Select(e => e / sum)];
    }

    /// <summary>The prediction of a one-output (regression) model for one row.</summary>
    /// <exception cref="ArgumentException">The row does not have <see cref="Mlp.InputCount"/> values.</exception>
    /// <exception cref="InvalidOperationException">The model has more than one output.</exception>
    public static double PredictValue(this Mlp model, IReadOnlyList<double> features)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.ForwardSingle(features).Data;
    }

    /// <summary>
    /// Scores <paramref name="model"/> on every row of <paramref name="data"/>: the mean loss and, for classification,
    /// accuracy and confusion matrix, or, for regression, RMSE and R².
    /// </summary>
    /// <param name="model">A model that fits the data and the loss (see <see cref="ModelBuilder.CheckModel"/>).</param>
    /// <param name="data">The rows to score; at least one.</param>
    /// <param name="loss">The loss to report; <see cref="LossKind.Auto"/> picks it from the data, as training does.</param>
    /// <exception cref="ArgumentException">The dataset is empty, or the model or the loss does not fit it.</exception>
    public static Evaluation Evaluate(this Mlp model, Dataset data, LossKind loss = LossKind.Auto)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0)
        {
            throw new ArgumentException("Cannot evaluate on an empty dataset.", nameof(data));
        }
        ModelBuilder.CheckModel(model, data, loss);
        LossKind resolved = loss.Resolve(data.Kind);
        return Score(data, resolved, new CompiledBatches(model, resolved, model.Parameters(), workers: 0, training: false));
    }

    /// <summary>
    /// Scores on a compiled replay, one sample at a time, so that no graph of the whole dataset is ever built: the same
    /// numbers as one eager graph over every row (its mean is the same left-to-right sum times <c>1 / n</c>).
    /// </summary>
    internal static Evaluation Score(Dataset data, LossKind resolved, CompiledBatches scorer)
    {
        bool classification = data.Kind.IsClassification();
        var predicted = new double[data.Count];
        double meanLoss = scorer.Score(data, predicted, classification);
        if (!classification)
        {
            return new Evaluation(data.Count, meanLoss, null, null, Metrics.Rmse(predicted, data.Targets), Metrics.RSquared(predicted, data.Targets));
        }
        int[] classes = [.. predicted.Select(p => (int)p)];
        int[,] matrix = Metrics.ConfusionMatrix(classes, data.Classes, data.ClassCount);
        IReadOnlyList<int>[] rows = [.. Enumerable.Range(0, data.ClassCount).Select(t => (IReadOnlyList<int>)[.. Enumerable.Range(0, data.ClassCount).Select(p => matrix[t, p])])];
        return new Evaluation(data.Count, meanLoss, Metrics.Accuracy(classes, data.Classes), rows, null, null);
    }

    /// <summary>The mean loss of a batch as one graph: per-sample terms summed into one node, ready for one backward pass.</summary>
    internal static Value BatchLoss(LossKind loss, IReadOnlyList<IReadOnlyList<Value>> outputs, Dataset batch) => loss switch
    {
        LossKind.Mse => Losses.Mse([.. outputs.Select(o => o[0])], batch.Targets),
        LossKind.Hinge => Losses.Hinge([.. outputs.Select(o => o[0])], [.. batch.Targets.Select(t => 2 * t - 1)]),
        LossKind.BinaryCrossEntropy => Losses.BinaryCrossEntropyWithLogits([.. outputs.Select(o => o[0])], batch.Targets),
        LossKind.CrossEntropy => Losses.CrossEntropy(outputs, batch.Classes),
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Resolve the loss before computing it."),
    };

    /// <summary>The class the outputs predict: above 0 for one output, the largest (first on a tie) for several.</summary>
    internal static int ClassOf(IReadOnlyList<Value> outputs)
    {
        if (outputs.Count == 1)
        {
            return outputs[0].Data > 0 ? 1 : 0;
        }
        int best = 0;
        for (int i = 1; i < outputs.Count; i++)
        {
            if (outputs[i].Data > outputs[best].Data)
            {
                best = i;
            }
        }
        return best;
    }
}
