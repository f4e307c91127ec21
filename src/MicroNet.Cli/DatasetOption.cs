using System.CommandLine;
using System.Globalization;
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
    Iris,
    Penguins,
    Digits,
    FashionMnist,
}

/// <summary>
/// The rows a <c>train</c> run learns from, as loaded: the dataset (features encoded, not standardised), the schema that
/// encoded it (null for generated data), what to call it in the output, and how many rows were dropped for missing values.
/// </summary>
internal sealed record LoadedData(Dataset Dataset, FeatureSchema? Schema, string Description, int DroppedRowCount);

/// <summary>
/// <c>--dataset NAME</c> and <c>--csv FILE --target COLUMN</c>: the one place that turns what the command line names
/// into a <see cref="Dataset"/>.
/// </summary>
internal static class DatasetOption
{
    // Every synthetic dataset has this many rows: enough for a 60/20/20 split with 60 test rows.
    private const int SyntheticCount = 300;

    private static readonly (string Name, DatasetName Value)[] s_names =
        [.. Enum.GetValues<DatasetName>().Select(n => (n == DatasetName.FashionMnist ? "fashion-mnist" : n.ToString().ToLowerInvariant(), n))];

    public static Option<DatasetName?> Create() => new("--dataset")
    {
        Description = "Train on a generated dataset instead of the notebook's four samples: "
            + "moons (300 points, noise 0.1), circles (300, inner radius 0.5, noise 0.05), spiral (300, 3 arms, noise 0.05), "
            + "xor (300, noise 0.1) or blobs (300, 3 Gaussian blobs of standard deviation 1), all seeded by --seed; "
            + "or on a built-in real one: iris (150 flowers, 3 species), penguins (333 of 344 penguins, 3 species; rows with missing values dropped) "
            + "digits (1797 8x8 images of handwritten digits) "
            + "or fashion-mnist (70,000 28x28 images of clothing, 10 classes, its own 60,000/10,000 train/test split; read from --data-dir).",
        HelpName = string.Join('|', s_names.Select(n => n.Name)),
        CustomParser = result => CliOptions.Parse<DatasetName?>(result, "one of " + string.Join(", ", s_names.Select(n => n.Name)), TryParse),
    };

    /// <summary>The lower-case name, as on the command line.</summary>
    public static string ToName(DatasetName name) => s_names.First(n => n.Value == name).Name;

    /// <summary>Creates or loads the dataset; the same seed gives the same generated rows (the built-in ones are fixed).</summary>
    public static LoadedData Load(DatasetName name, int seed)
    {
        string title = "Dataset " + ToName(name);
        return name switch
        {
            DatasetName.Moons => Generated(SyntheticData.Moons(SyntheticCount, noise: 0.1, seed)),
            DatasetName.Circles => Generated(SyntheticData.Circles(SyntheticCount, noise: 0.05, seed, factor: 0.5)),
            DatasetName.Spiral => Generated(SyntheticData.Spirals(SyntheticCount, classCount: 3, noise: 0.05, seed)),
            DatasetName.Xor => Generated(SyntheticData.Xor(SyntheticCount, noise: 0.1, seed)),
            DatasetName.Blobs => Generated(SyntheticData.Blobs(SyntheticCount, centerCount: 3, standardDeviation: 1.0, seed)),
            DatasetName.Iris => BuiltIn(BuiltInDataset.Iris),
            DatasetName.Penguins => BuiltIn(BuiltInDataset.Penguins),
            DatasetName.Digits => BuiltIn(BuiltInDataset.Digits),
            DatasetName.FashionMnist => throw new ArgumentException("Load fashion-mnist with LoadFashionMnist: it comes split.", nameof(name)),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown dataset."),
        };

        LoadedData Generated(Dataset data) => new(data, null, title, 0);

        LoadedData BuiltIn(BuiltInDataset dataset)
        {
            CsvData csv = BuiltInDatasets.Load(dataset);
            return new LoadedData(csv.Dataset, csv.Schema, title, csv.DroppedRowCount);
        }
    }

    /// <summary>Fashion-MNIST's training and test images from <paramref name="directory"/> (Debian's folder if null), pixels divided by 255.</summary>
    /// <exception cref="DataFileException">The folder or a file is missing or invalid; the message names it (and the package for a missing folder).</exception>
    public static (LoadedData Train, Dataset Test) LoadFashionMnist(string? directory, int? limit = null)
    {
        (Dataset train, Dataset test) = FashionMnist.Load(directory, limit);
        return (new LoadedData(train, null, "Dataset fashion-mnist", 0), test);
    }

    /// <summary>Loads a CSV file with <paramref name="target"/> as the column to predict.</summary>
    /// <exception cref="DataFileException">The file cannot be used; the message names the file, line and column.</exception>
    public static LoadedData LoadCsv(string path, string target, MissingValuePolicy missing)
    {
        CsvData csv = CsvLoader.Load(path, target, new CsvOptions { Missing = missing });
        return new LoadedData(csv.Dataset, csv.Schema, string.Create(CultureInfo.InvariantCulture, $"File '{path}', target '{target}'"), csv.DroppedRowCount);
    }

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
