using MicroNet.Data;
using MicroNet.Plots;
using MicroNet.Tests.Support;
using ScottPlot;

namespace MicroNet.Tests.Plots;

public static class DecisionBoundaryTests
{
    // Points only near the corners of x in [-1, 3], y in [-1, 1], so that rows through the middle of each half of the
    // plot cross the shaded regions without hitting a marker. With 10% margins the mesh spans x from -1.4 to 3.4.
    private static readonly double[][] Corners = [[-1, -1], [-1, 1], [3, -1], [3, 1]];
    private const double ZeroAt = 1.4 / 4.8;

    private static Dataset Binary() => new([.. Corners], [0.0, 0.0, 1.0, 1.0], ProblemKind.BinaryClassification);

    private static Dataset ThreeClasses() => new([.. Corners], [0.0, 0.0, 1.0, 2.0], ProblemKind.MulticlassClassification);

    [Fact]
    public static void SaveDecisionBoundary_ScoreX_ShadesClass0LeftOfZeroAndClass1Right()
    {
        using var folder = new TempFolder();
        TrainingPlots.SaveDecisionBoundary(folder["boundary.png"], Binary(), (x, y) => x);

        using PlotImage image = PlotImage.Read(folder["boundary.png"]);
        Assert.Equal(TrainingPlots.Width, image.Width);
        Assert.Equal(TrainingPlots.DecisionBoundaryHeight, image.Height);
        AssertSplitAtZero(image, image.Height / 2, ClassPalette.Region(0), ClassPalette.Region(1));
    }

    [Fact]
    public static void SaveDecisionBoundary_ThreeClasses_ShadesEachRegionWhereTheClassifierPutsIt()
    {
        using var folder = new TempFolder();
        TrainingPlots.SaveDecisionBoundary(folder["three.png"], ThreeClasses(), (x, y) => x < 0 ? 0 : y < 0 ? 1 : 2, resolution: 100);

        using PlotImage image = PlotImage.Read(folder["three.png"]);
        // Class 2 is predicted in the upper right, class 1 in the lower right, class 0 on the whole left.
        AssertSplitAtZero(image, image.Height * 3 / 10, ClassPalette.Region(0), ClassPalette.Region(2));
        AssertSplitAtZero(image, image.Height * 7 / 10, ClassPalette.Region(0), ClassPalette.Region(1));
    }

    [Fact]
    public static void SaveDecisionBoundary_DataPoints_AreDrawnInTheirClassColours()
    {
        using var folder = new TempFolder();
        TrainingPlots.SaveDecisionBoundary(folder["three.png"], ThreeClasses(), (x, y) => 0);

        using PlotImage image = PlotImage.Read(folder["three.png"]);
        // Everything is predicted class 0, so class 1 and 2 colours can only come from the markers (one point each, plus
        // its legend symbol: a 7-pixel circle inside a black outline).
        for (int c = 0; c < 3; c++)
        {
            Assert.True(image.PixelsOf(ClassPalette.Point(c), 0, 0, image.Width, image.Height) > 10, $"no points of class {c}");
        }
        Assert.Equal(0, image.PixelsOf(ClassPalette.Region(1), 0, 0, image.Width, image.Height));
    }

    [Fact]
    public static void SaveDecisionBoundary_Title_HasTextStrokes()
    {
        using var folder = new TempFolder();
        TrainingPlots.SaveDecisionBoundary(folder["boundary.png"], Binary(), (x, y) => x, title: "A test boundary");

        using PlotImage image = PlotImage.Read(folder["boundary.png"]);
        Assert.True(image.TextStrokes(200, 0, 600, 30) > 100, "the title area has no text");
    }

