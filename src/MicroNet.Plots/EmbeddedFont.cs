using ScottPlot;
using SkiaSharp;

namespace MicroNet.Plots;

/// <summary>
/// DejaVu Sans, shipped inside this assembly and registered with ScottPlot under a name no system font has, so that
/// every plot draws its text with it whatever fonts the machine has. Without it, a machine with no fonts (SkiaSharp's
/// Linux build reads <c>/usr/share/fonts</c> directly) renders plots whose text has silently vanished.
/// </summary>
internal static class EmbeddedFont
{
    /// <summary>The family name plots ask ScottPlot for.</summary>
    public const string Family = "MicroNet DejaVu Sans";

    private static readonly byte[] Regular = Load("DejaVuSans.ttf");
    private static readonly byte[] Bold = Load("DejaVuSans-Bold.ttf");

    // A static constructor runs once, before the first use, even when tests render in parallel.
    static EmbeddedFont() => Fonts.FontResolvers.Insert(0, new Resolver());

    /// <summary>
    /// Sets every text element of <paramref name="plot"/> (title in bold, axis labels, ticks, legend) to the embedded
    /// font; the first call registers it with ScottPlot.
    /// </summary>
    /// <remarks>
    /// Not ScottPlot's <c>plot.Font.Set</c>: that also changes the process-wide <c>Fonts.Default</c> and disposes the
    /// typeface it looked up, which ScottPlot's own cache still hands out.
    /// </remarks>
    public static void Apply(Plot plot)
    {
        plot.Axes.Title.Label.FontName = Family;
        plot.Axes.Title.Label.Bold = true;
        foreach (IAxis axis in plot.Axes.GetAxes())
        {
            axis.Label.FontName = Family;
            axis.TickLabelStyle.FontName = Family;
        }
        plot.Legend.FontName = Family;
    }

    private static byte[] Load(string fileName)
    {
        using Stream stream = typeof(EmbeddedFont).Assembly.GetManifestResourceStream("MicroNet.Plots.Fonts." + fileName)
            ?? throw new InvalidOperationException($"The font {fileName} is missing from the MicroNet.Plots assembly; the build should embed it.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    // Answers only for our family name, so that other ScottPlot users in the process keep their fonts. Each call makes
    // a new typeface (ScottPlot caches it), so that a caller disposing one cannot break later plots.
    private sealed class Resolver : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
            fontName == Family ? Create(weight >= FontWeight.SemiBold ? Bold : Regular) : null;

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == Family ? Create(bold ? Bold : Regular) : null;

        private static SKTypeface Create(byte[] font)
        {
            using SKData data = SKData.CreateCopy(font);
            return SKTypeface.FromData(data)
                ?? throw new InvalidOperationException("SkiaSharp could not read the embedded DejaVu Sans font.");
        }
    }
}
