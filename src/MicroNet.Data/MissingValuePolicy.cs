namespace MicroNet.Data;

/// <summary>What loading does with a row that has a missing cell (see <see cref="FeatureSchema.MissingTokens"/>) in a column it uses.</summary>
public enum MissingValuePolicy
{
    /// <summary>Stop with an error naming the file, line and column of the first missing cell. The default.</summary>
    Error,

    /// <summary>Leave the row out; <see cref="CsvData.DroppedRowCount"/> says how many were.</summary>
    Drop,
}
