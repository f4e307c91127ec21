using MicroNet.Data;

namespace MicroNet.Pipeline;

/// <summary>
/// The rows a <see cref="TrainingRun"/> starts from, and how they were read: generated or built-in data, a CSV file's rows
/// with the <see cref="FeatureSchema"/> that encoded them, or data that comes split with its own test rows (Fashion-MNIST).
/// </summary>
/// <param name="Description">What the data is, for summaries and messages: <c>Dataset moons</c>, <c>File 'x.csv', target 'y'</c>.</param>
/// <param name="Data">The rows: features encoded (numbers, one-hot categories) but not standardised, and targets.</param>
public sealed record DataSource(string Description, Dataset Data)
{
    /// <summary>How raw rows became <see cref="Data"/>'s features; null for data that did not come from a table (numeric columns <c>x1</c>, <c>x2</c>, ...).</summary>
    public FeatureSchema? Schema { get; init; }

    /// <summary>
    /// A short name for titles (a plot's): <see cref="Description"/> unless set, and for a file its name without the
    /// folder (<c>File 'boston.csv', target 'MEDV'</c>).
    /// </summary>
    public string Title
    {
        get => field ?? Description;
        init;
    }

    /// <summary><see cref="Description"/> as it reads inside a sentence: <c>dataset moons</c>, <c>file 'x.csv', target 'y'</c>.</summary>
    public string DescriptionInSentence => Description.Length == 0 ? "" : char.ToLowerInvariant(Description[0]) + Description[1..];

    /// <summary>
    /// The learning rate a run on these rows starts from unless <see cref="TrainingSettings.LearningRate"/> names one:
    /// <see cref="TrainingSettings.DefaultLearningRate"/> (0.01) unless set. CSV files set Adam's usual 0.001, measured
    /// on 13 real files: every one within 5% of scikit-learn's MLP, where 0.01 left a small noisy regression file far behind.
    /// </summary>
    public double LearningRate { get; init; } = TrainingSettings.DefaultLearningRate;

    /// <summary>How many rows were left out for missing values.</summary>
    public int DroppedRowCount { get; init; }

    /// <summary>
    /// Test rows that come with the data, such as Fashion-MNIST's own test images; null to hold out a share of
    /// <see cref="Data"/> instead. Data that comes split also comes scaled: it is used as it is, not standardised.
    /// </summary>
    public Dataset? Test { get; init; }

    /// <summary>What the summary calls a row: <c>rows</c>, or <c>images</c>.</summary>
    public string RowNoun { get; init; } = "rows";

    /// <summary>A note on where <see cref="Test"/> comes from, such as <c>t10k</c>; null for none.</summary>
    public string? TestNote { get; init; }

    /// <summary>A note on how the features were made, such as <c>pixels / 255</c>; null for none.</summary>
    public string? FeatureNote { get; init; }

    /// <summary>Every column of the table and the role it was given, for a schema table; empty for data not read from a table.</summary>
    public IReadOnlyList<ColumnReport> Columns { get; init; } = [];

    /// <summary>How the file was read, in short sentences for a summary (separator, decimal comma, lines skipped); empty if nothing is worth saying.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
