using System.Globalization;
using MicroNet.Models;

namespace MicroNet.Data;

/// <summary>How <see cref="PredictionReader"/> reads a file of rows to predict or score.</summary>
public sealed record PredictionOptions
{
    /// <summary>
    /// A row with a missing value in a column the model uses: <see cref="MissingValuePolicy.Error"/> (the default) stops;
    /// <see cref="MissingValuePolicy.Drop"/> leaves it out and counts it; <see cref="MissingValuePolicy.Impute"/> fills it
    /// as training did (the model must have been trained with <c>--missing impute</c>; otherwise it is an error).
    /// </summary>
    public MissingValuePolicy Missing { get; init; } = MissingValuePolicy.Error;

    /// <summary>What a category the model has not seen becomes; <see cref="UnknownCategoryPolicy.Zeros"/> by default.</summary>
    public UnknownCategoryPolicy Unknown { get; init; } = UnknownCategoryPolicy.Zeros;

    /// <summary>The cell separator; null to detect it.</summary>
    public char? Separator { get; init; }

    /// <summary>Lines above the header to skip; null to skip a count line if there is one.</summary>
    public int? SkipRows { get; init; }

    /// <summary>Columns whose cells each row carries through as they are (an ID to join the predictions back on).</summary>
    public IReadOnlyList<string> CarriedColumns { get; init; } = [];

    /// <summary>The column of true values to read with each row (for scoring); null for none.</summary>
    public string? TargetColumn { get; init; }
}

/// <summary>One row of a file run through a model.</summary>
/// <param name="LineNumber">The row's line in its file (the header is line 1, after any lines skipped above it).</param>
/// <param name="Prediction">What the model predicts; check <see cref="Prediction.IsFinite"/>.</param>
/// <param name="Carried">The cells of <see cref="PredictionOptions.CarriedColumns"/>, in their order.</param>
/// <param name="Truth">With <see cref="PredictionOptions.TargetColumn"/>, the true class index or value; otherwise NaN.</param>
public sealed record PredictedRow(int LineNumber, Prediction Prediction, IReadOnlyList<string> Carried, double Truth);

/// <summary>
/// Reads a CSV file row by row and predicts each row with a model, in constant memory whatever the file's size: the
/// columns are found once in the header (in any order, extra columns ignored), each row is encoded as training encoded
/// rows (the model's schema: categories, dates, fill values, decimal separator), predicted by a compiled replay of the
/// network (<see cref="Model.CreatePredictor"/>, with its parameters as of opening), and handed out. Counts the rows left
/// out for missing values and, per column, the rows whose category the model had not seen.
/// </summary>
public sealed class PredictionReader : IDisposable
{
    private readonly Model _model;
    private readonly ModelPredictor _predictor;
    private readonly CsvReader _csv;
    private readonly RowEncoder _encoder;
    private readonly PredictionOptions _options;
    private readonly int[] _usedIndices;
    private readonly int[] _carriedIndices;
    private readonly int _targetIndex;
    private readonly FeatureSchema _targetSchema;
    private readonly double[] _features;

    private PredictionReader(Model model, CsvReader csv, PredictionOptions options)
    {
        _model = model;
        _predictor = model.CreatePredictor();
        _csv = csv;
        _options = options;
        FeatureSchema schema = model.Schema;
        IReadOnlyList<string> header = csv.Header;
        if (options.Missing == MissingValuePolicy.Impute && schema.Columns.FirstOrDefault(c => !c.CanFill) is { } column)
        {
            throw new DataFileException(csv.FileName, 0, column.Name,
                "the model has no fill value for this column (it was not trained with --missing impute); use --missing error or drop.");
        }
        _encoder = schema.CreateEncoder(header, csv.FileName, options.Unknown);
        _carriedIndices = [.. options.CarriedColumns.Select(IndexOf)];
        _targetIndex = options.TargetColumn is { } target ? IndexOf(target) : -1;
        if (options.TargetColumn is { } t && schema.Columns.Any(c => c.Name == t))
        {
            throw new DataFileException(csv.FileName, 0, t, "this column is one of the model's inputs, so it cannot be the target.");
        }
        // Parsed with the model's classes; errors name the column as the file calls it.
        _targetSchema = options.TargetColumn is null || options.TargetColumn == schema.TargetColumn
            ? schema
            : new FeatureSchema(schema.Columns, options.TargetColumn, schema.Kind, schema.ClassNames, schema.Standardizer, schema.DecimalSeparator);
        _usedIndices = [.. schema.Columns.Select(c => IndexOf(c.Name)), .. _targetIndex >= 0 ? [_targetIndex] : Array.Empty<int>()];
        _features = new double[schema.FeatureCount];

        int IndexOf(string name)
        {
            int index = -1;
            for (int i = 0; i < header.Count && index < 0; i++)
            {
                index = header[i] == name ? i : -1;
            }
            return index >= 0 ? index : throw CsvTable.NoColumn(csv.FileName, name, header, csv.Separator);
        }
    }

