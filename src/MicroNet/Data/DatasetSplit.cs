namespace MicroNet.Data;

/// <summary>A dataset divided into disjoint training, validation and test parts; see <see cref="Dataset.Split"/>.</summary>
/// <param name="Train">The rows to fit the model (and any <see cref="Standardizer"/>) on.</param>
/// <param name="Validation">The rows to choose settings and stop early on; may be empty.</param>
/// <param name="Test">The rows held back for the final score; may be empty.</param>
public sealed record DatasetSplit(Dataset Train, Dataset Validation, Dataset Test);
