using MicroNet.Training;

namespace MicroNet.Pipeline;

/// <summary>
/// The seeds of one training run, derived from one number so that a run is repeated by giving that number again. Each
/// part gets its own seed, so that the split, the initial weights and the batch order are not drawn from the data's
/// own random stream.
/// </summary>
/// <param name="Data">Seeds generated data (<see cref="Data.SyntheticData"/>): the run's seed itself.</param>
/// <param name="Split">Seeds the split into training, validation and test rows (<see cref="PreparedData.Prepare"/>).</param>
/// <param name="Weights">Seeds the initial weights (<see cref="ModelBuilder.ForDataset"/>).</param>
/// <param name="BatchOrder">Seeds the order of the rows in each epoch (<see cref="TrainingOptions.Seed"/>).</param>
internal sealed record TrainingSeeds(int Data, int Split, int Weights, int BatchOrder)
{
    /// <summary>The seeds of a run with seed <paramref name="seed"/>: <c>seed</c>, <c>seed + 1</c>, <c>seed + 2</c> and <c>seed + 3</c>.</summary>
    public static TrainingSeeds From(int seed) => new(seed, unchecked(seed + 1), unchecked(seed + 2), unchecked(seed + 3));
}