    /// <summary>The file read.</summary>
    public string FileName => _csv.FileName;

    /// <summary>How many rows were left out for a missing value (<see cref="MissingValuePolicy.Drop"/>).</summary>
    public int DroppedCount { get; private set; }

    /// <summary>How many rows were read and predicted.</summary>
    public int Count { get; private set; }

    /// <summary>Per column of the model, how many rows had a category it had not seen; only columns with some.</summary>
    public IReadOnlyList<(FeatureColumn Column, int Count)> Unseen =>
        [.. _model.Schema.Columns.Select((c, i) => (c, _encoder.UnseenCounts[i])).Where(p => p.Item2 > 0)];

    /// <summary>Opens <paramref name="path"/> to predict its rows with <paramref name="model"/>.</summary>
    /// <exception cref="DataFileException">The file cannot be read, or its header lacks a column the model (or the options) need.</exception>
    public static PredictionReader Open(Model model, string path, PredictionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new PredictionOptions();
        CsvReader csv = CsvReader.Open(path, options.Separator, options.SkipRows);
        try
        {
            return new PredictionReader(model, csv, options);
        }
        catch
        {
            csv.Dispose();
            throw;
        }
    }

    /// <summary>Reads and predicts the next row; false at the end of the file.</summary>
    /// <exception cref="DataFileException">A cell cannot be used; the message names the line and column.</exception>
    public bool TryRead(out PredictedRow row)
    {
        while (_csv.TryRead(out int line, out string[] cells))
        {
            if (_options.Missing != MissingValuePolicy.Impute && FirstMissing(cells) is int missing)
            {
                if (_options.Missing == MissingValuePolicy.Drop)
                {
                    DroppedCount++;
                    continue;
                }
                // Even a model that has fill values fills only when asked to: a missing cell in new data may be a mistake.
                bool canFill = missing < _model.Schema.Columns.Count && _model.Schema.Columns[missing].CanFill;
                throw new DataFileException(_csv.FileName, line, _csv.Header[_usedIndices[missing]],
                    $"the value is missing ('{UserText.Quote(cells[_usedIndices[missing]].Trim())}'); fill it in, drop the row (--missing drop){(canFill ? ", or fill it as training did (--missing impute)" : "")}.");
            }
            _encoder.Encode(cells, line, _features);
            double truth = _targetIndex >= 0 ? _targetSchema.ParseTarget(cells[_targetIndex], _csv.FileName, line) : double.NaN;
            Count++;
            row = new PredictedRow(line, _predictor.Predict(_features), [.. _carriedIndices.Select(i => cells[i])], truth);
            return true;
        }
        row = null!;
        return false;
    }

    // The position in _usedIndices of the first missing cell the model (or the target) needs; null if none is missing.
    private int? FirstMissing(string[] cells)
    {
        for (int u = 0; u < _usedIndices.Length; u++)
        {
            if (FeatureSchema.IsMissing(cells[_usedIndices[u]]))
            {
                return u;
            }
        }
        return null;
    }

    /// <summary>"; 3 rows with missing values were left out" or "", for summaries.</summary>
    public string DroppedNote() => DroppedCount switch
    {
        0 => "",
        1 => "; 1 row with a missing value was left out",
        int n => string.Create(CultureInfo.InvariantCulture, $"; {n} rows with missing values were left out"),
    };

    /// <inheritdoc />
    public void Dispose() => _csv.Dispose();
}
