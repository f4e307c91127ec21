namespace MicroNet.Data;

/// <summary>How <see cref="CsvLoader"/> reads a table into a dataset. Every setting has a default that suits most files.</summary>
public sealed record CsvOptions
{
    /// <summary>
    /// Integer targets with at most this many distinct values are classes; more make a regression target.
    /// </summary>
    public const int MaxIntegerClassCount = 10;

    /// <summary>The cell separator; null (the default) detects it from the header row (comma, semicolon, tab, pipe).</summary>
    public char? Separator { get; init; }

    /// <summary>What to do with rows that have a missing cell in a used column; <see cref="MissingValuePolicy.Error"/> by default.</summary>
    public MissingValuePolicy Missing { get; init; } = MissingValuePolicy.Error;

    /// <summary>
    /// The problem kind, overriding the inference (see <see cref="CsvLoader"/>); null (the default) infers it from
    /// the target column.
    /// </summary>
    public ProblemKind? Kind { get; init; }

    /// <summary>Columns to one-hot encode even though their cells are numbers (codes such as a postcode or a category id).</summary>
    public IReadOnlyCollection<string> CategoricalColumns { get; init; } = [];

    /// <summary>Columns to leave out of the features (an id, a name, a date).</summary>
    public IReadOnlyCollection<string> IgnoredColumns { get; init; } = [];
}
