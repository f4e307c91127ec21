using System.Globalization;
using MicroNet.IO;
using MicroNet.Plots;
using MicroNet.Tests.Support;

namespace MicroNet.Tests.Plots;

public static class CurvesTests
{
    private static readonly TrainingCurves Full = new([0.9, 0.6, 0.4, 0.3, 0.25])
    {
        ValidationLoss = [1.0, 0.7, 0.5, 0.45, 0.44],
        TrainingAccuracy = [0.5, 0.7, 0.8, 0.9, 0.95],
        ValidationAccuracy = [0.5, 0.6, 0.75, 0.8, 0.85],
    };

    [Fact]
    public static void SaveCurves_LossOnly_WritesOnePanelPng()
    {
        using var folder = new TempFolder();
        TrainingPlots.SaveCurves(folder["loss.png"], new TrainingCurves([1.0, 0.5, 0.25]));

        using PlotImage image = PlotImage.Read(folder["loss.png"]);
        Assert.Equal(TrainingPlots.Width, image.Width);
        Assert.Equal(TrainingPlots.CurvesPanelHeight, image.Height);
        Assert.Equal(["loss.png"], folder.Entries());
    }

    [Fact]
    public static void SaveCurves_WithAccuracy_StacksLossAboveAccuracy()
    {
        using var folder = new TempFolder();
        TrainingPlots.SaveCurves(folder["curves.png"], Full, title: "File 'moons.csv', target 'label'");

        using PlotImage image = PlotImage.Read(folder["curves.png"]);
        Assert.Equal(2 * TrainingPlots.CurvesPanelHeight, image.Height);
        // Both panels are drawn: each has its title and the blue training line.
        foreach (int top in new[] { 0, TrainingPlots.CurvesPanelHeight })
        {
            Assert.True(image.TextStrokes(200, top, 600, top + 30) > 100, $"no title text in the panel at y = {top}");
            Assert.True(image.PixelsOf(ScottPlot.Color.FromHex("#1f77b4"), 0, top, image.Width, top + TrainingPlots.CurvesPanelHeight) > 200,
                $"no training line in the panel at y = {top}");
        }
    }

    [Theory]
    [InlineData("Loss", null, "Loss")]
    [InlineData("Loss", "iris", "Loss: iris")]
    public static void PanelTitles_NameWhatThePanelShows(string panel, string? title, string expected) =>
        Assert.Equal(expected, TrainingPlots.FitTitle(title is null ? panel : $"{panel}: {title}"));

    [Fact]
    public static void FitTitle_LongPath_KeepsBothEndsAndFitsTheWidth()
    {
        string title = "Loss: File '/home/someone/projects/2026/experiments/very/deep/folder/of/data/boston.csv', target 'MEDV'";

        string fitted = TrainingPlots.FitTitle(title);

        Assert.Equal(TrainingPlots.MaxTitleLength, fitted.Length);
        Assert.StartsWith("Loss: File '/home/someone/pro", fitted, StringComparison.Ordinal);
        Assert.EndsWith("boston.csv', target 'MEDV'", fitted, StringComparison.Ordinal);
        Assert.Contains('…', fitted);
    }

    [Fact]
    public static void SaveCurves_LongTitle_StaysInsideTheImage()
    {
        using var folder = new TempFolder();
        TrainingPlots.SaveCurves(folder["loss.png"], new TrainingCurves([1.0, 0.5, 0.25]), title: "File '/HOME/SOMEONE/PROJECTS/2026/EXPERIMENTS/MEASUREMENTS/WIDE/folder/of/data/boston.csv', target 'MEDV'");

        using PlotImage image = PlotImage.Read(folder["loss.png"]);
        Assert.True(image.TextStrokes(60, 0, 740, 30) > 100, "the title area has no text");
        Assert.True(image.TextStrokes(0, 0, 10, 30) == 0 && image.TextStrokes(790, 0, 800, 30) == 0, "the title runs off the edge");
    }

    [Fact]
    public static void SaveCurves_Title_HasTextStrokes()
    {
        using var folder = new TempFolder();
        TrainingPlots.SaveCurves(folder["loss.png"], new TrainingCurves([1.0, 0.5, 0.25]), title: "Loss of a test run");

        using PlotImage image = PlotImage.Read(folder["loss.png"]);
        // Above the data area only the title is drawn.
        Assert.True(image.TextStrokes(200, 0, 600, 30) > 100, "the title area has no text");
    }

    [Fact]
    public static void SaveCurves_NonFiniteLoss_LeavesThePointOut()
    {
        using var folder = new TempFolder();
        TrainingPlots.SaveCurves(folder["diverged.png"], new TrainingCurves([1.0, 0.5, double.PositiveInfinity, double.NaN]));

        using PlotImage image = PlotImage.Read(folder["diverged.png"]);
        Assert.Equal(TrainingPlots.CurvesPanelHeight, image.Height);
    }

    [Fact]
    public static void SaveCurves_ExistingFile_IsReplaced()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["curves.png"], "old");
        TrainingPlots.SaveCurves(folder["curves.png"], Full);

        using PlotImage image = PlotImage.Read(folder["curves.png"]);
        Assert.Equal(["curves.png"], folder.Entries());
    }

    [Fact]
    public static void SaveCurves_EmptyTrainingLoss_Throws()
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<ArgumentException>("curves", () => TrainingPlots.SaveCurves(folder["x.png"], new TrainingCurves([])));
        Assert.Contains("at least one epoch", error.Message, StringComparison.Ordinal);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public static void SaveCurves_ValidationOfOtherLength_ThrowsNamingBothLengths()
    {
        using var folder = new TempFolder();
        var curves = new TrainingCurves([1.0, 0.5, 0.25]) { ValidationLoss = [1.0, 0.5] };
        var error = Assert.Throws<ArgumentException>("curves", () => TrainingPlots.SaveCurves(folder["x.png"], curves));
        Assert.Contains("ValidationLoss has 2 entries but TrainingLoss has 3", error.Message, StringComparison.Ordinal);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public static void SaveCurves_MissingFolder_ThrowsNamingThePath()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "missing", "curves.png");
        var error = Assert.Throws<OutputFileException>(() => TrainingPlots.SaveCurves(path, Full));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public static void SaveCurves_PathIsAFolder_ThrowsAndLeavesNoTemporaryFile()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["curves.png"]);
        Assert.Throws<OutputFileException>(() => TrainingPlots.SaveCurves(folder["curves.png"], Full));
        Assert.Equal(["curves.png"], folder.Entries());
        Assert.True(Directory.Exists(folder["curves.png"]));
    }

    [Fact]
    public static void Format_GermanCulture_StillWritesAPoint()
    {
        CultureInfo previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("0.5", TrainingPlots.Format(0.5));
            Assert.Equal("0.3", TrainingPlots.Format(0.1 + 0.2));
            Assert.Equal("1500", TrainingPlots.Format(1500));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
