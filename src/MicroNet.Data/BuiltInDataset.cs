namespace MicroNet.Data;

/// <summary>The real datasets shipped inside MicroNet.Data; provenance and licences in docs/datasets.md.</summary>
public enum BuiltInDataset
{
    /// <summary>Fisher's iris: 150 flowers, 4 measurements, 3 species (target <c>species</c>).</summary>
    Iris,

    /// <summary>
    /// Palmer penguins: 344 penguins, island, 4 measurements and sex, 3 species (target <c>Species</c>); 11 rows have
    /// missing values and are dropped, leaving 333.
    /// </summary>
    Penguins,

    /// <summary>Handwritten digits: 1797 images of 8x8 pixels (64 intensities 0 to 16), 10 classes (target <c>digit</c>).</summary>
    Digits,
}
