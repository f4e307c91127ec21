using MicroNet.Data;
using MicroNet.Models;
using MicroNet.Nn;

namespace MicroNet.Tests.Onnx;

/// <summary>
/// Models built from seeded weights over a schema that has every kind of feature the export must handle: numbers on
/// different scales, a one-hot column, and a feature that was constant in training (standard deviation 0).
/// </summary>
internal static class OnnxTestModels
{
    // x1, colour=blue, colour=green, colour=red, x2, size, flat
    private static readonly double[] s_means = [0.5, 0.3, 0.3, 0.4, -2, 1000, 7];
    private static readonly double[] s_deviations = [1.5, 0.46, 0.46, 0.49, 0.1, 200, 0];

    public const int FeatureCount = 7;

    public static Model Build(ModelOutput output, Activation activation, int seed = 1)
    {
        (ProblemKind kind, string[] classes, int outputs) = output switch
        {
            ModelOutput.Softmax => (ProblemKind.MulticlassClassification, new[] { "low", "mid", "high" }, 3),
            ModelOutput.Sigmoid or ModelOutput.Margin => (ProblemKind.BinaryClassification, ["no", "yes"], 1),
            _ => (ProblemKind.Regression, [], 1),
        };
        var schema = new FeatureSchema(
            [FeatureColumn.Numeric("x1"), FeatureColumn.Categorical("colour", ["blue", "green", "red"]), FeatureColumn.Numeric("x2"),
             FeatureColumn.Numeric("size"), FeatureColumn.Numeric("flat")],
            "y", kind, classes, new Standardizer(s_means, s_deviations));
        var network = new Mlp(FeatureCount, [8, 6, outputs], seed, activation, activation);
        return new Model(network, schema, output, output == ModelOutput.Value ? new TargetScaling(100, 30) : null);
    }

    /// <summary>Raw encoded rows around the training distribution (three deviations either side), one-hot colours.</summary>
    public static double[][] RandomRows(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new double[count][];
        for (int i = 0; i < count; i++)
        {
            double[] row = new double[FeatureCount];
            row[0] = s_means[0] + s_deviations[0] * (random.NextDouble() * 6 - 3);
            row[1 + random.Next(3)] = 1;
            row[4] = s_means[4] + s_deviations[4] * (random.NextDouble() * 6 - 3);
            row[5] = s_means[5] + s_deviations[5] * (random.NextDouble() * 6 - 3);
            row[6] = s_means[6] + (random.NextDouble() * 2 - 1);
            rows[i] = row;
        }
        return rows;
    }

    /// <summary>What the exported graph should give for one row: what <see cref="Model.Predict(IReadOnlyList{double})"/> gives.</summary>
    public static double[] Expected(Model model, IReadOnlyList<double> row, bool probabilities)
    {
        Prediction prediction = model.Predict(row);
        return (model.Output, probabilities) switch
        {
            (ModelOutput.Softmax, true) => [.. prediction.Probabilities],
            (ModelOutput.Sigmoid, true) => [prediction.Probabilities[1]],
            (ModelOutput.Value, _) => [prediction.Value],
            _ => [.. prediction.Outputs],
        };
    }
}