    [Fact]
    public static void SaveDecisionBoundary_Moons_WritesDecodablePng()
    {
        using var folder = new TempFolder();
        Dataset moons = SyntheticData.Moons(100, noise: 0.1, seed: 2);
        TrainingPlots.SaveDecisionBoundary(folder["moons.png"], moons, (x, y) => y < 0.25 - 0.5 * x ? 1 : 0);

        using PlotImage image = PlotImage.Read(folder["moons.png"]);
        Assert.True(image.PixelsOf(ClassPalette.Region(0), 0, 0, image.Width, image.Height) > 10_000);
        Assert.True(image.PixelsOf(ClassPalette.Region(1), 0, 0, image.Width, image.Height) > 10_000);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public static void SaveDecisionBoundary_NotTwoFeatures_ThrowsNamingTheCount(int featureCount)
    {
        using var folder = new TempFolder();
        Dataset blobs = SyntheticData.Blobs(20, 2, 1.0, seed: 1, featureCount: featureCount);
        var error = Assert.Throws<ArgumentException>("data",
            () => TrainingPlots.SaveDecisionBoundary(folder["x.png"], blobs, (x, y) => 0));
        Assert.Contains($"2 features, but the dataset has {featureCount}", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("data", () => TrainingPlots.SaveDecisionBoundary(folder["x.png"], blobs, (x, y) => x));
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public static void SaveDecisionBoundary_Regression_Throws()
    {
        using var folder = new TempFolder();
        var data = new Dataset([[0.0, 1.0], [1.0, 0.0]], [0.5, 2.5], ProblemKind.Regression);
        var error = Assert.Throws<ArgumentException>("data", () => TrainingPlots.SaveDecisionBoundary(folder["x.png"], data, (x, y) => 0));
        Assert.Contains("classification", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void SaveDecisionBoundary_ScoreOnThreeClasses_Throws()
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<ArgumentException>("data", () => TrainingPlots.SaveDecisionBoundary(folder["x.png"], ThreeClasses(), (x, y) => x));
        Assert.Contains("has 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void SaveDecisionBoundary_ClassOutOfRange_ThrowsAndWritesNothing()
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<ArgumentException>("predictClass",
            () => TrainingPlots.SaveDecisionBoundary(folder["x.png"], Binary(), (x, y) => x > 2 ? 2 : 0));
        Assert.Contains("returned class 2", error.Message, StringComparison.Ordinal);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public static void SaveDecisionBoundary_ClassifierThrows_LeavesTheExistingFileAlone()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["boundary.png"], "previous run");
        Assert.Throws<InvalidOperationException>(() => TrainingPlots.SaveDecisionBoundary(folder["boundary.png"], Binary(),
            (x, y) => x > 3 ? throw new InvalidOperationException("model failed") : 0));
        Assert.Equal(["boundary.png"], folder.Entries());
        Assert.Equal("previous run", File.ReadAllText(folder["boundary.png"]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1001)]
    public static void SaveDecisionBoundary_ResolutionOutOfRange_Throws(int resolution)
    {
        using var folder = new TempFolder();
        Assert.Throws<ArgumentOutOfRangeException>(nameof(resolution),
            () => TrainingPlots.SaveDecisionBoundary(folder["x.png"], Binary(), (x, y) => 0, resolution: resolution));
    }

    // In row y, every pixel of the left colour lies left of every pixel of the right colour, the two cover most of
    // the data area, and the change happens where x = 0 is.
    private static void AssertSplitAtZero(PlotImage image, int y, Color left, Color right)
    {
        int[] leftColumns = image.ColumnsOf(left, y);
        int[] rightColumns = image.ColumnsOf(right, y);
        Assert.True(leftColumns.Length > 100, $"row {y}: {leftColumns.Length} pixels of the left region");
        Assert.True(rightColumns.Length > 200, $"row {y}: {rightColumns.Length} pixels of the right region");
        Assert.True(leftColumns[^1] < rightColumns[0], $"row {y}: left region ends at {leftColumns[^1]}, right starts at {rightColumns[0]}");
        double start = leftColumns[0], end = rightColumns[^1];
        double boundary = (leftColumns[^1] + rightColumns[0]) / 2.0;
        Assert.InRange((boundary - start) / (end - start), ZeroAt - 0.01, ZeroAt + 0.01);
    }
}
