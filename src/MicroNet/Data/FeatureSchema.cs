namespace MicroNet.Data;

/// <summary>
/// How raw table rows become feature vectors and targets: the input columns in order (numeric, or categorical with
/// their one-hot vocabulary), the target column, the problem kind and class names, and the <see cref="Standardizer"/>
/// fitted on the training rows. A plain value saved with a model, so that prediction applies exactly what training did.
/// </summary>
/// <remarks>
/// Rows are looked up by column name, so a file at prediction time may order its columns differently, add columns the
/// model does not use, and leave out the target. Cells are trimmed of surrounding white space. A cell that is missing
/// (see <see cref="IsMissing"/>), not a number in a numeric column, or not a known category is an error naming its
/// line and column, never read as 0.
/// </remarks>
public sealed class FeatureSchema
{
    private static readonly string[] s_missingTokens = ["", "NA", "N/A", "NaN", "null", "?", "."];

    private readonly FeatureColumn[] _columns;
    private readonly string[] _classNames;
    private readonly string[] _featureNames;

    /// <summary>Creates a schema.</summary>
    /// <param name="columns">The input columns, in feature order (at least one; names unique).</param>
    /// <param name="targetColumn">The name of the target column; not one of <paramref name="columns"/>.</param>
    /// <param name="kind">What the target is.</param>
    /// <param name="classNames">For classification, one name per class index (exactly 2 for binary); empty or null for regression.</param>
    /// <param name="standardizer">Standardises the encoded features (fitted on the training rows); null to leave them as they are.</param>
    /// <param name="decimalSeparator">How the table writes decimals: <c>'.'</c> (the default) or <c>','</c>, for numeric cells and targets.</param>
    /// <exception cref="ArgumentException">The columns, classes or standardizer do not fit together.</exception>
    public FeatureSchema(IReadOnlyList<FeatureColumn> columns, string targetColumn, ProblemKind kind,
        IReadOnlyList<string>? classNames, Standardizer? standardizer = null, char decimalSeparator = '.')
    {
        if (decimalSeparator is not ('.' or ','))
        {
            throw new ArgumentException($"The decimal separator must be '.' or ',', not '{decimalSeparator}'.", nameof(decimalSeparator));
        }
        DecimalSeparator = decimalSeparator;
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentException.ThrowIfNullOrEmpty(targetColumn);
        if (columns.Count == 0)
        {
            throw new ArgumentException("A schema needs at least one input column.", nameof(columns));
        }
        _columns = [.. columns];
        if (_columns.Any(c => c is null))
        {
            throw new ArgumentException("An input column is null.", nameof(columns));
        }
        string? repeated = _columns.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (repeated is not null)
        {
            throw new ArgumentException($"Column '{repeated}' is listed twice.", nameof(columns));
        }
        if (_columns.Any(c => c.Name == targetColumn))
        {
            throw new ArgumentException($"The target column '{targetColumn}' cannot also be an input column.", nameof(targetColumn));
        }
        _classNames = [.. classNames ?? []];
        if (kind.IsClassification())
        {
            if (_classNames.Length < 2 || (kind == ProblemKind.BinaryClassification && _classNames.Length != 2))
            {
                throw new ArgumentException(Invariant($"{kind} cannot have {_classNames.Length} classes."), nameof(classNames));
            }
            if (_classNames.Distinct(StringComparer.Ordinal).Count() != _classNames.Length)
            {
                throw new ArgumentException("A class name is listed twice.", nameof(classNames));
            }
        }
        else if (_classNames.Length > 0)
        {
            throw new ArgumentException("A regression target has no classes; pass no class names.", nameof(classNames));
        }
        _featureNames = [.. _columns.SelectMany(c => c.FeatureNames)];
        if (standardizer is not null && standardizer.FeatureCount != _featureNames.Length)
        {
            throw new ArgumentException(
                Invariant($"The standardizer has {standardizer.FeatureCount} features, but the columns give {_featureNames.Length}."), nameof(standardizer));
        }
        TargetColumn = targetColumn;
        Kind = kind;
        Standardizer = standardizer;
    }

    /// <summary>
    /// The cells that count as missing, compared ignoring case after trimming: the empty cell, <c>NA</c>,
    /// <c>N/A</c>, <c>NaN</c>, <c>null</c>, <c>?</c> (UCI's mark) and <c>.</c> (SAS's mark, used once in penguins).
    /// </summary>
    public static IReadOnlyList<string> MissingTokens => s_missingTokens;

    /// <summary>The input columns, in feature order.</summary>
    public IReadOnlyList<FeatureColumn> Columns => _columns;

    /// <summary>The name of the target column.</summary>
    public string TargetColumn { get; }

    /// <summary>What the target is.</summary>
    public ProblemKind Kind { get; }

    /// <summary>One name per class index; empty for regression.</summary>
    public IReadOnlyList<string> ClassNames => _classNames;

