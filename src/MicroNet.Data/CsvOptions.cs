namespace MicroNet.Data;

/// <summary>How <see cref="CsvLoader"/> reads a table into a dataset. Every setting has a default that suits most files.</summary>
public sealed record CsvOptions
{
    /// <summary>Whole-number targets with at most this many distinct values are classes; more make a regression target.</summary>
    public const int MaxIntegerClassCount = 10;

    /// <summary>The default <see cref="MinCategoryCount"/>: 3.</summary>
    public const int DefaultMinCategoryCount = 3;

    /// <summary>A column of more categories than this groups its rare ones (see <see cref="MinCategoryCount"/>).</summary>
    public const int RareGroupingFrom = 10;

    /// <summary>The cell separator; null (the default) detects it from the header row (comma, semicolon, tab, pipe, or runs of spaces).</summary>
    public char? Separator { get; init; }

    /// <summary>
    /// How numbers write decimals, <c>'.'</c> or <c>','</c>; null (the default) detects a decimal comma where cells are
    /// separated by semicolons or tabs (a spreadsheet's export in most of Europe) and takes <c>'.'</c> otherwise.
    /// </summary>
    public char? DecimalSeparator { get; init; }

    /// <summary>Lines above the header to skip; null (the default) skips a count line above it (scikit-learn's files) and nothing else.</summary>
    public int? SkipRows { get; init; }

    /// <summary>What to do with rows that have a missing cell in a used column; <see cref="MissingValuePolicy.Error"/> by default.</summary>
    public MissingValuePolicy Missing { get; init; } = MissingValuePolicy.Error;

    /// <summary>
    /// Classification or regression, overriding the inference (see <see cref="CsvLoader"/>); null (the default) infers it
    /// from the target column.
    /// </summary>
    public TaskKind? Task { get; init; }

    /// <summary>Columns to one-hot encode even though their cells are numbers (codes such as a postcode or a category id).</summary>
    public IReadOnlyCollection<string> CategoricalColumns { get; init; } = [];

    /// <summary>Columns to use as numbers even where inference would call them something else (a numeric ID that matters).</summary>
    public IReadOnlyCollection<string> NumericColumns { get; init; } = [];

    /// <summary>Columns to read as dates (ISO 8601), even where a few cells are bare years.</summary>
    public IReadOnlyCollection<string> DateColumns { get; init; } = [];

    /// <summary>Columns to leave out of the features (an id, a name, a free-text note).</summary>
    public IReadOnlyCollection<string> IgnoredColumns { get; init; } = [];

    /// <summary>
    /// In a column of more than <see cref="RareGroupingFrom"/> categories, those seen in fewer rows than this share one
    /// <c>(other)</c> feature instead of one each; <see cref="DefaultMinCategoryCount"/> by default, 1 for no grouping.
    /// </summary>
    public int MinCategoryCount { get; init; } = DefaultMinCategoryCount;
}

/// <summary>Whether a target is classes or numbers, as a user says it.</summary>
public enum TaskKind
{
    /// <summary>Classes: binary for two, multi-class for more.</summary>
    Classification,

    /// <summary>Numbers.</summary>
    Regression,
}

/// <summary>Names a <see cref="TaskKind"/>.</summary>
public static class TaskKindExtensions
{
    /// <summary>The names on the command line: <c>classification</c>, <c>regression</c>.</summary>
    public static NameTable<TaskKind> Names { get; } = new("task", (TaskKind.Classification, "classification"), (TaskKind.Regression, "regression"));
}
