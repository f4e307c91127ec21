using System.Globalization;
using MicroNet.Data;
using MicroNet.IO;
using ScottPlot.TickGenerators;
using ScottPlot;
using SkiaSharp;

namespace MicroNet.Plots;

/// <summary>
/// Saves PNG plots of a training run: loss and accuracy curves per epoch, and the decision boundary of a classifier
/// on two features, as in micrograd's demo. Every file is written atomically (it appears whole or not at all), and
/// text is drawn with DejaVu Sans shipped inside this assembly, so labels render on machines without fonts.
/// </summary>
public static class TrainingPlots
{
    /// <summary>The width of every image, in pixels.</summary>
    public const int Width = 800;

    /// <summary>The height of one panel of <see cref="SaveCurves"/>; with accuracy the image has two panels.</summary>
    public const int CurvesPanelHeight = 400;

    /// <summary>The height of a decision boundary image, in pixels.</summary>
    public const int DecisionBoundaryHeight = 640;

    /// <summary>The default number of mesh cells along each axis of a decision boundary.</summary>
    public const int DefaultResolution = 200;

    private static readonly Color TrainingColor = Color.FromHex("#1f77b4");
    private static readonly Color ValidationColor = Color.FromHex("#ff7f0e");

    /// <summary>
    /// Saves the loss curve, and below it the accuracy curve if <paramref name="curves"/> has accuracy, as one PNG:
    /// <see cref="Width"/> by <see cref="CurvesPanelHeight"/> pixels per panel. The x axis is the epoch (1, 2, ...);
    /// training is a solid blue line, validation a dashed orange one. Non-finite values (a diverged loss) are left out.
    /// </summary>
    /// <param name="path">The PNG file to write; its folder must exist. An existing file is replaced.</param>
    /// <param name="curves">The per-epoch numbers.</param>
    /// <param name="title">
    /// The run's name, in each panel's title after what the panel shows (<c>Loss: TITLE</c>, <c>Accuracy: TITLE</c>), cut
    /// to fit (<see cref="FitTitle"/>); the panels are titled <c>Loss</c> and <c>Accuracy</c> alone if null.
    /// </param>
    /// <exception cref="ArgumentException">The curves are empty or their lengths differ; see <see cref="TrainingCurves"/>.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="IOException"><paramref name="path"/> is a folder, or writing failed.</exception>
    public static void SaveCurves(string path, TrainingCurves curves, string? title = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(curves);
        curves.Validate(nameof(curves));

        using Plot loss = CurvesPanel(PanelTitle("Loss", title), "loss", curves);
        AddCurve(loss, curves.TrainingLoss, "training", TrainingColor, LinePattern.Solid);
        AddCurve(loss, curves.ValidationLoss, "validation", ValidationColor, LinePattern.Dashed);
        if (!curves.HasAccuracy)
        {
            Save(path, [loss], CurvesPanelHeight);
            return;
        }

        using Plot accuracy = CurvesPanel(PanelTitle("Accuracy", title), "accuracy", curves);
        AddCurve(accuracy, curves.TrainingAccuracy, "training", TrainingColor, LinePattern.Solid);
        AddCurve(accuracy, curves.ValidationAccuracy, "validation", ValidationColor, LinePattern.Dashed);
        accuracy.Axes.SetLimitsY(-0.02, 1.02);
        accuracy.Legend.Alignment = Alignment.LowerRight;
        Save(path, [loss, accuracy], CurvesPanelHeight);
    }

    /// <summary>
    /// Saves the decision boundary of a classifier on a dataset with two features: the plane around the data (its
    /// range plus 10% on each side) is cut into <paramref name="resolution"/> by <paramref name="resolution"/> cells,
    /// each shaded in a light tint of the class that <paramref name="predictClass"/> gives for the cell's centre, with
    /// the data points on top in the full colour of their true class. <see cref="Width"/> by
    /// <see cref="DecisionBoundaryHeight"/> pixels.
    /// </summary>
    /// <param name="path">The PNG file to write; its folder must exist. An existing file is replaced.</param>
    /// <param name="data">A classification dataset with exactly two features; the axes are named after them.</param>
    /// <param name="predictClass">
    /// The predicted class index (0 to <c>ClassCount - 1</c>) at a point, in the units of <paramref name="data"/>:
    /// a model trained on standardised features must standardise inside this function. Called once per cell.
    /// </param>
    /// <param name="title">The title; <c>Decision boundary</c> if null.</param>
    /// <param name="resolution">Mesh cells along each axis, 2 to 1000; the classifier runs resolution² times.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="data"/> does not have exactly two features, is not a classification dataset, has no rows or a
    /// non-finite feature; or <paramref name="predictClass"/> returned a class outside 0 to <c>ClassCount - 1</c>.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="resolution"/> is outside 2 to 1000.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="IOException"><paramref name="path"/> is a folder, or writing failed.</exception>
    public static void SaveDecisionBoundary(string path, Dataset data, Func<double, double, int> predictClass,
        string? title = null, int resolution = DefaultResolution)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(predictClass);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(resolution, 1000);
        CheckPlane(data);