    /// <summary>How numeric cells and targets write decimals: <c>'.'</c> or <c>','</c> (with <c>;</c> or tab between cells).</summary>
    public char DecimalSeparator { get; }

    /// <summary>The standardizer applied after encoding, fitted on the training rows; null if features are used as encoded.</summary>
    public Standardizer? Standardizer { get; }

    /// <summary>The name of every feature, in order: numeric columns by name, categories as <c>COLUMN=CATEGORY</c>.</summary>
    public IReadOnlyList<string> FeatureNames => _featureNames;

    /// <summary>How many features a row becomes.</summary>
    public int FeatureCount => _featureNames.Length;

    /// <summary>
    /// A schema for a dataset that did not come from a CSV file, such as <see cref="SyntheticData"/>'s: one numeric
    /// column per feature, named after <see cref="Dataset.FeatureNames"/> (<c>x1</c>, <c>x2</c>, ...), the dataset's
    /// problem kind and class names, and no standardizer. With it such a dataset's model can be saved and used on CSV rows.
    /// </summary>
    /// <param name="data">The dataset whose features, kind and classes the schema describes.</param>
    /// <param name="targetColumn">The name the target column gets; <c>y</c> unless given.</param>
    /// <exception cref="ArgumentException">A feature is named like the target column, or two features share a name.</exception>
    public static FeatureSchema ForNumericFeatures(Dataset data, string targetColumn = "y")
    {
        ArgumentNullException.ThrowIfNull(data);
        return new FeatureSchema([.. data.FeatureNames.Select(name => FeatureColumn.Numeric(name))], targetColumn, data.Kind, data.ClassNames);
    }

    /// <summary>The same schema with <paramref name="standardizer"/> (fitted on the training split) in place of the current one.</summary>
    /// <exception cref="ArgumentException">The standardizer does not have <see cref="FeatureCount"/> features.</exception>
    public FeatureSchema WithStandardizer(Standardizer? standardizer) => new(_columns, TargetColumn, Kind, _classNames, standardizer, DecimalSeparator);

