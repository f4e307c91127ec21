using MicroNet.Data;

namespace MicroNet.Tests.Data;

public static class BuiltInDatasetsTests
{
    [Fact]
    public static void Iris_Has150RowsOf4FeaturesAnd3Classes()
    {
        CsvData iris = BuiltInDatasets.Load("iris");

        Assert.Equal(150, iris.Dataset.Count);
        Assert.Equal(["sepal_length", "sepal_width", "petal_length", "petal_width"], iris.Dataset.FeatureNames);
        Assert.Equal(["setosa", "versicolor", "virginica"], iris.Dataset.ClassNames);
        Assert.Equal(ProblemKind.MulticlassClassification, iris.Dataset.Kind);
        Assert.Equal(0, iris.DroppedRowCount);
        // The file's first row: 5.1,3.5,1.4,0.2,setosa.
        Assert.Equal([5.1, 3.5, 1.4, 0.2], iris.Dataset.Features[0]);
        Assert.Equal(0.0, iris.Dataset.Targets[0]);
        Assert.Equal([50, 50, 50], iris.Dataset.Classes.CountBy(c => c).OrderBy(p => p.Key).Select(p => p.Value));
    }

    [Fact]
    public static void Penguins_DropsThe11RowsWithMissingValues()
    {
        CsvData penguins = BuiltInDatasets.Load(BuiltInDataset.Penguins);

        // 344 rows: 2 miss every measurement and sex, 8 more miss sex, 1 has sex ".".
        Assert.Equal(11, penguins.DroppedRowCount);
        Assert.Equal(333, penguins.Dataset.Count);
        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], penguins.Dataset.ClassNames);
        Assert.Equal(
            ["Island=Biscoe", "Island=Dream", "Island=Torgersen", "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)", "Sex=FEMALE", "Sex=MALE"],
            penguins.Dataset.FeatureNames);
        // Line 2: Adelie,Torgersen,39.1,18.7,181,3750,MALE.
        Assert.Equal(2, penguins.LineNumbers[0]);
        Assert.Equal([0.0, 0.0, 1.0, 39.1, 18.7, 181.0, 3750.0, 0.0, 1.0], penguins.Dataset.Features[0]);
    }

    [Fact]
    public static void Digits_Has1797RowsOf64PixelsAnd10Classes()
    {
        CsvData digits = BuiltInDatasets.Load("DIGITS");

        Assert.Equal(1797, digits.Dataset.Count);
        Assert.Equal(64, digits.Columns.Count(c => c.Name.StartsWith("pixel_", StringComparison.Ordinal)));
        // Three pixels are 0 in every image: left out as constant, so 61 features.
        Assert.Equal(["pixel_0", "pixel_32", "pixel_39"], digits.Columns.Where(c => c.Role == ColumnRole.Constant).Select(c => c.Name));
        Assert.Equal(61, digits.Dataset.FeatureCount);
        Assert.Equal([.. Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))], digits.Dataset.ClassNames);
        Assert.All(digits.Dataset.Features, row => Assert.All(row, x => Assert.InRange(x, 0, 16)));
    }

    [Fact]
    public static void UnknownName_ListsTheNames()
    {
        var e = Assert.Throws<DataFileException>(() => BuiltInDatasets.Load("mnist"));
        Assert.Contains("iris, penguins, digits", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void EmbeddedCopies_MatchTheCommittedChecksums()
    {
        // SHA256SUMS was computed from the project's shared copies (docs/datasets.md gives their provenance); this check
        // runs in every clone, where the shared folder is not.
        Dictionary<string, string> sums = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Datasets", "SHA256SUMS"))
            .Select(line => line.Split("  "))
            .ToDictionary(parts => parts[1], parts => parts[0], StringComparer.Ordinal);
        Assert.Equal([.. BuiltInDatasets.Names.Select(n => n + ".csv").Order(StringComparer.Ordinal)], sums.Keys.Order(StringComparer.Ordinal));
        foreach (string name in BuiltInDatasets.Names)
        {
            using Stream stream = typeof(BuiltInDatasets).Assembly.GetManifestResourceStream($"MicroNet.Data.Datasets.{name}.csv")!;
            Assert.Equal(sums[name + ".csv"], Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream)));
        }
    }

    [Fact]
    public static void ShippedCopies_MatchTheSharedDatasets()
    {
        string shared = Path.Combine(FindRepositoryRoot(), "..", "shared", "datasets");
        Assert.SkipUnless(Directory.Exists(shared), "../shared/datasets is not beside the repository.");
        foreach (string name in BuiltInDatasets.Names)
        {
            string shipped = Path.Combine(FindRepositoryRoot(), "src", "MicroNet.Data", "Datasets", name + ".csv");
            Assert.Equal(File.ReadAllBytes(Path.Combine(shared, name + ".csv")), File.ReadAllBytes(shipped));
        }
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MicroNet.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("MicroNet.slnx not found above the test folder.");
    }
}
