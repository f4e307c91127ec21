using System.Globalization;

namespace MicroNet.Data;

/// <summary>
/// Rows of numeric features with one target each, plus the names of the features and (for classification) of the
/// classes. Immutable: shuffling, subsets, splits and batches return new datasets that share the row arrays.
/// </summary>
/// <remarks>
/// For classification the targets are class indices stored as doubles (0, 1, ...), also readable as ints through
/// <see cref="Classes"/>; <see cref="ClassNames"/> maps an index to its name. Features may hold NaN or infinity
/// (a loader decides what missing values mean); <see cref="Standardizer.Fit(Dataset)"/> rejects them.
/// </remarks>
public sealed partial class Dataset
{
    private readonly double[][] _features;
    private readonly double[] _targets;
    private readonly int[] _classes;
    private readonly string[] _featureNames;
    private readonly string[] _classNames;

    /// <summary>Creates a dataset, copying the rows.</summary>
    /// <param name="features">One row of <c>FeatureCount</c> numbers per sample.</param>
    /// <param name="targets">One target per row: a class index 0 to <c>ClassCount - 1</c> for classification, any number for regression.</param>
    /// <param name="kind">Whether the targets are classes or numbers.</param>
    /// <param name="featureNames">One name per feature; <c>x1</c>, <c>x2</c>, ... if null.</param>
    /// <param name="classNames">
    /// For classification, one name per class (at least 2; exactly 2 for binary); <c>0</c>, <c>1</c>, ... up to the largest
    /// target if null. Must be null or empty for regression.
    /// </param>
    /// <exception cref="ArgumentException">
    /// The rows differ in length, the targets or names do not match the rows, or a class target is not a class index.
    /// </exception>
    public Dataset(IReadOnlyList<IReadOnlyList<double>> features, IReadOnlyList<double> targets, ProblemKind kind,
        IReadOnlyList<string>? featureNames = null, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        _features = new double[features.Count][];
        for (int i = 0; i < features.Count; i++)
        {
            _features[i] = [.. features[i] ?? throw new ArgumentNullException(nameof(features), Invariant($"Row {i} is null."))];
        }
        _targets = [.. targets];
        Kind = kind;
        (_featureNames, _classNames, _classes) = Check(_features, _targets, kind, featureNames, classNames);
    }

    /// <summary>
    /// Creates a dataset that takes ownership of <paramref name="features"/> and <paramref name="targets"/> instead of
    /// copying them, for loaders of large datasets (Fashion-MNIST's 60,000 rows). The caller must not change the arrays
    /// afterwards. Checked as the constructor checks.
    /// </summary>
    /// <exception cref="ArgumentException">As the constructor's.</exception>
    public static Dataset FromOwnedArrays(double[][] features, double[] targets, ProblemKind kind,
        IReadOnlyList<string>? featureNames = null, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        for (int i = 0; i < features.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(features[i], nameof(features));
        }
        (string[] names, string[] classes, int[] classIndices) = Check(features, targets, kind, featureNames, classNames);
        return new Dataset(features, targets, classIndices, kind, names, classes);
    }

    private static (string[] FeatureNames, string[] ClassNames, int[] Classes) Check(double[][] features, double[] targets, ProblemKind kind,
        IReadOnlyList<string>? featureNames, IReadOnlyList<string>? classNames)
    {
        if (features.Length != targets.Length)
        {
            throw new ArgumentException(Invariant($"Expected {features.Length} targets to match {features.Length} feature rows, but got {targets.Length}."), nameof(targets));
        }
        int featureCount = featureNames?.Count ?? (features.Length > 0 ? features[0].Length : 0);
        for (int i = 0; i < features.Length; i++)
        {
            if (features[i].Length != featureCount)
            {
                throw new ArgumentException(Invariant($"Expected {featureCount} features in every row, but row {i} has {features[i].Length}."), nameof(features));
            }
        }
        if (featureCount == 0)
        {
            throw new ArgumentException("A dataset needs at least one feature; pass featureNames to create an empty one.", nameof(features));
        }
        string[] names = featureNames is null ? [.. Enumerable.Range(1, featureCount).Select(i => Invariant($"x{i}"))] : CopyNames(featureNames, nameof(featureNames));
        return (names, CheckClasses(targets, kind, classNames), ToClasses(targets, kind));
    }

    // Takes ownership of the arrays: callers guarantee they are consistent and never modified afterwards.
    private Dataset(double[][] features, double[] targets, int[] classes, ProblemKind kind, string[] featureNames, string[] classNames)
    {
        _features = features;
        _targets = targets;
        _classes = classes;
        Kind = kind;
        _featureNames = featureNames;
        _classNames = classNames;
    }

    /// <summary>How many rows (samples) the dataset has.</summary>
    public int Count => _features.Length;

    /// <summary>How many features each row has.</summary>
    public int FeatureCount => _featureNames.Length;

    /// <summary>Whether the targets are classes or numbers.</summary>
    public ProblemKind Kind { get; }

    /// <summary>The feature rows; each row has <see cref="FeatureCount"/> numbers and can be passed to <c>Mlp.Forward</c>.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Features => _features;

    /// <summary>One target per row: a class index (as a double) for classification, a number for regression.</summary>
    public IReadOnlyList<double> Targets => _targets;

