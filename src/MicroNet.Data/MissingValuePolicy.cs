namespace MicroNet.Data;

/// <summary>What loading does with a row that has a missing cell (see <see cref="FeatureSchema.MissingTokens"/>) in a column it uses.</summary>
public enum MissingValuePolicy
{
    /// <summary>Stop with an error naming the file, line and column of the first missing cell. The default.</summary>
    Error,

    /// <summary>Leave the row out; <see cref="CsvData.DroppedRowCount"/> says how many were.</summary>
    Drop,
}

/// <summary>Names a <see cref="MissingValuePolicy"/>.</summary>
public static class MissingValuePolicyExtensions
{
    /// <summary>The names on the command line: <c>error</c>, <c>drop</c>.</summary>
    public static NameTable<MissingValuePolicy> Names { get; } = new("missing-value policy",
        (MissingValuePolicy.Error, "error"), (MissingValuePolicy.Drop, "drop"));
}
