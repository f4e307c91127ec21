using System.Globalization;
using System.Text.RegularExpressions;
using MicroNet.Drawing;
using MicroNet.Tests.Support;

namespace MicroNet.Tests.Engine;

/// <summary>Text forms of values use '.' decimals and round-trip digits whatever the user's culture.</summary>
public static class ToStringTests
{
    [Fact]
    public static void ToString_AfterBackward_ShowsDataAndGradLikeMicrograd()
    {
        (Value x, Value y) = MicrogradSanityCheck.AfterBackward();

        Assert.Equal("Value(data=-4, grad=46)", x.ToString());
        Assert.Equal("Value(data=-20, grad=1)", y.ToString());
    }

    [Fact]
    public static void ToString_FractionalNumbers_RoundTrip()
    {
        var v = new Value(0.1) { Grad = 1.0 / 3 };

        Assert.Equal("Value(data=0.1, grad=0.3333333333333333)", v.ToString());
    }

    [Fact]
    public static void ToString_UnderGermanCulture_UsesDecimalPoint()
    {
        var v = new Value(-1.5) { Grad = 0.25 };

        string text = InCulture("de-DE", v.ToString);

        Assert.Equal("Value(data=-1.5, grad=0.25)", text);
    }

    [Fact]
    public static void ToDot_UnderGermanCulture_UsesDecimalPoint()
    {
        var x = new Value(1234.5, "x");
        Value y = x.Pow(0.5);
        y.Backward();

        string dot = InCulture("de-DE", () => GraphDrawing.ToDot(y));

        Assert.Contains("{ x | data 1234.5000 | grad 0.0142 }", dot, StringComparison.Ordinal);
        Assert.Contains("label=\"**0.5\"", dot, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(@"\d,\d"), dot);
    }

    private static string InCulture(string name, Func<string> action)
    {
        CultureInfo culture = CultureInfo.CurrentCulture;
        CultureInfo uiCulture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            // Make sure the culture really is in effect: the test means nothing if it formats with '.' anyway.
            Assert.Equal("1,5", 1.5.ToString(CultureInfo.CurrentCulture));
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }
}
