using System.Globalization;

namespace MicroNet.Data;

/// <summary>
/// Seeded toy datasets in two (or more) dimensions, after scikit-learn's <c>make_moons</c>, <c>make_circles</c> and
/// <c>make_blobs</c>, the usual spiral and XOR problems, and two regression surfaces after TensorFlow Playground's.
/// The same arguments always give the same rows; rows come shuffled, classes are named <c>0</c>, <c>1</c>, ... and
/// features <c>x1</c>, <c>x2</c>, ....
/// </summary>
/// <remarks>
/// The shapes follow scikit-learn; the random numbers do not (it uses NumPy's generator, this uses
/// <see cref="Random"/>), so the same seed gives different points than Python. <c>noise</c> is always the standard
/// deviation of Gaussian noise added to every coordinate.
/// </remarks>
public static class SyntheticData
{
    /// <summary>
    /// Two interleaving half circles: <c>count / 2</c> (rounded down) points <c>(cos t, sin t)</c> of class 0 and the
    /// rest <c>(1 - cos t, 1 - sin t - 0.5)</c> of class 1, with <c>t</c> evenly spaced over [0, pi] in each, then
    /// shuffled and given Gaussian noise, as <c>make_moons</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1 or <paramref name="noise"/> is negative.</exception>
    public static Dataset Moons(int count, double noise, int seed)
    {
        CheckCommon(count, noise);
        int outer = count / 2, inner = count - outer;
        var features = new double[count][];
        var targets = new double[count];
        for (int i = 0; i < outer; i++)
        {
            double t = Linspace(0, Math.PI, outer, i);
            features[i] = [Math.Cos(t), Math.Sin(t)];
        }
        for (int i = 0; i < inner; i++)
        {
            double t = Linspace(0, Math.PI, inner, i);
            features[outer + i] = [1 - Math.Cos(t), 1 - Math.Sin(t) - 0.5];
            targets[outer + i] = 1;
        }
        return Finish(features, targets, noise, new Random(seed), ProblemKind.BinaryClassification, 2);
    }

