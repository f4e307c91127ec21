namespace MicroNet.Data;

/// <summary>
/// One input column of a table and how it becomes features: a number used as it is, or a category one-hot encoded
/// over a fixed vocabulary.
/// </summary>
public sealed class FeatureColumn
{
    private readonly string[] _categories;

    private FeatureColumn(string name, ColumnKind kind, string[] categories)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Kind = kind;
        _categories = categories;
    }

    /// <summary>The column's name in the header.</summary>
    public string Name { get; }

    /// <summary>Whether the column is numeric or categorical.</summary>
    public ColumnKind Kind { get; }

    /// <summary>For a categorical column, its categories in feature order; empty for a numeric column.</summary>
    public IReadOnlyList<string> Categories => _categories;

    /// <summary>
    /// The names of the features this column gives: its own name for a numeric column, <c>NAME=CATEGORY</c> for each
    /// category of a categorical one.
    /// </summary>
    public IReadOnlyList<string> FeatureNames => Kind == ColumnKind.Numeric ? [Name] : [.. _categories.Select(c => $"{Name}={c}")];

    /// <summary>How many features the column gives: 1 for a numeric column, one per category for a categorical one.</summary>
    public int FeatureCount => Kind == ColumnKind.Numeric ? 1 : _categories.Length;

    /// <summary>A numeric column: its cells are numbers, each used as one feature.</summary>
    public static FeatureColumn Numeric(string name) => new(name, ColumnKind.Numeric, []);

    /// <summary>A categorical column, one-hot encoded over <paramref name="categories"/> in the order given.</summary>
    /// <exception cref="ArgumentException">There are no categories, or one is empty or repeated.</exception>
    public static FeatureColumn Categorical(string name, IReadOnlyList<string> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        if (categories.Count == 0)
        {
            throw new ArgumentException($"Categorical column '{name}' needs at least one category.", nameof(categories));
        }
        string[] copy = [.. categories];
        if (copy.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException($"Categorical column '{name}' has an empty category.", nameof(categories));
        }
        if (copy.Distinct(StringComparer.Ordinal).Count() != copy.Length)
        {
            throw new ArgumentException($"Categorical column '{name}' lists a category twice.", nameof(categories));
        }
        return new FeatureColumn(name, ColumnKind.Categorical, copy);
    }

    /// <summary>For example <c>sepal_length (numeric)</c> or <c>Island (categorical: Biscoe, Dream, Torgersen)</c>.</summary>
    public override string ToString() =>
        Kind == ColumnKind.Numeric ? $"{Name} (numeric)" : $"{Name} (categorical: {string.Join(", ", _categories)})";
}
