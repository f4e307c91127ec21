using System.Globalization;
using MicroNet.Pipeline;

namespace MicroNet.Data;

/// <summary>
/// The data <c>micronet train</c> can start from, as <see cref="DataSource"/>s for a <see cref="TrainingRun"/>: the
/// named datasets (generated ones seeded by the run's seed, the built-in real ones, Fashion-MNIST from its folder) and
/// CSV files.
/// </summary>
public static class DataSources
{
    /// <summary>How many rows every generated dataset has: enough for a 60/20/20 split with 60 test rows.</summary>
    public const int GeneratedCount = 300;

    /// <summary>Every named dataset, in the order help texts list them.</summary>
    public static IReadOnlyList<NamedDataset> Named { get; } =
    [
        new("moons", "300 points, noise 0.1", DatasetOrigin.Generated, seed => SyntheticData.Moons(GeneratedCount, noise: 0.1, seed)),
        new("circles", "300, inner radius 0.5, noise 0.05", DatasetOrigin.Generated, seed => SyntheticData.Circles(GeneratedCount, noise: 0.05, seed, factor: 0.5)),
        new("spiral", "300, 3 arms, noise 0.05", DatasetOrigin.Generated, seed => SyntheticData.Spirals(GeneratedCount, classCount: 3, noise: 0.05, seed)),
        new("xor", "300, noise 0.1", DatasetOrigin.Generated, seed => SyntheticData.Xor(GeneratedCount, noise: 0.1, seed)),
        new("blobs", "300, 3 Gaussian blobs of standard deviation 1", DatasetOrigin.Generated, seed => SyntheticData.Blobs(GeneratedCount, centerCount: 3, standardDeviation: 1.0, seed)),
        new("iris", "150 flowers, 3 species", DatasetOrigin.BuiltIn, null),
        new("penguins", "333 of 344 penguins, 3 species; rows with missing values dropped", DatasetOrigin.BuiltIn, null),
        new("digits", "1797 8x8 images of handwritten digits", DatasetOrigin.BuiltIn, null),
        new("fashion-mnist", "70,000 28x28 images of clothing, 10 classes, its own 60,000/10,000 train/test split; read from a folder", DatasetOrigin.Folder, null),
    ];

    /// <summary>The names of <see cref="Named"/> as a phrase for messages: <c>moons, circles, ... or fashion-mnist</c>.</summary>
    public static string Choices => UserText.Choices([.. Named.Select(d => d.Name)]);

    /// <summary>The named dataset called <paramref name="name"/> (any case), or null.</summary>
    public static NamedDataset? Find(string? name) =>
        Named.FirstOrDefault(d => string.Equals(d.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Loads a named dataset: a generated one seeded by <paramref name="seed"/> (the same seed gives the same rows), a
    /// built-in one (fixed), or Fashion-MNIST from <paramref name="directory"/> (Debian's folder if null) with its own
    /// test images.
    /// </summary>
    /// <exception cref="DataFileException">There is no dataset of that name, or Fashion-MNIST's files are missing or invalid.</exception>
    public static DataSource Load(string name, int seed, string? directory = null)
    {
        NamedDataset dataset = Find(name)
            ?? throw new DataFileException($"There is no dataset '{UserText.Quote(name ?? "")}'; the datasets are {Choices}.");
        string description = "Dataset " + dataset.Name;
        if (dataset.Generate is { } generate)
        {
            return new DataSource(description, generate(seed));
        }
        if (dataset.Origin == DatasetOrigin.BuiltIn)
        {
            CsvData csv = BuiltInDatasets.Load(dataset.Name);
            return new DataSource(description, csv.Dataset) { Schema = csv.Schema, DroppedRowCount = csv.DroppedRowCount };
        }
        (Dataset train, Dataset test) = FashionMnist.Load(directory);
        return FashionMnistSource(train, test);
    }

    /// <summary>Fashion-MNIST's training and test images as a source with its own test rows; see <see cref="FashionMnist"/>.</summary>
    public static DataSource FashionMnistSource(Dataset train, Dataset test) =>
        new("Dataset fashion-mnist", train) { Test = test, RowNoun = "images", TestNote = "t10k", FeatureNote = "pixels / 255" };

    /// <summary>
    /// The learning rate of a CSV file's source, Adam's usual 0.001. Measured on 13 real CSV files (README, "Files as
    /// people have them"): with it every file scored within 5% of scikit-learn's MLP on the same columns, and 9 of them
    /// better than with 0.01, which left a small, noisy regression file (diabetes, 442 rows) at R² 0.21 against 0.32.
    /// </summary>
    public const double CsvLearningRate = 0.001;

    /// <summary>Loads a CSV file with <paramref name="target"/> as the column to predict; see <see cref="CsvLoader"/>.</summary>
    /// <exception cref="DataFileException">The file cannot be used; the message names the file, line and column.</exception>
    public static DataSource Csv(string path, string target, CsvOptions? options = null)
    {
        CsvData csv = CsvLoader.Load(path, target, options);
        List<string> notes = [];
        if (csv.Separator != ',')
        {
            notes.Add($"cells separated by {CsvReader.NameOf(csv.Separator)}");
        }
        if (csv.Schema.DecimalSeparator == ',')
        {
            notes.Add("decimal commas");
        }
        if (csv.SkippedRows > 0)
        {
            notes.Add(csv.SkippedRows == 1 ? "1 line above the header skipped" : string.Create(CultureInfo.InvariantCulture, $"{csv.SkippedRows} lines above the header skipped"));
        }
        return new DataSource(string.Create(CultureInfo.InvariantCulture, $"File '{path}', target '{target}'"), csv.Dataset)
        {
            Title = string.Create(CultureInfo.InvariantCulture, $"File '{Path.GetFileName(path)}', target '{target}'"),
            LearningRate = CsvLearningRate,
            Schema = csv.Schema,
            DroppedRowCount = csv.DroppedRowCount,
            Columns = csv.Columns,
            Notes = notes,
        };
    }
}

/// <summary>A dataset <see cref="DataSources.Load"/> knows by name.</summary>
/// <param name="Name">The name, such as <c>moons</c>.</param>
/// <param name="Summary">What it holds, for help texts: <c>300 points, noise 0.1</c>.</param>
/// <param name="Origin">Where its rows come from.</param>
/// <param name="Generate">For a generated dataset, how it is made from a seed; null otherwise.</param>
public sealed record NamedDataset(string Name, string Summary, DatasetOrigin Origin, Func<int, Dataset>? Generate);

/// <summary>Where a <see cref="NamedDataset"/>'s rows come from.</summary>
public enum DatasetOrigin
{
    /// <summary>Generated by <see cref="SyntheticData"/>, seeded by the run's seed.</summary>
    Generated,

    /// <summary>Shipped inside MicroNet.Data (<see cref="BuiltInDatasets"/>).</summary>
    BuiltIn,

    /// <summary>Read from a folder of files that a command line lets the user name (Fashion-MNIST).</summary>
    Folder,
}
