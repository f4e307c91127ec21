using MicroNet.Data;

namespace MicroNet.Tests.Data;

public static class DatasetTests
{
    // Row i is (i, -i) so that a row can be traced back to its index after shuffles and splits.
    private static Dataset Indexed(int count, Func<int, double> target, ProblemKind kind = ProblemKind.BinaryClassification) =>
        new([.. Enumerable.Range(0, count).Select(i => (IReadOnlyList<double>)[i, -i])], [.. Enumerable.Range(0, count).Select(target)], kind);

    private static int[] RowIds(Dataset data) => [.. data.Features.Select(row => (int)row[0])];

    [Fact]
    public static void Constructor_DefaultNames_AreXnAndClassIndices()
    {
        var data = new Dataset([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], [0.0, 1.0], ProblemKind.BinaryClassification);
        Assert.Equal(["x1", "x2", "x3"], data.FeatureNames);
        Assert.Equal(["0", "1"], data.ClassNames);
        Assert.Equal(2, data.Count);
        Assert.Equal(3, data.FeatureCount);
        Assert.Equal([0, 1], data.Classes);
    }

    [Fact]
    public static void Constructor_CopiesTheRows()
    {
        double[] row = [1.0, 2.0];
        var data = new Dataset([row], [3.0], ProblemKind.Regression);
        row[0] = 100;
        Assert.Equal(1.0, data.Features[0][0]);
    }

