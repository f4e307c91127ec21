using System.CommandLine;
using MicroNet.Data;

namespace MicroNet.Cli;

/// <summary>The datasets <c>micronet train --dataset</c> knows by name.</summary>
internal enum DatasetName
{
    Moons,
    Circles,
    Spiral,
    Xor,
    Blobs,
}

/// <summary>
/// <c>--dataset NAME</c>: the one place that turns what the command line names into a <see cref="Dataset"/>, so that
/// new sources (built-in files, <c>--csv</c>) are one more case here.
/// </summary>
internal static class DatasetOption
{
    // Every synthetic dataset has this many rows: enough for a 60/20/20 split with 60 test rows.
    private const int SyntheticCount = 300;

    private static readonly (string Name, DatasetName Value)[] s_names =
    [
        ("moons", DatasetName.Moons),
        ("circles", DatasetName.Circles),
        ("spiral", DatasetName.Spiral),
        ("xor", DatasetName.Xor),
        ("blobs", DatasetName.Blobs),
    ];

    public static Option<DatasetName?> Create() => new("--dataset")
    {
        Description = "Train on a generated dataset instead of the notebook's four samples: "
            + "moons (300 points, noise 0.1), circles (300, inner radius 0.5, noise 0.05), spiral (300, 3 arms, noise 0.05), "
            + "xor (300, noise 0.1) or blobs (300, 3 Gaussian blobs of standard deviation 1); --seed seeds them.",
        HelpName = string.Join('|', s_names.Select(n => n.Name)),
        CustomParser = result => CliOptions.Parse<DatasetName?>(result, "one of " + string.Join(", ", s_names.Select(n => n.Name)), TryParse),
    };

    /// <summary>The lower-case name, as on the command line.</summary>
    public static string ToName(DatasetName name) => s_names.First(n => n.Value == name).Name;

    /// <summary>Creates (or later, loads) the dataset; the same seed gives the same rows.</summary>
    public static Dataset Load(DatasetName name, int seed) => name switch
    {
        DatasetName.Moons => SyntheticData.Moons(SyntheticCount, noise: 0.1, seed),
        DatasetName.Circles => SyntheticData.Circles(SyntheticCount, noise: 0.05, seed, factor: 0.5),
        DatasetName.Spiral => SyntheticData.Spirals(SyntheticCount, classCount: 3, noise: 0.05, seed),
        DatasetName.Xor => SyntheticData.Xor(SyntheticCount, noise: 0.1, seed),
        DatasetName.Blobs => SyntheticData.Blobs(SyntheticCount, centerCount: 3, standardDeviation: 1.0, seed),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown dataset."),
    };

    private static bool TryParse(string text, out DatasetName? name)
    {
        foreach ((string n, DatasetName value) in s_names)
        {
            if (string.Equals(n, text, StringComparison.OrdinalIgnoreCase))
            {
                name = value;
                return true;
            }
        }
        name = null;
        return false;
    }
}
