namespace MicroNet.Playground.Runs;

/// <summary>
/// One input the network can be given, computed from a point's two coordinates, as in TensorFlow Playground: x, y,
/// x², y², xy, sin x and sin y. The model file names each after the data's own columns (<c>x^2</c>, or
/// <c>petal_length^2</c> for uploaded data), so a CSV with those columns can be scored with <c>micronet predict</c>.
/// </summary>
/// <param name="Key">The name in links and requests: <c>x</c>, <c>y</c>, <c>x2</c>, <c>y2</c>, <c>xy</c>, <c>sinx</c>, <c>siny</c>.</param>
/// <param name="Label">How the page shows it, such as <c>x²</c>.</param>
/// <param name="Compute">The feature from the point's coordinates.</param>
/// <param name="Name">The column name in the model, from the names of the x and y columns.</param>
internal sealed record InputFeature(string Key, string Label, Func<double, double, double> Compute, Func<string, string, string> Name)
{
    /// <summary>Every feature, in the order the page lists them.</summary>
    public static IReadOnlyList<InputFeature> All { get; } =
    [
        new("x", "x", (x, _) => x, (x, _) => x),
        new("y", "y", (_, y) => y, (_, y) => y),
        new("x2", "x²", (x, _) => x * x, (x, _) => x + "^2"),
        new("y2", "y²", (_, y) => y * y, (_, y) => y + "^2"),
        new("xy", "xy", (x, y) => x * y, (x, y) => x + "*" + y),
        new("sinx", "sin x", (x, _) => Math.Sin(x), (x, _) => "sin(" + x + ")"),
        new("siny", "sin y", (_, y) => Math.Sin(y), (_, y) => "sin(" + y + ")"),
    ];

    /// <summary>The feature called <paramref name="key"/>, or null.</summary>
    public static InputFeature? Find(string key) => All.FirstOrDefault(f => f.Key == key);

    /// <summary>The keys as a phrase for messages.</summary>
    public static string Choices => UserText.Choices([.. All.Select(f => f.Key)]);

    /// <summary>The features of one point, in the order of <paramref name="features"/>.</summary>
    public static double[] Row(IReadOnlyList<InputFeature> features, double x, double y)
    {
        var row = new double[features.Count];
        for (int j = 0; j < row.Length; j++)
        {
            row[j] = features[j].Compute(x, y);
        }
        return row;
    }
}
