
namespace MicroNet.Data;

/// <summary>
/// Per-feature standardisation, <c>z = (x - mean) / std</c>, as scikit-learn's <c>StandardScaler</c>: fit the means and
/// standard deviations on the training rows only, then apply the same numbers to every split and to new inputs.
/// </summary>
/// <remarks>
/// A plain value: <see cref="Means"/> and <see cref="StandardDeviations"/> are all it holds, so a model file can save
/// them and <see cref="Standardizer(IReadOnlyList{double}, IReadOnlyList{double})"/> can restore it. A feature whose
/// standard deviation is 0 (constant in the training rows) is only centred, never divided by 0.
/// </remarks>
public sealed class Standardizer
{
    private readonly double[] _means;
    private readonly double[] _standardDeviations;

    /// <summary>Creates a standardizer from saved numbers.</summary>
    /// <param name="means">The mean of each feature; finite.</param>
    /// <param name="standardDeviations">The standard deviation of each feature; finite, 0 or more (0 means only centre it).</param>
    /// <exception cref="ArgumentException">The lists differ in length or hold a number outside its range.</exception>
    public Standardizer(IReadOnlyList<double> means, IReadOnlyList<double> standardDeviations)
    {
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(standardDeviations);
        if (means.Count != standardDeviations.Count)
        {
            throw new ArgumentException(
                Invariant($"Expected {means.Count} standard deviations to match {means.Count} means, but got {standardDeviations.Count}."),
                nameof(standardDeviations));
        }
        _means = [.. means];
        _standardDeviations = [.. standardDeviations];
        for (int j = 0; j < _means.Length; j++)
        {
            if (!double.IsFinite(_means[j]))
            {
                throw new ArgumentException(Invariant($"Mean {j} is {_means[j]}; means must be finite."), nameof(means));
            }
            if (!(_standardDeviations[j] >= 0 && double.IsFinite(_standardDeviations[j])))
            {
                throw new ArgumentException(
                    Invariant($"Standard deviation {j} is {_standardDeviations[j]}; it must be finite, 0 or more."), nameof(standardDeviations));
            }
        }
    }

    /// <summary>The mean of each feature over the rows it was fitted on.</summary>
    public IReadOnlyList<double> Means => _means;

    /// <summary>
    /// The population standard deviation of each feature, <c>sqrt(sum((x - mean) ** 2) / n)</c> (divided by n, not
    /// n - 1, as scikit-learn), over the rows it was fitted on; exactly 0 for a feature that is constant there.
    /// </summary>
    public IReadOnlyList<double> StandardDeviations => _standardDeviations;

    /// <summary>How many features it standardises.</summary>
    public int FeatureCount => _means.Length;

    /// <summary>Fits the means and standard deviations of <paramref name="data"/>'s features (pass the training split).</summary>
    /// <exception cref="ArgumentException">The dataset is empty or holds NaN or infinity.</exception>
    public static Standardizer Fit(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0)
        {
            throw new ArgumentException("Cannot fit a standardizer on an empty dataset.", nameof(data));
        }
        IReadOnlyList<IReadOnlyList<double>> rows = data.Features;
        int n = rows.Count, featureCount = data.FeatureCount;
        var means = new double[featureCount];
        var standardDeviations = new double[featureCount];
        for (int j = 0; j < featureCount; j++)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int i = 0; i < n; i++)
            {
                double x = rows[i][j];
                if (!double.IsFinite(x))
                {
                    throw new ArgumentException(
                        Invariant($"Feature '{data.FeatureNames[j]}' of row {i} is {x}; remove or fill missing values before standardising."), nameof(data));
                }
                min = Math.Min(min, x);
                max = Math.Max(max, x);
            }
            if (min == max)
            {
                // Exactly constant: sum / n could round away from the value and leave a tiny spurious deviation.
                means[j] = min;
                continue;
            }
            var column = new double[n];
            for (int i = 0; i < n; i++)
            {
                column[i] = rows[i][j];
            }
            (means[j], standardDeviations[j]) = MeanAndDeviation(column);
        }
        return new Standardizer(means, standardDeviations);
    }

    /// <summary>
    /// The mean and population standard deviation of <paramref name="values"/> (finite, at least one). Sums of values near
    /// double's range (1e200, 1e308) overflow; then every value is divided by the largest magnitude first, so each term
    /// is at most 1, and the deviation, at most that magnitude, comes back finite. Ordinary values take the plain path,
    /// whose rounding earlier models were fitted with.
    /// </summary>
    internal static (double Mean, double Deviation) MeanAndDeviation(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        double sum = 0, scale = 0;
        foreach (double x in values)
        {
            sum += x;
            scale = Math.Max(scale, Math.Abs(x));
        }
        double mean = sum / n, squares = 0;
        foreach (double x in values)
        {
            double d = x - mean;
            squares += d * d;
        }
        if (double.IsFinite(mean) && double.IsFinite(squares))
        {
            return (mean, Math.Sqrt(squares / n));
        }
        double scaledSum = 0;
        foreach (double x in values)
        {
            scaledSum += x / scale;
        }
        double scaledMean = scaledSum / n, scaledSquares = 0;
        foreach (double x in values)
        {
            double d = x / scale - scaledMean;
            scaledSquares += d * d;
        }
        return (scaledMean * scale, Math.Sqrt(scaledSquares / n) * scale);
    }

    /// <summary>
    /// One standardised row: <c>(row[j] - Means[j]) / StandardDeviations[j]</c>, or <c>row[j] - Means[j]</c> where the
    /// standard deviation is 0. NaN stays NaN.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="row"/> does not have <see cref="FeatureCount"/> values.</exception>
    public double[] Transform(IReadOnlyList<double> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Count != FeatureCount)
        {
            throw new ArgumentException(Invariant($"Expected {FeatureCount} features, as the standardizer was fitted on, but got {row.Count}."), nameof(row));
        }
        var result = new double[FeatureCount];
        for (int j = 0; j < result.Length; j++)
        {
            double centred = row[j] - _means[j];
            double sd = _standardDeviations[j];
            // A difference past double's range (1e308 - -1e308) is taken apart, each side divided first.
            result[j] = sd == 0 ? centred : double.IsFinite(centred) || !double.IsFinite(row[j]) ? centred / sd : row[j] / sd - _means[j] / sd;
        }
        return result;
    }

    /// <summary>A dataset with every row standardised by <see cref="Transform(IReadOnlyList{double})"/>; targets and names unchanged.</summary>
    /// <exception cref="ArgumentException">The dataset does not have <see cref="FeatureCount"/> features.</exception>
    public Dataset Transform(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != FeatureCount)
        {
            throw new ArgumentException(
                Invariant($"Expected {FeatureCount} features, as the standardizer was fitted on, but the dataset has {data.FeatureCount}."), nameof(data));
        }
        var rows = new double[data.Count][];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = Transform(data.Features[i]);
        }
        return data.WithFeatures(rows, [.. data.FeatureNames]);
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
