using System.Globalization;

namespace MicroNet.Training;

/// <summary>Scores of predictions against targets, on plain numbers (read <see cref="Value.Data"/> first).</summary>
public static class Metrics
{
    /// <summary>The fraction of samples whose predicted class equals the target class: <c>count(p[i] == t[i]) / n</c>.</summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    public static double Accuracy(IReadOnlyList<int> predictions, IReadOnlyList<int> targets)
    {
        CheckPairs(predictions, targets);
        int correct = 0;
        for (int i = 0; i < predictions.Count; i++)
        {
            if (predictions[i] == targets[i])
            {
                correct++;
            }
        }
        return (double)correct / predictions.Count;
    }

    /// <summary>
    /// Counts of (target, prediction) pairs: <c>matrix[t, p]</c> is how many samples of class <c>t</c> were predicted as
    /// class <c>p</c>. Rows are true classes and columns predicted ones, as scikit-learn's <c>confusion_matrix</c>; the
    /// diagonal holds the correct predictions.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A class is outside 0 to <paramref name="classCount"/> - 1.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1814", Justification = "A confusion matrix is square; [target, prediction] reads as its definition.")]
    public static int[,] ConfusionMatrix(IReadOnlyList<int> predictions, IReadOnlyList<int> targets, int classCount)
    {
        CheckPairs(predictions, targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        var matrix = new int[classCount, classCount];
        for (int i = 0; i < predictions.Count; i++)
        {
            CheckClass(predictions[i], classCount, i, nameof(predictions));
            CheckClass(targets[i], classCount, i, nameof(targets));
            matrix[targets[i], predictions[i]]++;
        }
        return matrix;
    }

    /// <summary>
    /// Root mean squared error, <c>sqrt(sum((p[i] - t[i]) ** 2) / n)</c>. NaN in any prediction or target gives NaN.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    public static double Rmse(IReadOnlyList<double> predictions, IReadOnlyList<double> targets)
    {
        CheckPairs(predictions, targets);
        double sum = 0;
        for (int i = 0; i < predictions.Count; i++)
        {
            double error = predictions[i] - targets[i];
            sum += error * error;
        }
        return Math.Sqrt(sum / predictions.Count);
    }

    /// <summary>
    /// The mean absolute error, <c>mean(|predictions[i] - targets[i]|)</c>, in the targets' units. NaN in any input gives NaN.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    public static double Mae(IReadOnlyList<double> predictions, IReadOnlyList<double> targets)
    {
        CheckPairs(predictions, targets);
        double sum = 0;
        for (int i = 0; i < predictions.Count; i++)
        {
            sum += Math.Abs(predictions[i] - targets[i]);
        }
        return sum / predictions.Count;
    }

    /// <summary>
    /// The coefficient of determination, <c>1 - SS_res / SS_tot</c> with <c>SS_res = sum((t[i] - p[i]) ** 2)</c> and
    /// <c>SS_tot = sum((t[i] - mean(t)) ** 2)</c>: 1 for perfect predictions, 0 for always predicting the mean, negative
    /// for worse. NaN in any prediction or target gives NaN.
    /// </summary>
    /// <remarks>
    /// Constant targets make <c>SS_tot</c> 0; then, as scikit-learn's <c>r2_score</c>, the result is 1 if the
    /// predictions are perfect and 0 otherwise, rather than NaN or -infinity.
    /// </remarks>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    public static double RSquared(IReadOnlyList<double> predictions, IReadOnlyList<double> targets)
    {
        CheckPairs(predictions, targets);
        double mean = 0;
        foreach (double t in targets)
        {
            mean += t;
        }
        mean /= targets.Count;
        double residual = 0, total = 0;
        for (int i = 0; i < targets.Count; i++)
        {
            residual += (targets[i] - predictions[i]) * (targets[i] - predictions[i]);
            total += (targets[i] - mean) * (targets[i] - mean);
        }
        if (total == 0 && !double.IsNaN(residual))
        {
            return residual == 0 ? 1 : 0;
        }
        return 1 - residual / total;
    }

    private static void CheckClass(int value, int classCount, int index, string parameterName)
    {
        if (value < 0 || value >= classCount)
        {
            throw new ArgumentOutOfRangeException(parameterName, value,
                string.Create(CultureInfo.InvariantCulture, $"Sample {index} has class {value}, outside 0 to {classCount - 1}."));
        }
    }

    private static void CheckPairs<T>(IReadOnlyList<T> predictions, IReadOnlyList<T> targets)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        if (predictions.Count != targets.Count)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected {predictions.Count} targets to match {predictions.Count} predictions, but got {targets.Count}."),
                nameof(targets));
        }
        if (predictions.Count == 0)
        {
            throw new ArgumentException("A metric needs at least one prediction and target.", nameof(targets));
        }
    }
}