        CoordinateRect area = MeshArea(data);
        double[,] mesh = PredictMesh(area, resolution, data.ClassCount, predictClass, nameof(predictClass));

        using Plot plot = new();
        plot.Title(title ?? "Decision boundary");
        plot.XLabel(data.FeatureNames[0]);
        plot.YLabel(data.FeatureNames[1]);
        var heatmap = plot.Add.Heatmap(mesh);
        heatmap.Colormap = new ClassPalette.RegionColormap(data.ClassCount);
        heatmap.ManualRange = new ScottPlot.Range(0, data.ClassCount - 1);
        heatmap.Rectangle = area;

        for (int c = 0; c < data.ClassCount; c++)
        {
            int[] rows = [.. Enumerable.Range(0, data.Count).Where(i => data.Classes[i] == c)];
            if (rows.Length == 0)
            {
                continue;
            }
            double[] xs = [.. rows.Select(i => data.Features[i][0])];
            double[] ys = [.. rows.Select(i => data.Features[i][1])];
            var markers = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 7, ClassPalette.Point(c));
            markers.MarkerStyle.OutlineColor = Colors.Black;
            markers.MarkerStyle.OutlineWidth = 1;
            markers.LegendText = "class " + data.ClassNames[c];
        }
        // Beside the data area, so that it never hides points.
        plot.ShowLegend(Edge.Right);
        plot.Axes.SetLimits(area);
        InvariantTicks(plot);
        Save(path, [plot], DecisionBoundaryHeight);
    }

    /// <summary>
    /// Saves the decision boundary of a binary classifier given by a score, as micrograd's demo draws it: class 1
    /// where <paramref name="score"/> is above <paramref name="threshold"/>, class 0 elsewhere (also where it is NaN).
    /// Otherwise as <see cref="SaveDecisionBoundary(string, Dataset, Func{double, double, int}, string?, int)"/>.
    /// </summary>
    /// <param name="path">The PNG file to write; its folder must exist. An existing file is replaced.</param>
    /// <param name="data">A classification dataset with exactly two features and two classes.</param>
    /// <param name="score">The model's output at a point, in the units of <paramref name="data"/>.</param>
    /// <param name="threshold">The score above which a point is class 1: 0 for tanh or linear outputs, 0.5 for sigmoid.</param>
    /// <param name="title">The title; <c>Decision boundary</c> if null.</param>
    /// <param name="resolution">Mesh cells along each axis, 2 to 1000.</param>
    /// <exception cref="ArgumentException"><paramref name="data"/> does not have exactly two features and two classes.</exception>
    public static void SaveDecisionBoundary(string path, Dataset data, Func<double, double, double> score,
        double threshold = 0, string? title = null, int resolution = DefaultResolution)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(score);
        CheckPlane(data);
        if (data.ClassCount != 2)
        {
            throw new ArgumentException(FormattableString.Invariant(
                $"A score splits the plane into 2 classes, but the dataset has {data.ClassCount}; pass a function that returns the class index."), nameof(data));
        }
        SaveDecisionBoundary(path, data, (x, y) => score(x, y) > threshold ? 1 : 0, title, resolution);
    }

    private static void CheckPlane(Dataset data)
    {
        if (data.FeatureCount != 2)
        {
            throw new ArgumentException(FormattableString.Invariant(
                $"A decision boundary is drawn over 2 features, but the dataset has {data.FeatureCount}; select two features or skip this plot."), nameof(data));
        }
        if (!data.Kind.IsClassification())
        {
            throw new ArgumentException("A decision boundary needs a classification dataset, but this one is for regression.", nameof(data));
        }
        if (data.Count == 0)
        {
            throw new ArgumentException("A decision boundary needs at least one data point, but the dataset is empty.", nameof(data));
        }
        for (int i = 0; i < data.Count; i++)
        {
            if (!double.IsFinite(data.Features[i][0]) || !double.IsFinite(data.Features[i][1]))
            {
                throw new ArgumentException(FormattableString.Invariant(
                    $"Row {i} has a non-finite feature ({data.Features[i][0]}, {data.Features[i][1]}); drop or fill it before plotting."), nameof(data));
            }
        }
    }

    // The data's range plus 10% on each side; a side of zero width gets 1 unit each way.
    private static CoordinateRect MeshArea(Dataset data)
    {
        (double left, double right) = Padded(data.Features.Select(row => row[0]));
        (double bottom, double top) = Padded(data.Features.Select(row => row[1]));
        return new CoordinateRect(left, right, bottom, top);

        static (double Low, double High) Padded(IEnumerable<double> values)
        {
            double low = values.Min(), high = values.Max();
            double pad = high > low ? 0.1 * (high - low) : 1;
            return (low - pad, high + pad);
        }
    }

    // Row 0 is the top of the area (ScottPlot's heatmap convention); each cell holds the class at its centre.
    private static double[,] PredictMesh(CoordinateRect area, int resolution, int classCount,
        Func<double, double, int> predictClass, string parameterName)
    {
        var mesh = new double[resolution, resolution];
        double cellWidth = area.Width / resolution, cellHeight = area.Height / resolution;
        for (int row = 0; row < resolution; row++)
        {
            double y = area.Top - (row + 0.5) * cellHeight;
            for (int column = 0; column < resolution; column++)
            {
                double x = area.Left + (column + 0.5) * cellWidth;
                int predicted = predictClass(x, y);
                if ((uint)predicted >= (uint)classCount)
                {
                    throw new ArgumentException(FormattableString.Invariant(
                        $"The classifier returned class {predicted} at ({x}, {y}), but the dataset's classes are 0 to {classCount - 1}."), parameterName);
                }
                mesh[row, column] = predicted;
            }
        }
        return mesh;
    }

    /// <summary>The most characters a title keeps: about what fits across <see cref="Width"/> pixels at the title's size.</summary>
    public const int MaxTitleLength = 60;

    /// <summary>
    /// <paramref name="title"/> cut to <see cref="MaxTitleLength"/> characters, its middle replaced by an ellipsis (so
    /// that both a path's start and a target's name stay visible); shorter titles unchanged.
    /// </summary>
    public static string FitTitle(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        if (title.Length <= MaxTitleLength)
        {
            return title;
        }
        int head = (MaxTitleLength - 1) / 2, tail = MaxTitleLength - 1 - head;
        return string.Concat(title.AsSpan(0, head), "…", title.AsSpan(title.Length - tail));
    }

    // Every panel is named for what it shows ("Loss", "Accuracy"), then the run's title if there is one.
    private static string PanelTitle(string panel, string? title) => FitTitle(title is null ? panel : $"{panel}: {title}");

    // The x axis shows epochs (or steps) 1 to the count, with whole-number ticks only.
    private static Plot CurvesPanel(string title, string yLabel, TrainingCurves curves)
    {
        int epochCount = curves.EpochCount;
        Plot plot = new();
        plot.Title(title);
        plot.XLabel(curves.Unit);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperRight);
        InvariantTicks(plot);
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { LabelFormatter = Format, IntegerTicksOnly = true };
        plot.Axes.SetLimitsX(0.5, epochCount + 0.5);
        return plot;
    }

    private static void AddCurve(Plot plot, IReadOnlyList<double> values, string label, Color color, LinePattern pattern)
    {
        double[] epochs = [.. Enumerable.Range(0, values.Count).Where(i => double.IsFinite(values[i])).Select(i => i + 1.0)];
        if (epochs.Length == 0)
        {
            return;
        }
        double[] ys = [.. epochs.Select(e => values[(int)e - 1])];
        var scatter = plot.Add.Scatter(epochs, ys, color);
        scatter.LegendText = label;
        scatter.LineWidth = 2;
        scatter.LinePattern = pattern;
        scatter.MarkerSize = epochs.Length <= 30 ? 5 : 0;
    }

    // ScottPlot formats tick labels with the current culture; a German machine would write 0,5.
    private static void InvariantTicks(Plot plot)
    {
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { LabelFormatter = Format };
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Format };
    }

    private static SKSurface CreateSurface(int width, int height) =>
        SKSurface.Create(new SKImageInfo(width, height))
        ?? throw new InvalidOperationException(FormattableString.Invariant($"SkiaSharp could not create a {width}x{height} image."));

    /// <summary>A tick label: up to 6 significant digits, invariant culture (0.5, never 0,5).</summary>
    internal static string Format(double value) => Math.Round(value, 12).ToString("G6", CultureInfo.InvariantCulture);

    // Renders the panels one above the other, encodes the PNG in memory, then writes it atomically.
    private static void Save(string path, List<Plot> panels, int panelHeight)
    {
        using SKSurface surface = CreateSurface(Width, panelHeight * panels.Count);
        surface.Canvas.Clear(SKColors.White);
        for (int i = 0; i < panels.Count; i++)
        {
            // Each panel gets its own surface: ScottPlot clears the whole canvas it renders on.
            using SKSurface panelSurface = CreateSurface(Width, panelHeight);
            EmbeddedFont.Apply(panels[i]);
            panels[i].Render(panelSurface);
            using SKImage panelImage = panelSurface.Snapshot();
            surface.Canvas.DrawImage(panelImage, 0, i * panelHeight);
        }
        using SKImage image = surface.Snapshot();
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("SkiaSharp could not encode the plot as PNG.");
        AtomicFile.Write(path, temp =>
        {
            using FileStream file = File.Create(temp);
            png.SaveTo(file);
        });
    }
}