    /// <summary>Whether <paramref name="cell"/> is a missing value: null, or one of <see cref="MissingTokens"/> ignoring case and surrounding white space.</summary>
    public static bool IsMissing(string? cell)
    {
        if (cell is null)
        {
            return true;
        }
        ReadOnlySpan<char> trimmed = cell.AsSpan().Trim();
        foreach (string token in s_missingTokens)
        {
            if (trimmed.Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Reads <paramref name="cell"/> as a finite number in the invariant culture (<c>1.5</c>, <c>-2</c>, <c>3e-4</c>;
    /// no thousands separators, no decimal comma, no NaN or infinity).
    /// </summary>
    public static bool TryParseNumber(string? cell, out double value) => CellParser.TryParseNumber(cell, '.', out value);

    /// <summary>
    /// Checks that a table's header has every input column (and the target, if <paramref name="requireTarget"/>),
    /// before any row is read.
    /// </summary>
    /// <exception cref="DataFileException">A column is missing; the message lists the columns the header has.</exception>
    public void CheckHeader(IReadOnlyCollection<string> header, string? fileName, bool requireTarget)
    {
        ArgumentNullException.ThrowIfNull(header);
        var present = new HashSet<string>(header, StringComparer.Ordinal);
        IEnumerable<string> needed = _columns.Select(c => c.Name);
        if (requireTarget)
        {
            needed = needed.Append(TargetColumn);
        }
        string? absent = needed.FirstOrDefault(name => !present.Contains(name));
        if (absent is not null)
        {
            string role = absent == TargetColumn ? "the target column" : "a column the model was trained on";
            string hint = ColumnWithOtherCase(absent, header) is { } other
                ? $"; did you mean '{UserText.Quote(other)}' (names are case-sensitive)?"
                : " (names are case-sensitive).";
            throw new DataFileException(fileName, 0, null,
                $"there is no column '{UserText.Quote(absent)}', {role}; the header has {UserText.List(header)}{hint}");
        }
    }

    /// <summary>A column of <paramref name="header"/> named <paramref name="name"/> but for case (<c>island</c> for <c>Island</c>), for a hint; null if none.</summary>
    public static string? ColumnWithOtherCase(string name, IEnumerable<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return header.FirstOrDefault(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Turns one row into features as the model was trained on, before standardisation: numbers as they are,
    /// categories one-hot, dates as numbers; a missing cell is filled where the column has a fill value. Columns not in
    /// the schema (the target among them) are ignored. A category not seen in training is an error here; see
    /// <see cref="CreateEncoder"/> for the lenient form.
    /// </summary>
    /// <param name="row">The row's cells by column name.</param>
    /// <param name="fileName">The file the row came from, for error messages; null if none.</param>
    /// <param name="lineNumber">The row's 1-based line in that file (the header is line 1), for error messages; 0 if none.</param>
    /// <exception cref="DataFileException">
    /// A column is absent, a cell is missing (without a fill value), a numeric or date cell cannot be read, or a category
    /// was not seen in training.
    /// </exception>
    public double[] Encode(IReadOnlyDictionary<string, string> row, string? fileName = null, int lineNumber = 0)
    {
        ArgumentNullException.ThrowIfNull(row);
        string[] cells = new string[_columns.Length];
        for (int i = 0; i < cells.Length; i++)
        {
            cells[i] = row.TryGetValue(_columns[i].Name, out string? cell)
                ? cell
                : throw new DataFileException(fileName, lineNumber, _columns[i].Name, "the column is absent, but the model needs it.");
        }
        var features = new double[FeatureCount];
        new RowEncoder(this, [.. _columns.Select(c => c.Name)], fileName, UnknownCategoryPolicy.Error, missingAsNaN: false).Encode(cells, lineNumber, features);
        return features;
    }

    /// <summary>
    /// An encoder for the rows of one table whose header is <paramref name="header"/>: it finds each column once, then
    /// turns rows given as cells in header order into features, without a dictionary per row.
    /// </summary>
    /// <exception cref="DataFileException">The header lacks a column the schema needs.</exception>
    /// <param name="header">The table's column names, in order.</param>
    /// <param name="fileName">The table's file, for messages.</param>
    /// <param name="unknownCategories">What a category not seen in training becomes.</param>
    /// <param name="missingAsNaN">
    /// True to encode a missing cell of a column without a fill value as NaN features (for a loader whose fill values are
    /// learned later, from the training rows) instead of failing.
    /// </param>
    public RowEncoder CreateEncoder(IReadOnlyList<string> header, string? fileName, UnknownCategoryPolicy unknownCategories, bool missingAsNaN = false)
    {
        ArgumentNullException.ThrowIfNull(header);
        CheckHeader([.. header], fileName, requireTarget: false);
        return new RowEncoder(this, header, fileName, unknownCategories, missingAsNaN);
    }

    /// <summary>
    /// Turns one row into the network's input: <see cref="Encode"/>, then <see cref="Standardizer"/> if there is one.
    /// </summary>
    /// <exception cref="DataFileException">As <see cref="Encode"/>.</exception>
    public double[] Transform(IReadOnlyDictionary<string, string> row, string? fileName = null, int lineNumber = 0)
    {
        double[] features = Encode(row, fileName, lineNumber);
        return Standardize(features);
    }

    /// <summary>Applies <see cref="Standardizer"/> to encoded features (a copy of them if there is none).</summary>
    /// <exception cref="ArgumentException"><paramref name="features"/> does not have <see cref="FeatureCount"/> values.</exception>
    public double[] Standardize(IReadOnlyList<double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Count != FeatureCount)
        {
            throw new ArgumentException(Invariant($"Expected {FeatureCount} features but got {features.Count}."), nameof(features));
        }
        return Standardizer is null ? [.. features] : Standardizer.Transform(features);
    }

    /// <summary>
    /// Reads a target cell: the class index (as a double) for classification, the number for regression. A class is
    /// matched by its name, or by its value when both are numbers (<c>1.0</c> matches class <c>1</c>).
    /// </summary>
    /// <exception cref="DataFileException">The cell is missing, not a number (regression), or not a known class.</exception>
    public double ParseTarget(string? cell, string? fileName = null, int lineNumber = 0)
    {
        if (IsMissing(cell))
        {
            throw new DataFileException(fileName, lineNumber, TargetColumn, $"the target is missing ('{UserText.Quote(cell?.Trim() ?? "")}'); fill it in or drop the row.");
        }
        string text = cell!.Trim();
        if (!Kind.IsClassification())
        {
            return CellParser.TryParseNumber(text, DecimalSeparator, out double value)
                ? value
                : throw new DataFileException(fileName, lineNumber, TargetColumn, $"'{UserText.Quote(text)}' is not a number, but the model predicts numbers.");
        }
        int index = Array.IndexOf(_classNames, text);
        if (index < 0 && CellParser.TryParseNumber(text, DecimalSeparator, out double number))
        {
            index = Array.FindIndex(_classNames, name => TryParseNumber(name, out double classValue) && classValue == number);
        }
        return index >= 0
            ? index
            : throw new DataFileException(fileName, lineNumber, TargetColumn,
                $"'{UserText.Quote(text)}' is not one of the model's classes ({UserText.List(_classNames, quote: false)}).");
    }

    /// <summary>For example <c>FeatureSchema(4 columns -> 4 features, target 'species', MulticlassClassification, 3 classes)</c>.</summary>
    public override string ToString() => Kind.IsClassification()
        ? Invariant($"FeatureSchema({_columns.Length} columns -> {FeatureCount} features, target '{TargetColumn}', {Kind}, {_classNames.Length} classes)")
        : Invariant($"FeatureSchema({_columns.Length} columns -> {FeatureCount} features, target '{TargetColumn}', {Kind})");

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
