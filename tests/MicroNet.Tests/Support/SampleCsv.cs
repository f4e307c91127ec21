using System.Globalization;
using System.Text;
using MicroNet.Data;
using MicroNet.Models;

namespace MicroNet.Tests.Support;

/// <summary>Small CSV files with a known rule behind them, and the accuracy of a model on raw rows, counted independently of <c>Evaluate</c>.</summary>
internal static class SampleCsv
{
    /// <summary>
    /// The share of <paramref name="raw"/>'s rows (features as loaded, not standardised) whose class <paramref name="model"/>
    /// predicts right: counted here from <see cref="Model.Predict(IReadOnlyList{double})"/>, not from <c>Evaluate</c>.
    /// </summary>
    public static double Accuracy(Model model, Dataset raw)
    {
        int correct = 0;
        for (int i = 0; i < raw.Count; i++)
        {
            correct += model.Predict(raw.Features[i]).ClassIndex == raw.Classes[i] ? 1 : 0;
        }
        return (double)correct / raw.Count;
    }

    /// <summary>
    /// A classification CSV: numbers <c>x1</c>, <c>x2</c> uniform in [-2, 2], a text column <c>colour</c> (red or blue) and
    /// the class <c>label</c>: <c>yes</c> when <c>x1 + x2 + (red ? 0.5 : -0.5) &gt; 0</c>, otherwise <c>no</c>.
    /// </summary>
    public static string ClassificationCsv(int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("x1,x2,colour,label\n");
        for (int i = 0; i < rows; i++)
        {
            double x1 = random.NextDouble() * 4 - 2, x2 = random.NextDouble() * 4 - 2;
            bool red = random.Next(2) == 0;
            string label = x1 + x2 + (red ? 0.5 : -0.5) > 0 ? "yes" : "no";
            text.Append(CultureInfo.InvariantCulture, $"{x1:R},{x2:R},{(red ? "red" : "blue")},{label}\n");
        }
        return text.ToString();
    }

    /// <summary>
    /// A regression CSV: <c>a</c>, <c>b</c> uniform in [-2, 2], and <c>price = 100 + 30 a - 20 b + 10 a b + noise</c>,
    /// noise uniform in [-5, 5]. The noise's variance (25/3) is under 1% of the target's, so a good fit has R² near 0.99.
    /// </summary>
    public static string RegressionCsv(int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("a,b,price\n");
        for (int i = 0; i < rows; i++)
        {
            double a = random.NextDouble() * 4 - 2, b = random.NextDouble() * 4 - 2;
            double price = 100 + 30 * a - 20 * b + 10 * a * b + (random.NextDouble() * 10 - 5);
            text.Append(CultureInfo.InvariantCulture, $"{a:R},{b:R},{price:R}\n");
        }
        return text.ToString();
    }
}
