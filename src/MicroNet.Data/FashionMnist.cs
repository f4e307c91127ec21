using System.Globalization;

namespace MicroNet.Data;

/// <summary>
/// Fashion-MNIST (Zalando Research, MIT licence): 70,000 grey 28x28 images of clothing in 10 classes, read from its four
/// IDX files. The official split is kept: the 60,000 <c>train-*</c> images for training, the 10,000 <c>t10k-*</c> images
/// for testing. Each pixel becomes one feature, its byte value divided by 255 (so 0 to 1, no other scaling).
/// </summary>
public static class FashionMnist
{
    /// <summary>Where Debian's package <c>dataset-fashion-mnist</c> installs the files: <c>/usr/share/datasets/fashion-mnist</c>.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The Debian package that installs the files in <see cref="DefaultDirectory"/>.</summary>
    public const string DebianPackage = "dataset-fashion-mnist";

    /// <summary>The class names, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>
    /// Loads the training and test images from <paramref name="directory"/> (<see cref="DefaultDirectory"/> if null), which
    /// must hold <c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c> and
    /// <c>t10k-labels-idx1-ubyte</c>, each plain or with <c>.gz</c>.
    /// </summary>
    /// <param name="directory">The folder of the four files.</param>
    /// <param name="limit">Read at most this many images of each part (for quick runs and tests); null for all.</param>
    /// <exception cref="DataFileException">The folder or a file is missing, or a file is not a valid IDX file; one sentence naming it.</exception>
    public static (Dataset Train, Dataset Test) Load(string? directory = null, int? limit = null)
    {
        directory ??= DefaultDirectory;
        if (!Directory.Exists(directory))
        {
            throw new DataFileException(
                $"Fashion-MNIST is not installed in '{directory}': install Debian's package {DebianPackage} (apt-get install {DebianPackage}) or name a folder that holds its four IDX files.");
        }
        return (LoadPart(directory, "train", limit), LoadPart(directory, "t10k", limit));
    }

    /// <summary>Reads one part (<c>train</c> or <c>t10k</c>): its images as features, its labels as classes.</summary>
    /// <exception cref="DataFileException">A file is missing or invalid, or the two files disagree.</exception>
    public static Dataset LoadPart(string directory, string part, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(part);
        string imagesPath = Find(directory, $"{part}-images-idx3-ubyte");
        string labelsPath = Find(directory, $"{part}-labels-idx1-ubyte");
        (IReadOnlyList<int> imageDimensions, byte[] pixels) = IdxFile.ReadBytes(imagesPath);
        (IReadOnlyList<int> labelDimensions, byte[] labels) = IdxFile.ReadBytes(labelsPath);
        if (imageDimensions.Count != 3)
        {
            throw new DataFileException(Invariant($"The file '{imagesPath}' has {imageDimensions.Count} dimensions, but images need 3 (count, rows, columns)."));
        }
        if (labelDimensions.Count != 1 || labelDimensions[0] != imageDimensions[0])
        {
            throw new DataFileException(Invariant($"The file '{labelsPath}' does not hold one label for each of the {imageDimensions[0]} images of '{imagesPath}'."));
        }
        int count = Math.Min(imageDimensions[0], limit ?? int.MaxValue);
        int size = imageDimensions[1] * imageDimensions[2];
        var features = new double[count][];
        var targets = new double[count];
        for (int i = 0; i < count; i++)
        {
            var row = new double[size];
            ReadOnlySpan<byte> image = pixels.AsSpan(i * size, size);
            for (int j = 0; j < size; j++)
            {
                row[j] = image[j] / 255.0;
            }
            features[i] = row;
            if (labels[i] >= ClassNames.Count)
            {
                throw new DataFileException(Invariant($"The file '{labelsPath}' has label {labels[i]} at position {i}, but Fashion-MNIST's labels are 0 to 9."));
            }
            targets[i] = labels[i];
        }
        string[] names = [.. Enumerable.Range(0, size).Select(j => Invariant($"pixel{j + 1}"))];
        return Dataset.FromOwnedArrays(features, targets, ProblemKind.MulticlassClassification, names, ClassNames);
    }

    private static string Find(string directory, string name)
    {
        string plain = Path.Combine(directory, name), compressed = plain + ".gz";
        return File.Exists(compressed) ? compressed : File.Exists(plain) ? plain
            : throw new DataFileException($"Fashion-MNIST's file '{compressed}' is missing (nor is there an uncompressed '{plain}'); install Debian's package {DebianPackage} or copy the four IDX files there.");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
