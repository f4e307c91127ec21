using ScottPlot;

namespace MicroNet.Plots;

/// <summary>
/// Class colours: Matplotlib's tab10 for the points (so class 0 is blue and class 1 orange, as in most notebooks),
/// and the same hues mixed with white for the regions behind them, so that points stay visible on their own region.
/// </summary>
internal static class ClassPalette
{
    private static readonly Color[] Points =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728"),
        Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"),
        Color.FromHex("#bcbd22"), Color.FromHex("#17becf"),
    ];

    /// <summary>How much of the point colour a region keeps; the rest is white.</summary>
    private const double RegionStrength = 0.35;

    /// <summary>The colour of the points of class <paramref name="classIndex"/>; colours repeat after 10 classes.</summary>
    public static Color Point(int classIndex) => Points[classIndex % Points.Length];

    /// <summary>The colour of the region where class <paramref name="classIndex"/> is predicted.</summary>
    public static Color Region(int classIndex)
    {
        Color c = Point(classIndex);
        return new Color(Mix(c.R), Mix(c.G), Mix(c.B));

        static byte Mix(byte channel) => (byte)Math.Round(255 - RegionStrength * (255 - channel));
    }

    /// <summary>Maps a heatmap of class indices 0 to <c>classCount - 1</c> to region colours.</summary>
    public sealed class RegionColormap(int classCount) : IColormap
    {
        public string Name => "MicroNet classes";

        // The heatmap scales each cell to [0, 1] over the range 0 to classCount - 1.
        public Color GetColor(double normalizedIntensity) =>
            Region((int)Math.Round(Math.Clamp(normalizedIntensity, 0, 1) * (classCount - 1)));
    }
}
