using ScottPlot;
using SkiaSharp;

namespace MicroNet.Tests.Plots;

/// <summary>Reads a PNG that a plot wrote and counts its pixels, so that tests can check what a person would see.</summary>
internal sealed class PlotImage : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly SKBitmap _bitmap;

    private PlotImage(SKBitmap bitmap) => _bitmap = bitmap;

    public int Width => _bitmap.Width;

    public int Height => _bitmap.Height;

    /// <summary>Checks the PNG signature and a plausible size, then decodes the file.</summary>
    public static PlotImage Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan().StartsWith(PngSignature), $"{path} does not start with the PNG signature.");
        Assert.InRange(bytes.Length, 5_000, 1_000_000);
        SKBitmap? bitmap = SKBitmap.Decode(bytes);
        Assert.NotNull(bitmap);
        return new PlotImage(bitmap);
    }

    /// <summary>
    /// Runs of dark pixels, at most 12 long, along the rows of the rectangle: the strokes of letters. A frame line or
    /// axis is one long run per row, so it does not count; without text the count is near zero, with a line of text a
    /// few hundred. (Counting dark pixels is not enough: when text vanishes, the layout shrinks and the frame moves up
    /// into the area where the title was.)
    /// </summary>
    public int TextStrokes(int left, int top, int right, int bottom)
    {
        int strokes = 0;
        for (int y = Math.Max(top, 0); y < Math.Min(bottom, Height); y++)
        {
            int run = 0;
            for (int x = Math.Max(left, 0); x <= Math.Min(right, Width); x++)
            {
                bool dark = x < Math.Min(right, Width) && IsDark(_bitmap.GetPixel(x, y));
                if (dark)
                {
                    run++;
                }
                else
                {
                    strokes += run is > 0 and <= 12 ? 1 : 0;
                    run = 0;
                }
            }
        }
        return strokes;
    }

    /// <summary>Pixels within a small distance of <paramref name="color"/> in the rectangle.</summary>
    public int PixelsOf(Color color, int left, int top, int right, int bottom) =>
        Count(left, top, right, bottom, p => IsNear(p, color));

    /// <summary>The x of every pixel of <paramref name="color"/> in row <paramref name="y"/>, left to right.</summary>
    public int[] ColumnsOf(Color color, int y) =>
        [.. Enumerable.Range(0, Width).Where(x => IsNear(_bitmap.GetPixel(x, y), color))];

    public void Dispose() => _bitmap.Dispose();

    private int Count(int left, int top, int right, int bottom, Func<SKColor, bool> match)
    {
        int count = 0;
        for (int y = Math.Max(top, 0); y < Math.Min(bottom, Height); y++)
        {
            for (int x = Math.Max(left, 0); x < Math.Min(right, Width); x++)
            {
                if (match(_bitmap.GetPixel(x, y)))
                {
                    count++;
                }
            }
        }
        return count;
    }

    private static bool IsDark(SKColor pixel) => pixel.Red + pixel.Green + pixel.Blue < 3 * 100;

    private static bool IsNear(SKColor pixel, Color color) =>
        Math.Abs(pixel.Red - color.R) <= 3 && Math.Abs(pixel.Green - color.G) <= 3 && Math.Abs(pixel.Blue - color.B) <= 3;
}
