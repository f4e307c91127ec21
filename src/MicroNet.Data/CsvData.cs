namespace MicroNet.Data;

/// <summary>A table loaded by <see cref="CsvLoader"/>: the dataset, how its rows were encoded, and what was left out.</summary>
public sealed class CsvData
{
    internal CsvData(Dataset dataset, FeatureSchema schema, int droppedRowCount, IReadOnlyList<int> lineNumbers, string fileName, char separator)
    {
        Dataset = dataset;
        Schema = schema;
        DroppedRowCount = droppedRowCount;
        LineNumbers = lineNumbers;
        FileName = fileName;
        Separator = separator;
    }

    /// <summary>
    /// The rows as encoded features (numbers as they are, categories one-hot; not standardised) and targets
    /// (class indices or numbers), with the feature and class names of <see cref="Schema"/>.
    /// </summary>
    public Dataset Dataset { get; }

    /// <summary>
    /// How rows were encoded, without a standardizer: fit one on the training split
    /// (<c>Standardizer.Fit(split.Train)</c>) and add it with <see cref="FeatureSchema.WithStandardizer"/>.
    /// </summary>
    public FeatureSchema Schema { get; }

    /// <summary>How many rows were left out for missing values (only with <see cref="MissingValuePolicy.Drop"/>).</summary>
    public int DroppedRowCount { get; }

    /// <summary>The 1-based file line of each dataset row (the header is line 1).</summary>
    public IReadOnlyList<int> LineNumbers { get; }

    /// <summary>The file (or source name) the table came from.</summary>
    public string FileName { get; }

    /// <summary>The separator used: the one given or the one detected; <c>' '</c> for runs of spaces.</summary>
    public char Separator { get; }

    /// <summary>Every column of the table (the target and those left out included), the role given to it and why.</summary>
    public IReadOnlyList<ColumnReport> Columns { get; init; } = [];

    /// <summary>How many lines above the header were skipped.</summary>
    public int SkippedRows { get; init; }
}
