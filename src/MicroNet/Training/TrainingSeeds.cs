namespace MicroNet.Training;

/// <summary>
/// The seeds of one training run, derived from one number so that a run is repeated by giving that number again, as
/// <c>micronet train --seed</c> does. Each part gets its own seed, so that the split, the initial weights and the batch
/// order are not drawn from the data's own random stream.
/// </summary>
/// <param name="Data">Seeds generated data (<see cref="Data.SyntheticData"/>).</param>
/// <param name="Split">Seeds the split into training, validation and test rows (<see cref="PreparedData.Prepare"/>).</param>
/// <param name="Weights">Seeds the initial weights (<see cref="ModelBuilder.ForDataset"/>).</param>
/// <param name="BatchOrder">Seeds the order of the rows in each epoch (<see cref="TrainingOptions.Seed"/>).</param>
public sealed record TrainingSeeds(int Data, int Split, int Weights, int BatchOrder)
{
    /// <summary>The seeds <c>micronet train --seed <paramref name="seed"/></c> uses: <c>seed</c>, <c>seed + 1</c>, <c>seed + 2</c> and <c>seed + 3</c>.</summary>
    public static TrainingSeeds From(int seed) => new(seed, unchecked(seed + 1), unchecked(seed + 2), unchecked(seed + 3));
}
