namespace MicroNet.Training;

/// <summary>
/// Scores predictions one at a time, in constant memory, for files too large to hold: for classes, accuracy and a
/// confusion matrix; for numbers, RMSE, MAE and R² (the target's mean and spread kept as running sums by Welford's
/// method, so R² needs no second pass).
/// </summary>
public sealed class EvaluationTally
{
    private readonly long[,] _confusion;
    private double _squaredError;
    private double _absoluteError;
    private double _targetMean;
    private double _targetSquares;

    /// <summary>Creates a tally for <paramref name="classCount"/> classes, or for numbers with 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is negative or 1.</exception>
    public EvaluationTally(int classCount)
    {
        if (classCount is < 0 or 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "A tally needs 0 classes (numbers) or at least 2.");
        }
        ClassCount = classCount;
        _confusion = new long[classCount, classCount];
    }

    /// <summary>How many classes the tally counts; 0 for numbers.</summary>
    public int ClassCount { get; }

    /// <summary>How many predictions were added.</summary>
    public long Count { get; private set; }

    /// <summary>How many of the added class predictions were right.</summary>
    public long Correct { get; private set; }

    /// <summary>The share of class predictions that were right; NaN before any.</summary>
    public double Accuracy => Count == 0 ? double.NaN : (double)Correct / Count;

    /// <summary>Root mean squared error of the numbers added; NaN before any.</summary>
    public double Rmse => Count == 0 ? double.NaN : Math.Sqrt(_squaredError / Count);

    /// <summary>Mean absolute error of the numbers added; NaN before any.</summary>
    public double Mae => Count == 0 ? double.NaN : _absoluteError / Count;

    /// <summary>
    /// The coefficient of determination, <c>1 - sum((t - p) ** 2) / sum((t - mean(t)) ** 2)</c>, as <see cref="Metrics.RSquared"/>;
    /// NaN before any, and for targets that are all equal.
    /// </summary>
    public double RSquared => Count == 0 || _targetSquares == 0 ? double.NaN : 1 - _squaredError / _targetSquares;

    /// <summary>How many rows of true class <paramref name="truth"/> were predicted as <paramref name="predicted"/>.</summary>
    public long this[int truth, int predicted] => _confusion[truth, predicted];

    /// <summary>Adds a class prediction.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A class is not 0 to <see cref="ClassCount"/> - 1.</exception>
    public void AddClass(int predicted, int truth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(predicted);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(predicted, ClassCount);
        ArgumentOutOfRangeException.ThrowIfNegative(truth);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(truth, ClassCount);
        Count++;
        Correct += predicted == truth ? 1 : 0;
        _confusion[truth, predicted]++;
    }

    /// <summary>Adds a number predicted for a true number.</summary>
    public void AddValue(double predicted, double truth)
    {
        Count++;
        double error = predicted - truth;
        _squaredError += error * error;
        _absoluteError += Math.Abs(error);
        double delta = truth - _targetMean;
        _targetMean += delta / Count;
        _targetSquares += delta * (truth - _targetMean);
    }

    /// <summary>The confusion matrix as rows (true class) of counts per predicted class.</summary>
    public IReadOnlyList<IReadOnlyList<int>> ConfusionRows() =>
        [.. Enumerable.Range(0, ClassCount).Select(t => (IReadOnlyList<int>)[.. Enumerable.Range(0, ClassCount).Select(p => checked((int)_confusion[t, p]))])];
}
