namespace MicroNet.Data;

/// <summary>What loading does with a row that has a missing cell (see <see cref="FeatureSchema.MissingTokens"/>) in a column it uses.</summary>
public enum MissingValuePolicy
{
    /// <summary>Stop with an error naming the file, line and column of the first missing cell. The default.</summary>
    Error,

    /// <summary>Leave the row out; <see cref="CsvData.DroppedRowCount"/> says how many were.</summary>
    Drop,

    /// <summary>
    /// Keep the row: a missing feature is filled with the training rows' mean (numbers, dates) or most frequent category,
    /// learned when the data is split and saved with the model, so prediction fills it the same way. A row whose target
    /// is missing is still left out.
    /// </summary>
    Impute,
}

/// <summary>Names a <see cref="MissingValuePolicy"/>.</summary>
public static class MissingValuePolicyExtensions
{
    /// <summary>The names on the command line: <c>error</c>, <c>drop</c>, <c>impute</c>.</summary>
    public static NameTable<MissingValuePolicy> Names { get; } = new("missing-value policy",
        (MissingValuePolicy.Error, "error"), (MissingValuePolicy.Drop, "drop"), (MissingValuePolicy.Impute, "impute"));
}
