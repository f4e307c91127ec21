using System.Globalization;
using MicroNet.Data;
using MicroNet.Playground.Http;

namespace MicroNet.Playground.Runs;

/// <summary>The rectangle of the plane the page draws, in the data's own units.</summary>
internal readonly record struct ViewBox(double XMin, double XMax, double YMin, double YMax)
{
    /// <summary>The centre of cell (<paramref name="column"/>, <paramref name="row"/>) of an n x n grid, row 0 at the top.</summary>
    public (double X, double Y) CellCenter(int column, int row, int n) =>
        (XMin + (column + 0.5) * (XMax - XMin) / n, YMax - (row + 0.5) * (YMax - YMin) / n);
}

/// <summary>
/// The points of a run, in view coordinates: the dataset's own (generated from the seed, or uploaded), less the ones
/// deleted, plus the ones added; with where each came from, so that the page can delete any of them again.
/// </summary>
internal sealed class PointSet
{
    private PointSet(double[] x, double[] y, double[] labels, int[] origins, ProblemKind kind, IReadOnlyList<string> classNames,
        (string X, string Y, string Label) names, ViewBox view, (double Min, double Max) targetRange)
    {
        X = x;
        Y = y;
        Labels = labels;
        Origins = origins;
        Kind = kind;
        ClassNames = classNames;
        Names = names;
        View = view;
        TargetRange = targetRange;
    }

    public double[] X { get; }

    public double[] Y { get; }

    /// <summary>Each point's class index, or its number for regression.</summary>
    public double[] Labels { get; }

    /// <summary>Where each point came from: its index among the dataset's own points, or <c>-(k + 1)</c> for the k-th added one.</summary>
    public int[] Origins { get; }

    public int Count => X.Length;

    public ProblemKind Kind { get; }

    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The names of the x, y and label columns: <c>x</c>, <c>y</c> and <c>label</c> (or <c>target</c>) for generated data.</summary>
    public (string X, string Y, string Label) Names { get; }

    public ViewBox View { get; }

    /// <summary>For regression, the labels' range, which the page's colours span; (-1, 1) for classification.</summary>
    public (double Min, double Max) TargetRange { get; }

    /// <summary>The dataset's points with the state's edits applied.</summary>
    /// <exception cref="RequestException">An edit does not fit the data, or too many or too few points are left.</exception>
    public static PointSet From(PlaygroundState state)
    {
        DatasetChoice choice = state.Choice;
        List<PlaygroundPoint> basePoints;
        IReadOnlyList<string> classNames;
        (string, string, string) names;
        if (state.Upload is { } upload)
        {
            basePoints = [.. upload.Points];
            classNames = upload.ClassNames;
            names = (upload.XName, upload.YName, upload.LabelName);
        }
        else
        {
            Dataset generated = choice.Generate!(state.PointCount, state.Noise, state.Seed);
            basePoints = [.. Enumerable.Range(0, generated.Count).Select(i => new PlaygroundPoint(
                (generated.Features[i][0] - choice.Center.X) * choice.Scale,
                (generated.Features[i][1] - choice.Center.Y) * choice.Scale,
                generated.Targets[i]))];
            classNames = generated.ClassNames;
            names = ("x", "y", choice.Regression ? "target" : "label");
        }
        ProblemKind kind = classNames.Count switch
        {
            0 => ProblemKind.Regression,
            2 => ProblemKind.BinaryClassification,
            _ => ProblemKind.MulticlassClassification,
        };
        foreach (PlaygroundPoint point in basePoints.Concat(state.Added))
        {
            CheckLabel(point.Label, kind, classNames.Count);
        }
        if (state.Removed.Count > 0 && state.Removed[^1] >= basePoints.Count)
        {
            throw new RequestException(Invariant($"The setting 'remove' names point {state.Removed[^1]}, but the dataset has {basePoints.Count} points (0 to {basePoints.Count - 1})."));
        }
        int count = basePoints.Count - state.Removed.Count + state.Added.Count;
        if (count > PlaygroundLimits.MaxPoints)
        {
            throw new RequestException(Invariant($"The points add up to {count}; the playground takes at most {PlaygroundLimits.MaxPoints}. Delete some first."));
        }
        if (count < PlaygroundLimits.MinPointsLeft)
        {
            throw new RequestException(Invariant($"Only {count} points are left; the playground needs at least {PlaygroundLimits.MinPointsLeft} to split into training and test points."));
        }

        var removed = new HashSet<int>(state.Removed);
        var x = new double[count];
        var y = new double[count];
        var labels = new double[count];
        var origins = new int[count];
        int k = 0;
        for (int i = 0; i < basePoints.Count; i++)
        {
            if (!removed.Contains(i))
            {
                (x[k], y[k], labels[k], origins[k]) = (basePoints[i].X, basePoints[i].Y, basePoints[i].Label, i);
                k++;
            }
        }
        for (int i = 0; i < state.Added.Count; i++, k++)
        {
            (x[k], y[k], labels[k], origins[k]) = (state.Added[i].X, state.Added[i].Y, state.Added[i].Label, -(i + 1));
        }
        ViewBox view = state.Upload is null
            ? new ViewBox(-DatasetChoice.ViewRadius, DatasetChoice.ViewRadius, -DatasetChoice.ViewRadius, DatasetChoice.ViewRadius)
            : Fit(basePoints);
        (double, double) range = kind != ProblemKind.Regression || state.Upload is null ? (-1, 1) : Range([.. basePoints.Select(p => p.Label)]);
        return new PointSet(x, y, labels, origins, kind, classNames, names, view, range);
    }

    /// <summary>The network's data: one row of <paramref name="features"/> per point, named after the x and y columns.</summary>
    public Dataset ToDataset(IReadOnlyList<InputFeature> features)
    {
        var rows = new double[Count][];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = InputFeature.Row(features, X[i], Y[i]);
        }
        string[] featureNames = [.. features.Select(f => f.Name(Names.X, Names.Y))];
        return Dataset.FromOwnedArrays(rows, [.. Labels], Kind, featureNames, Kind == ProblemKind.Regression ? null : ClassNames);
    }

    private static void CheckLabel(double label, ProblemKind kind, int classCount)
    {
        if (kind != ProblemKind.Regression && !(label >= 0 && label < classCount && label == Math.Floor(label)))
        {
            throw new RequestException(Invariant($"A point's label is {label}, but the data has classes 0 to {classCount - 1}; pick one of them."));
        }
    }

    // The uploaded points' bounding box with a margin of 5% on each side.
    private static ViewBox Fit(List<PlaygroundPoint> points)
    {
        (double xMin, double xMax) = Pad(Range([.. points.Select(p => p.X)]));
        (double yMin, double yMax) = Pad(Range([.. points.Select(p => p.Y)]));
        return new ViewBox(xMin, xMax, yMin, yMax);

        static (double, double) Pad((double Min, double Max) r) => (r.Min - (r.Max - r.Min) * 0.05, r.Max + (r.Max - r.Min) * 0.05);
    }

    // The smallest and largest value, widened to one unit either side when they are equal.
    private static (double Min, double Max) Range(double[] values)
    {
        double min = values.Length > 0 ? values.Min() : -1, max = values.Length > 0 ? values.Max() : 1;
        return min < max ? (min, max) : (min - 1, max + 1);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