    /// <summary>
    /// Two concentric circles: <c>count / 2</c> (rounded down) points on the unit circle of class 0 and the rest on a
    /// circle of radius <paramref name="factor"/> of class 1, each at angles <c>2 pi i / n</c>, then shuffled and given
    /// Gaussian noise, as <c>make_circles</c>.
    /// </summary>
    /// <param name="count">How many points.</param>
    /// <param name="noise">The standard deviation of the noise on each coordinate.</param>
    /// <param name="seed">Seeds the shuffle and the noise.</param>
    /// <param name="factor">The inner radius relative to the outer one, in [0, 1); 0.8 as scikit-learn by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static Dataset Circles(int count, double noise, int seed, double factor = 0.8)
    {
        CheckCommon(count, noise);
        if (!(factor >= 0 && factor < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The inner circle's relative radius must be at least 0 and below 1.");
        }
        int outer = count / 2, inner = count - outer;
        var features = new double[count][];
        var targets = new double[count];
        for (int i = 0; i < outer; i++)
        {
            double t = 2 * Math.PI * i / outer;
            features[i] = [Math.Cos(t), Math.Sin(t)];
        }
        for (int i = 0; i < inner; i++)
        {
            double t = 2 * Math.PI * i / inner;
            features[outer + i] = [factor * Math.Cos(t), factor * Math.Sin(t)];
            targets[outer + i] = 1;
        }
        return Finish(features, targets, noise, new Random(seed), ProblemKind.BinaryClassification, 2);
    }

    /// <summary>
    /// Interleaved spiral arms, one per class (the CS231n spiral): class <c>c</c> gets <c>count / classCount</c> points
    /// (the first <c>count % classCount</c> classes one more), point <c>i</c> of <c>n</c> at radius
    /// <c>r = i / (n - 1)</c> and angle <c>2 pi c / classCount + 4 r</c>, i.e. <c>(r cos a, r sin a)</c>; then shuffled
    /// and given Gaussian noise.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range (at least 2 classes).</exception>
    public static Dataset Spirals(int count, int classCount, double noise, int seed)
    {
        CheckCommon(count, noise);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        var features = new double[count][];
        var targets = new double[count];
        int row = 0;
        for (int c = 0; c < classCount; c++)
        {
            int n = count / classCount + (c < count % classCount ? 1 : 0);
            for (int i = 0; i < n; i++, row++)
            {
                double r = Linspace(0, 1, n, i);
                double angle = 2 * Math.PI * c / classCount + 4 * r;
                features[row] = [r * Math.Cos(angle), r * Math.Sin(angle)];
                targets[row] = c;
            }
        }
        ProblemKind kind = classCount == 2 ? ProblemKind.BinaryClassification : ProblemKind.MulticlassClassification;
        return Finish(features, targets, noise, new Random(seed), kind, classCount);
    }

    /// <summary>
    /// The XOR problem: point <c>i</c> lies in quadrant <c>i % 4</c> (so the quadrants get equal shares), uniform in that
    /// unit square; class 1 where the two coordinates have opposite signs, class 0 where they agree. The class is fixed
    /// before Gaussian noise is added, so with noise some points cross the axes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1 or <paramref name="noise"/> is negative.</exception>
    public static Dataset Xor(int count, double noise, int seed)
    {
        CheckCommon(count, noise);
        var random = new Random(seed);
        var features = new double[count][];
        var targets = new double[count];
        for (int i = 0; i < count; i++)
        {
            double signX = (i & 1) == 0 ? 1 : -1, signY = (i & 2) == 0 ? 1 : -1;
            // 1 - NextDouble() lies in (0, 1], so no point sits on an axis.
            features[i] = [signX * (1 - random.NextDouble()), signY * (1 - random.NextDouble())];
            targets[i] = signX == signY ? 0 : 1;
        }
        return Finish(features, targets, noise, random, ProblemKind.BinaryClassification, 2);
    }

    /// <summary>
    /// Gaussian blobs, as <c>make_blobs</c>: <paramref name="centerCount"/> centres drawn uniformly from
    /// [-10, 10) in each of <paramref name="featureCount"/> dimensions; centre <c>c</c> gets <c>count / centerCount</c>
    /// points (the first <c>count % centerCount</c> one more), each the centre plus Gaussian noise of standard deviation
    /// <paramref name="standardDeviation"/>; class = centre index; then shuffled.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range (at least 2 centres and 1 feature).</exception>
    public static Dataset Blobs(int count, int centerCount, double standardDeviation, int seed, int featureCount = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(centerCount, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        var random = new Random(seed);
        var centers = new double[centerCount][];
        for (int c = 0; c < centerCount; c++)
        {
            centers[c] = new double[featureCount];
            for (int j = 0; j < featureCount; j++)
            {
                centers[c][j] = random.NextDouble() * 20 - 10;
            }
        }
        return Blobs(count, centers, standardDeviation, random);
    }

    /// <summary>
    /// Gaussian blobs around given centres: centre <c>c</c> gets <c>count / centers.Count</c> points (the first
    /// <c>count % centers.Count</c> one more), each the centre plus Gaussian noise of standard deviation
    /// <paramref name="standardDeviation"/>; class = centre index; then shuffled.
    /// </summary>
    /// <exception cref="ArgumentException">The centres differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range (at least 2 centres).</exception>
    public static Dataset Blobs(int count, IReadOnlyList<IReadOnlyList<double>> centers, double standardDeviation, int seed)
    {
        ArgumentNullException.ThrowIfNull(centers);
        return Blobs(count, centers, standardDeviation, new Random(seed));
    }

    private static Dataset Blobs(int count, IReadOnlyList<IReadOnlyList<double>> centers, double standardDeviation, Random random)
    {
        CheckCommon(count, standardDeviation, nameof(standardDeviation));
        if (centers.Count < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(centers), centers.Count, "Blobs need at least 2 centres.");
        }
        int featureCount = centers[0].Count;
        for (int c = 0; c < centers.Count; c++)
        {
            if (centers[c].Count != featureCount || featureCount == 0)
            {
                throw new ArgumentException(
                    FormattableString.Invariant($"Expected {featureCount} coordinates (at least 1) in every centre, but centre {c} has {centers[c].Count}."),
                    nameof(centers));
            }
        }
        var features = new double[count][];
        var targets = new double[count];
        int row = 0;
        for (int c = 0; c < centers.Count; c++)
        {
            int n = count / centers.Count + (c < count % centers.Count ? 1 : 0);
            for (int i = 0; i < n; i++, row++)
            {
                features[row] = [.. centers[c]];
                targets[row] = c;
            }
        }
        ProblemKind kind = centers.Count == 2 ? ProblemKind.BinaryClassification : ProblemKind.MulticlassClassification;
        return Finish(features, targets, standardDeviation, random, kind, centers.Count);
    }

    /// <summary>
    /// A regression plane, after TensorFlow Playground's: points uniform in [-1, 1] x [-1, 1], target
    /// <c>(x1 + x2) / 2</c> (so within [-1, 1]) plus Gaussian noise of standard deviation <paramref name="noise"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1 or <paramref name="noise"/> is negative.</exception>
    public static Dataset Plane(int count, double noise, int seed) =>
        Surface(count, noise, seed, (x, y) => (x + y) / 2);

    /// <summary>
    /// Six Gaussian bumps of alternating sign, after TensorFlow Playground's "multi Gaussian": points uniform in
    /// [-1, 1] x [-1, 1], target <c>sum over k of s[k] * exp(-|p - c[k]|^2 / (2 * 0.2^2))</c> with centres
    /// <c>c = (-0.6, 0.4), (0, 0.4), (0.6, 0.4), (-0.6, -0.4), (0, -0.4), (0.6, -0.4)</c> and signs
    /// <c>s = +1, -1, +1, -1, +1, -1</c> (so within about [-1, 1]), plus Gaussian noise of standard deviation
    /// <paramref name="noise"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1 or <paramref name="noise"/> is negative.</exception>
    public static Dataset GaussianBumps(int count, double noise, int seed) =>
        Surface(count, noise, seed, (x, y) =>
        {
            double sum = 0;
            for (int k = 0; k < 6; k++)
            {
                double cx = (k % 3 - 1) * 0.6, cy = k < 3 ? 0.4 : -0.4, sign = k % 2 == 0 ? 1 : -1;
                double squared = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                sum += sign * Math.Exp(-squared / (2 * 0.2 * 0.2));
            }
            return sum;
        });

    // Points uniform in the square [-1, 1]^2 with target f(x, y), then noise on the targets (not on the points), drawn
    // after every point so that the same seed gives the same points with any noise.
    private static Dataset Surface(int count, double noise, int seed, Func<double, double, double> f)
    {
        CheckCommon(count, noise);
        var random = new Random(seed);
        var features = new double[count][];
        var targets = new double[count];
        for (int i = 0; i < count; i++)
        {
            double x = random.NextDouble() * 2 - 1, y = random.NextDouble() * 2 - 1;
            features[i] = [x, y];
            targets[i] = f(x, y);
        }
        if (noise > 0)
        {
            for (int i = 0; i < count; i++)
            {
                targets[i] += noise * NextGaussian(random);
            }
        }
        return Dataset.FromOwnedArrays(features, targets, ProblemKind.Regression, ["x1", "x2"]);
    }

    /// <summary>A standard normal sample by the Box-Muller transform (one of the pair).</summary>
    internal static double NextGaussian(Random random)
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    // NumPy's linspace(start, stop, count)[i], endpoint included; a single point sits at start.
    private static double Linspace(double start, double stop, int count, int i) =>
        count == 1 ? start : start + (stop - start) * i / (count - 1);

    private static void CheckCommon(int count, double noise, string noiseName = "noise")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!(noise >= 0 && double.IsFinite(noise)))
        {
            throw new ArgumentOutOfRangeException(noiseName, noise, "The noise must be a finite standard deviation, 0 or more.");
        }
    }

    // Shuffles the rows, then adds the noise (scikit-learn's order), and wraps them as a dataset.
    private static Dataset Finish(double[][] features, double[] targets, double noise, Random random, ProblemKind kind, int classCount)
    {
        int[] order = [.. Enumerable.Range(0, features.Length)];
        random.Shuffle(order);
        double[][] shuffledFeatures = [.. order.Select(i => features[i])];
        double[] shuffledTargets = [.. order.Select(i => targets[i])];
        if (noise > 0)
        {
            foreach (double[] row in shuffledFeatures)
            {
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] += noise * NextGaussian(random);
                }
            }
        }
        string[] featureNames = [.. Enumerable.Range(1, features[0].Length).Select(j => "x" + j.ToString(CultureInfo.InvariantCulture))];
        string[] classNames = [.. Enumerable.Range(0, classCount).Select(c => c.ToString(CultureInfo.InvariantCulture))];
        return Dataset.FromOwnedArrays(shuffledFeatures, shuffledTargets, kind, featureNames, classNames);
    }
}