    [Fact]
    public static void Constructor_RowOfDifferentLength_ThrowsNamingBothSizes()
    {
        var error = Assert.Throws<ArgumentException>("features",
            () => new Dataset([[1.0, 2.0], [1.0, 2.0, 3.0]], [0.0, 1.0], ProblemKind.Regression));
        Assert.Contains("Expected 2 features", error.Message, StringComparison.Ordinal);
        Assert.Contains("row 1 has 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Constructor_TargetCountMismatch_ThrowsNamingBothSizes()
    {
        var error = Assert.Throws<ArgumentException>("targets",
            () => new Dataset([[1.0], [2.0], [3.0]], [0.0, 1.0], ProblemKind.Regression));
        Assert.Contains("3", error.Message, StringComparison.Ordinal);
        Assert.Contains("2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(2.0)]
    public static void Constructor_ClassTargetThatIsNotAClassIndex_Throws(double target) =>
        Assert.Throws<ArgumentException>("targets",
            () => new Dataset([[1.0], [2.0]], [0.0, target], ProblemKind.BinaryClassification, classNames: ["no", "yes"]));

    [Fact]
    public static void Constructor_BinaryWithThreeClasses_Throws() =>
        Assert.Throws<ArgumentException>("classNames",
            () => new Dataset([[1.0], [2.0], [3.0]], [0.0, 1.0, 2.0], ProblemKind.BinaryClassification));

    [Fact]
    public static void Regression_Classes_ThrowsAndClassCountIsZero()
    {
        var data = new Dataset([[1.0]], [0.25], ProblemKind.Regression);
        Assert.Equal(0, data.ClassCount);
        Assert.Empty(data.ClassNames);
        Assert.Throws<InvalidOperationException>(() => data.Classes);
        Assert.Throws<ArgumentException>("classNames", () => new Dataset([[1.0]], [0.25], ProblemKind.Regression, classNames: ["a", "b"]));
    }

    [Fact]
    public static void Shuffle_SameSeed_GivesSamePermutationKeepingRowsWithTargets()
    {
        Dataset data = Indexed(50, i => i % 2);
        Dataset a = data.Shuffle(7), b = data.Shuffle(7), c = data.Shuffle(8);

        Assert.Equal(RowIds(a), RowIds(b));
        Assert.NotEqual(RowIds(a), RowIds(c));
        Assert.Equal(Enumerable.Range(0, 50), RowIds(a).Order());
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(RowIds(a)[i] % 2, a.Classes[i]);
        }
    }

    [Fact]
    public static void Split_Classification_SplitsEachClassInProportion()
    {
        // 60 rows of class 0 and 40 of class 1; 50% / 25% / 25% of each class.
        Dataset data = Indexed(100, i => i < 60 ? 0 : 1);
        DatasetSplit split = data.Split(0.5, 0.25, seed: 3);

        Assert.Equal(30, split.Train.Classes.Count(c => c == 0));
        Assert.Equal(20, split.Train.Classes.Count(c => c == 1));
        Assert.Equal(15, split.Validation.Classes.Count(c => c == 0));
        Assert.Equal(10, split.Validation.Classes.Count(c => c == 1));
        Assert.Equal(15, split.Test.Classes.Count(c => c == 0));
        Assert.Equal(10, split.Test.Classes.Count(c => c == 1));
        int[] all = [.. RowIds(split.Train), .. RowIds(split.Validation), .. RowIds(split.Test)];
        Assert.Equal(Enumerable.Range(0, 100), all.Order());
    }

    [Fact]
    public static void Split_Classification_DoesNotLeaveAPartSortedByClass()
    {
        Dataset data = Indexed(100, i => i < 50 ? 0 : 1);
        DatasetSplit split = data.Split(0.8, 0, seed: 1);
        Assert.NotEqual(split.Train.Classes.Order(), split.Train.Classes);
    }

    [Fact]
    public static void Split_Regression_RoundsTheFractionsOfAllRows()
    {
        Dataset data = Indexed(10, i => i * 0.5, ProblemKind.Regression);
        DatasetSplit split = data.Split(0.7, 0.2, seed: 5);

        Assert.Equal(7, split.Train.Count);
        Assert.Equal(2, split.Validation.Count);
        Assert.Equal(1, split.Test.Count);
        Assert.All(Enumerable.Range(0, split.Train.Count), i => Assert.Equal(split.Train.Features[i][0] * 0.5, split.Train.Targets[i]));
    }

    [Fact]
    public static void Split_SameSeed_IsReproducible()
    {
        Dataset data = Indexed(40, i => i % 3 == 0 ? 1 : 0);
        Assert.Equal(RowIds(data.Split(0.6, 0.2, 11).Test), RowIds(data.Split(0.6, 0.2, 11).Test));
        Assert.NotEqual(RowIds(data.Split(0.6, 0.2, 11).Train), RowIds(data.Split(0.6, 0.2, 12).Train));
    }

    [Theory]
    [InlineData(0.0, 0.1)]
    [InlineData(1.1, 0.0)]
    [InlineData(0.8, -0.1)]
    [InlineData(0.8, 0.3)]
    public static void Split_InvalidFractions_Throw(double train, double validation) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Indexed(10, i => i % 2).Split(train, validation, 0));

    [Fact]
    public static void Batches_WithoutRandom_KeepOrderAndLastBatchHoldsTheRest()
    {
        Dataset data = Indexed(10, i => i % 2);
        Dataset[] batches = [.. data.Batches(4)];

        Assert.Equal([4, 4, 2], batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, 10), batches.SelectMany(RowIds));
    }

    [Fact]
    public static void Batches_SeededRandom_CoverEveryRowOncePerEpochInAReproducibleNewOrder()
    {
        Dataset data = Indexed(23, i => i % 2);
        var random = new Random(42);
        int[] epoch1 = [.. data.Batches(5, random).SelectMany(RowIds)];
        int[] epoch2 = [.. data.Batches(5, random).SelectMany(RowIds)];
        var replay = new Random(42);
        int[] replay1 = [.. data.Batches(5, replay).SelectMany(RowIds)];

        Assert.Equal(Enumerable.Range(0, 23), epoch1.Order());
        Assert.Equal(Enumerable.Range(0, 23), epoch2.Order());
        Assert.NotEqual(epoch1, epoch2);
        Assert.Equal(epoch1, replay1);
    }

    [Fact]
    public static void Batches_BatchSizeBelowOne_ThrowsImmediately() =>
        Assert.Throws<ArgumentOutOfRangeException>("batchSize", () => Indexed(3, i => 0).Batches(0));
}
