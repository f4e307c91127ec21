using MicroNet.Data;

namespace MicroNet.Playground.Runs;

/// <summary>
/// A dataset the page offers: one of <see cref="SyntheticData"/>'s, scaled into the view square [-6, 6] x [-6, 6] that
/// TensorFlow Playground draws (so that sin x makes about two turns across it), or <c>csv</c> for uploaded points.
/// </summary>
/// <param name="Name">The name in links: <c>moons</c>, <c>circles</c>, <c>xor</c>, <c>spiral</c>, <c>blobs</c>, <c>plane</c>, <c>bumps</c>, <c>csv</c>.</param>
/// <param name="Label">How the page names it.</param>
/// <param name="Regression">Whether the targets are numbers rather than two classes.</param>
/// <param name="Generate">Makes the points in <see cref="SyntheticData"/>'s own units from a count, a noise and a seed; null for csv.</param>
/// <param name="Center">The point of the generator's units that goes to the middle of the view.</param>
/// <param name="Scale">How many view units one generator unit becomes.</param>
internal sealed record DatasetChoice(string Name, string Label, bool Regression, Func<int, double, int, Dataset>? Generate, (double X, double Y) Center, double Scale)
{
    /// <summary>The name of uploaded data.</summary>
    public const string Csv = "csv";

    /// <summary>Half the width of the view square of generated data.</summary>
    public const double ViewRadius = 6;

    /// <summary>Every dataset, in the order the page lists them.</summary>
    public static IReadOnlyList<DatasetChoice> All { get; } =
    [
        new("moons", "Moons", false, (n, noise, seed) => SyntheticData.Moons(n, noise, seed), (0.5, 0.25), 3.5),
        new("circles", "Circles", false, (n, noise, seed) => SyntheticData.Circles(n, noise, seed, factor: 0.5), (0, 0), 5),
        new("xor", "XOR", false, (n, noise, seed) => SyntheticData.Xor(n, noise, seed), (0, 0), 5),
        new("spiral", "Spiral", false, (n, noise, seed) => SyntheticData.Spirals(n, classCount: 2, noise, seed), (0, 0), 5),
        // Two blobs whose spread grows with the noise, as TensorFlow Playground's Gaussian set.
        new("blobs", "Gaussian blobs", false, (n, noise, seed) => SyntheticData.Blobs(n, [[-0.45, -0.45], [0.45, 0.45]], 0.1 + noise, seed), (0, 0), 5),
        new("plane", "Plane (regression)", true, (n, noise, seed) => SyntheticData.Plane(n, noise, seed), (0, 0), 5),
        new("bumps", "Gaussian bumps (regression)", true, (n, noise, seed) => SyntheticData.GaussianBumps(n, noise, seed), (0, 0), 5),
        new(Csv, "Uploaded CSV", false, null, (0, 0), 1),
    ];

    /// <summary>The dataset called <paramref name="name"/>, or null.</summary>
    public static DatasetChoice? Find(string name) => All.FirstOrDefault(d => d.Name == name);

    /// <summary>The names as a phrase for messages.</summary>
    public static string Choices => UserText.Choices([.. All.Select(d => d.Name)]);
}
