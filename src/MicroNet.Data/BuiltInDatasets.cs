namespace MicroNet.Data;

/// <summary>
/// Loads the datasets shipped inside MicroNet.Data (iris, penguins, digits) through the same <see cref="CsvLoader"/>
/// as any file, with their known targets. Penguins is loaded with <see cref="MissingValuePolicy.Drop"/>.
/// </summary>
public static class BuiltInDatasets
{
    /// <summary>The names the datasets go by, in lower case: <c>iris</c>, <c>penguins</c>, <c>digits</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<BuiltInDataset>().Select(NameOf)];

    /// <summary>The lower-case name of <paramref name="dataset"/>, such as <c>iris</c>.</summary>
    public static string NameOf(BuiltInDataset dataset) => dataset.ToString().ToLowerInvariant();

    /// <summary>The target column of <paramref name="dataset"/>: <c>species</c>, <c>Species</c> or <c>digit</c>.</summary>
    public static string TargetOf(BuiltInDataset dataset) => dataset switch
    {
        BuiltInDataset.Iris => "species",
        BuiltInDataset.Penguins => "Species",
        BuiltInDataset.Digits => "digit",
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "Unknown built-in dataset."),
    };

    /// <summary>Loads a built-in dataset by its name (<see cref="Names"/>, any case).</summary>
    /// <exception cref="DataFileException">There is no built-in dataset of that name; the message lists the names.</exception>
    public static CsvData Load(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (BuiltInDataset dataset in Enum.GetValues<BuiltInDataset>())
        {
            if (string.Equals(NameOf(dataset), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return Load(dataset);
            }
        }
        throw new DataFileException($"There is no built-in dataset '{name}'; the built-in datasets are {string.Join(", ", Names)}.");
    }

    /// <summary>Loads a built-in dataset; <see cref="CsvData.FileName"/> is <c>NAME.csv</c>.</summary>
    public static CsvData Load(BuiltInDataset dataset)
    {
        string fileName = NameOf(dataset) + ".csv";
        using Stream stream = typeof(BuiltInDatasets).Assembly.GetManifestResourceStream("MicroNet.Data.Datasets." + fileName)
            ?? throw new InvalidOperationException($"The built-in dataset {fileName} is missing from the MicroNet.Data assembly.");
        using var reader = new StreamReader(stream);
        var options = new CsvOptions
        {
            Separator = ',',
            Missing = dataset == BuiltInDataset.Penguins ? MissingValuePolicy.Drop : MissingValuePolicy.Error,
        };
        return CsvLoader.Load(CsvTable.Read(reader, fileName, options.Separator), TargetOf(dataset), options);
    }
}
