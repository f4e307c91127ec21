using System.Globalization;

namespace MicroNet.Data;

/// <summary>
/// One input column of a table and how it becomes features: a number used as it is, a category one-hot encoded over a
/// fixed vocabulary (with one shared feature for categories too rare to learn from), or a date turned into numbers.
/// A missing cell is an error unless the column has a fill value, learned on the training rows.
/// </summary>
public sealed class FeatureColumn
{
    /// <summary>The feature name of the shared "other" category: <c>NAME=(other)</c>.</summary>
    public const string OtherCategory = "(other)";

    private static readonly string[] s_dateParts = ["days", "month_sin", "month_cos", "weekday_sin", "weekday_cos"];
    private static readonly string[] s_timeParts = ["hour_sin", "hour_cos"];
    private readonly string[] _categories;
    private readonly string[] _otherCategories;
    private readonly Dictionary<string, int> _categoryIndex;
    private readonly HashSet<string> _other;

    private FeatureColumn(string name, ColumnKind kind, string[] categories, string[] otherCategories, bool hasTime, double? fillNumber, string? fillCategory)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Kind = kind;
        _categories = categories;
        _otherCategories = otherCategories;
        HasTime = hasTime;
        FillNumber = fillNumber;
        FillCategory = fillCategory;
        _categoryIndex = new Dictionary<string, int>(categories.Length, StringComparer.Ordinal);
        for (int i = 0; i < categories.Length; i++)
        {
            _categoryIndex[categories[i]] = i;
        }
        _other = new HashSet<string>(otherCategories, StringComparer.Ordinal);
    }

    /// <summary>The column's name in the header.</summary>
    public string Name { get; }

    /// <summary>Whether the column is numeric, categorical or a date.</summary>
    public ColumnKind Kind { get; }

    /// <summary>For a categorical column, the categories that get a feature each, in feature order; empty otherwise.</summary>
    public IReadOnlyList<string> Categories => _categories;

    /// <summary>
    /// For a categorical column, the categories seen in training too rarely to get a feature of their own; they share
    /// the feature <c>NAME=(other)</c>, as does a category never seen in training. Empty when there were none.
    /// </summary>
    public IReadOnlyList<string> OtherCategories => _otherCategories;

    /// <summary>Whether a categorical column has the shared <c>(other)</c> feature.</summary>
    public bool HasOther => _otherCategories.Length > 0;

    /// <summary>For a date column, whether its cells carry a time of day (then two more features: the hour as a circle).</summary>
    public bool HasTime { get; }

    /// <summary>
    /// The number a missing cell stands for in a numeric column (the training mean), or in a date column the days of
    /// the training mean date; null if a missing cell is an error.
    /// </summary>
    public double? FillNumber { get; }

    /// <summary>The category a missing cell stands for (the most frequent in training); null if a missing cell is an error.</summary>
    public string? FillCategory { get; }

    /// <summary>Whether a missing cell has a value to stand for it.</summary>
    public bool CanFill => FillNumber is not null || FillCategory is not null;

    /// <summary>
    /// The names of the features this column gives: its own name for a number; <c>NAME=CATEGORY</c> per category, then
    /// <c>NAME=(other)</c> if it has one; for a date <c>NAME:days</c> (days since 2000-01-01), <c>NAME:month_sin</c>,
    /// <c>NAME:month_cos</c>, <c>NAME:weekday_sin</c>, <c>NAME:weekday_cos</c> and, with times, <c>NAME:hour_sin</c>,
    /// <c>NAME:hour_cos</c>.
    /// </summary>
    public IReadOnlyList<string> FeatureNames => Kind switch
    {
        ColumnKind.Numeric => [Name],
        ColumnKind.Categorical => [.. _categories.Select(c => $"{Name}={c}"), .. HasOther ? [$"{Name}={OtherCategory}"] : Array.Empty<string>()],
        _ => [.. s_dateParts.Select(p => $"{Name}:{p}"), .. HasTime ? s_timeParts.Select(p => $"{Name}:{p}") : []],
    };

    /// <summary>How many features the column gives (see <see cref="FeatureNames"/>).</summary>
    public int FeatureCount => Kind switch
    {
        ColumnKind.Numeric => 1,
        ColumnKind.Categorical => _categories.Length + (HasOther ? 1 : 0),
        _ => s_dateParts.Length + (HasTime ? s_timeParts.Length : 0),
    };

    /// <summary>A numeric column: its cells are numbers, each used as one feature.</summary>
    /// <param name="name">The column's name.</param>
    /// <param name="fill">The number a missing cell stands for; null for none (a missing cell is an error).</param>
    public static FeatureColumn Numeric(string name, double? fill = null) =>
        new(name, ColumnKind.Numeric, [], [], false, CheckFinite(fill, name), null);

    /// <summary>A numeric column without a fill value.</summary>
    public static FeatureColumn Numeric(string name) => Numeric(name, null);

    /// <summary>A categorical column, one-hot encoded over <paramref name="categories"/> in the order given.</summary>
    /// <param name="name">The column's name.</param>
    /// <param name="categories">The categories with a feature each; at least one, none empty or repeated.</param>
    /// <param name="otherCategories">Categories seen too rarely, sharing the feature <c>NAME=(other)</c>; may be empty.</param>
    /// <param name="fill">The category a missing cell stands for; null for none.</param>
    /// <exception cref="ArgumentException">There are no categories, or one is empty or repeated.</exception>
    public static FeatureColumn Categorical(string name, IReadOnlyList<string> categories, IReadOnlyList<string>? otherCategories = null, string? fill = null)
    {
        ArgumentNullException.ThrowIfNull(categories);
        string[] copy = [.. categories];
        string[] other = [.. otherCategories ?? []];
        if (copy.Length == 0 && other.Length == 0)
        {
            throw new ArgumentException($"Categorical column '{name}' needs at least one category.", nameof(categories));
        }
        if (copy.Concat(other).Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException($"Categorical column '{name}' has an empty category.", nameof(categories));
        }
        if (copy.Concat(other).Distinct(StringComparer.Ordinal).Count() != copy.Length + other.Length)
        {
            throw new ArgumentException($"Categorical column '{name}' lists a category twice.", nameof(categories));
        }
        return new FeatureColumn(name, ColumnKind.Categorical, copy, other, false, null, fill);
    }

    /// <summary>A date column: ISO 8601 dates or date-times, each turned into the features <see cref="FeatureNames"/> lists.</summary>
    /// <param name="name">The column's name.</param>
    /// <param name="hasTime">Whether the cells carry a time of day worth two features.</param>
    /// <param name="fill">The days since 2000-01-01 a missing cell stands for; null for none.</param>
    public static FeatureColumn Date(string name, bool hasTime, double? fill = null) =>
        new(name, ColumnKind.Date, [], [], hasTime, CheckFinite(fill, name), null);

    /// <summary>
    /// Writes the features of one non-missing cell to <paramref name="features"/> (<see cref="FeatureCount"/> of them).
    /// Returns false, writing nothing, if the cell cannot be read: not a number in a numeric column, not a date in a
    /// date column. A category not seen in training gives the <c>(other)</c> feature if the column has one, all zeros
    /// otherwise, and sets <paramref name="unseen"/>.
    /// </summary>
    internal bool TryEncode(string cell, char decimalSeparator, Span<double> features, out bool unseen)
    {
        unseen = false;
        switch (Kind)
        {
            case ColumnKind.Numeric:
                return CellParser.TryParseNumber(cell, decimalSeparator, out features[0]);
            case ColumnKind.Date:
                if (!CellParser.TryParseDate(cell, allowYear: true, out DateTime date, out _))
                {
                    return false;
                }
                WriteDate(date, features);
                return true;
            default:
                features[.. FeatureCount].Clear();
                if (_categoryIndex.TryGetValue(cell, out int index))
                {
                    features[index] = 1;
                    return true;
                }
                unseen = !_other.Contains(cell);
                if (HasOther)
                {
                    features[_categories.Length] = 1;
                }
                return true;
        }
    }

    /// <summary>Writes the features a missing cell stands for; false if the column has no fill value.</summary>
    internal bool TryEncodeFill(char decimalSeparator, Span<double> features)
    {
        if (FillCategory is { } category)
        {
            return TryEncode(category, decimalSeparator, features, out _);
        }
        if (FillNumber is not { } number)
        {
            return false;
        }
        if (Kind == ColumnKind.Numeric)
        {
            features[0] = number;
        }
        else
        {
            WriteDate(DateEpoch.AddDays(number), features);
        }
        return true;
    }

    /// <summary>Day 0 of a date column's <c>days</c> feature: 2000-01-01.</summary>
    internal static DateTime DateEpoch { get; } = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    private void WriteDate(DateTime date, Span<double> features)
    {
        features[0] = (date - DateEpoch).TotalDays;
        double month = 2 * Math.PI * (date.Month - 1) / 12, weekday = 2 * Math.PI * (int)date.DayOfWeek / 7;
        (features[1], features[2]) = (Math.Sin(month), Math.Cos(month));
        (features[3], features[4]) = (Math.Sin(weekday), Math.Cos(weekday));
        if (HasTime)
        {
            double hour = 2 * Math.PI * date.TimeOfDay.TotalHours / 24;
            (features[5], features[6]) = (Math.Sin(hour), Math.Cos(hour));
        }
    }

    private static double? CheckFinite(double? fill, string name) => fill is not { } x || double.IsFinite(x)
        ? fill
        : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The fill value of column '{name}' is {x}; it must be finite."), nameof(fill));

    /// <summary>For example <c>sepal_length (numeric)</c> or <c>Island (categorical: Biscoe, Dream, Torgersen)</c>.</summary>
    public override string ToString() => Kind switch
    {
        ColumnKind.Numeric => $"{Name} (numeric)",
        ColumnKind.Categorical => $"{Name} (categorical: {UserText.List(_categories, quote: false)}{(HasOther ? $"; {_otherCategories.Length} rare ones as {OtherCategory}" : "")})",
        _ => $"{Name} (date{(HasTime ? " and time" : "")})",
    };
}