    /// <summary>The class index of each row, for losses and metrics that take ints.</summary>
    /// <exception cref="InvalidOperationException">The dataset is a regression dataset.</exception>
    public IReadOnlyList<int> Classes => Kind.IsClassification()
        ? _classes
        : throw new InvalidOperationException("A regression dataset has no classes; read Targets.");

    /// <summary>One name per feature, in column order.</summary>
    public IReadOnlyList<string> FeatureNames => _featureNames;

    /// <summary>One name per class, indexed by class; empty for regression.</summary>
    public IReadOnlyList<string> ClassNames => _classNames;

    /// <summary>How many classes there are; 0 for regression.</summary>
    public int ClassCount => _classNames.Length;

    /// <summary>The same rows in an order drawn from a <see cref="Random"/> seeded with <paramref name="seed"/>.</summary>
    public Dataset Shuffle(int seed) => Shuffle(new Random(seed));

    /// <summary>The same rows in an order drawn from <paramref name="random"/> (a uniform random permutation).</summary>
    public Dataset Shuffle(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Subset(Permutation(Count, random));
    }

    /// <summary>The rows at <paramref name="indices"/>, in that order (an index may repeat).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside 0 to <see cref="Count"/> - 1.</exception>
    public Dataset Subset(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var features = new double[indices.Count][];
        var targets = new double[indices.Count];
        var classes = _classes.Length == 0 ? [] : new int[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            int index = indices[i];
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), index, Invariant($"Index {i} is {index}, but the dataset has {Count} rows."));
            }
            features[i] = _features[index];
            targets[i] = _targets[index];
            if (classes.Length != 0)
            {
                classes[i] = _classes[index];
            }
        }
        return new Dataset(features, targets, classes, Kind, _featureNames, _classNames);
    }

    /// <summary>
    /// One pass (epoch) over the rows in batches of <paramref name="batchSize"/>; the last batch holds the remainder
    /// (PyTorch's <c>drop_last=False</c>). With <paramref name="random"/>, the row order is a fresh permutation drawn
    /// when this method is called, so passing one seeded <see cref="Random"/> to every epoch gives a different but
    /// reproducible order each epoch; without, the rows keep their order.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1.</exception>
    public IEnumerable<Dataset> Batches(int batchSize, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        int[] order = random is null ? [.. Enumerable.Range(0, Count)] : Permutation(Count, random);
        return Enumerate(order, batchSize);

        IEnumerable<Dataset> Enumerate(int[] order, int batchSize)
        {
            for (int start = 0; start < order.Length; start += batchSize)
            {
                yield return Subset(order[start..Math.Min(start + batchSize, order.Length)]);
            }
        }
    }

    /// <summary>The same targets and names with new feature rows; used by preprocessing. Takes ownership of <paramref name="features"/>.</summary>
    internal Dataset WithFeatures(double[][] features, string[] featureNames) =>
        new(features, _targets, _classes, Kind, featureNames, _classNames);

    /// <summary>For example <c>Dataset(100 rows, 2 features, BinaryClassification, 2 classes)</c>.</summary>
    public override string ToString() => Kind.IsClassification()
        ? Invariant($"Dataset({Count} rows, {FeatureCount} features, {Kind}, {ClassCount} classes)")
        : Invariant($"Dataset({Count} rows, {FeatureCount} features, {Kind})");

    private static int[] Permutation(int count, Random random)
    {
        int[] order = [.. Enumerable.Range(0, count)];
        random.Shuffle(order);
        return order;
    }

    private static string[] CopyNames(IReadOnlyList<string> names, string parameterName)
    {
        var copy = new string[names.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = names[i] ?? throw new ArgumentNullException(parameterName, Invariant($"Name {i} is null."));
        }
        return copy;
    }

    private static string[] CheckClasses(double[] targets, ProblemKind kind, IReadOnlyList<string>? classNames)
    {
        if (!kind.IsClassification())
        {
            if (classNames is { Count: > 0 })
            {
                throw new ArgumentException("A regression dataset has no classes; pass no class names.", nameof(classNames));
            }
            return [];
        }
        int largest = -1;
        for (int i = 0; i < targets.Length; i++)
        {
            double t = targets[i];
            if (!(t >= 0 && t == Math.Floor(t) && t < int.MaxValue) || (classNames is not null && t >= classNames.Count))
            {
                string range = classNames is null ? "a whole number, 0 or more" : Invariant($"a class index from 0 to {classNames.Count - 1}");
                throw new ArgumentException(Invariant($"Target {i} is {t}; a classification target must be {range}."), nameof(targets));
            }
            largest = Math.Max(largest, (int)t);
        }
        string[] names = classNames is null
            ? [.. Enumerable.Range(0, Math.Max(largest + 1, 2)).Select(c => c.ToString(CultureInfo.InvariantCulture))]
            : CopyNames(classNames, nameof(classNames));
        if (kind == ProblemKind.BinaryClassification && names.Length != 2)
        {
            throw new ArgumentException(Invariant($"Binary classification needs exactly 2 classes, but got {names.Length}."), nameof(classNames));
        }
        if (names.Length < 2)
        {
            throw new ArgumentException(Invariant($"Classification needs at least 2 classes, but got {names.Length}."), nameof(classNames));
        }
        return names;
    }

    private static int[] ToClasses(double[] targets, ProblemKind kind) =>
        kind.IsClassification() ? [.. targets.Select(t => (int)t)] : [];

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
