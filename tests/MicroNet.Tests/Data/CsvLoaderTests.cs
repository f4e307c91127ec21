using MicroNet.Data;
using MicroNet.Tests.Support;

namespace MicroNet.Tests.Data;

public static class CsvLoaderTests
{
    private static CsvData LoadText(TempFolder folder, string text, string target, CsvOptions? options = null, string name = "data.csv")
    {
        File.WriteAllText(folder[name], text);
        return CsvLoader.Load(folder[name], target, options);
    }

    private static DataFileException LoadFails(string text, string target, CsvOptions? options = null)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["data.csv"], text);
        var e = Assert.Throws<DataFileException>(() => CsvLoader.Load(folder["data.csv"], target, options));
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("data.csv", e.Message, StringComparison.Ordinal);
        return e;
    }

    [Fact]
    public static void Load_QuotedFieldsWithCommasAndQuotes_AreOneCellEach()
    {
        using var folder = new TempFolder();
        CsvData data = LoadText(folder, "name,x,label\n\"Smith, J.\",1.5,a\n\"say \"\"hi\"\"\",2.5,b\n\"Smith, J.\",3,a\n", "label");

        Assert.Equal(["name=Smith, J.", "name=say \"hi\"", "x"], data.Dataset.FeatureNames);
        Assert.Equal([1.0, 0.0, 1.5], data.Dataset.Features[0]);
        Assert.Equal([0.0, 1.0, 2.5], data.Dataset.Features[1]);
        Assert.Equal(',', data.Separator);
    }

    [Fact]
    public static void Load_SemicolonSeparator_IsDetectedFromTheHeader()
    {
        using var folder = new TempFolder();
        CsvData data = LoadText(folder, "a;b;y\n1.5;2;x\n3;4e-1;z\n", "y");

        Assert.Equal(';', data.Separator);
        Assert.Equal([1.5, 2.0], data.Dataset.Features[0]);
        Assert.Equal([3.0, 0.4], data.Dataset.Features[1]);
        Assert.Equal(["x", "z"], data.Dataset.ClassNames);
    }

    [Theory]
    [InlineData('\t')]
    [InlineData('|')]
    [InlineData(',')]
    public static void Load_OtherSeparators_AreDetected(char separator)
    {
        using var folder = new TempFolder();
        CsvData data = LoadText(folder, $"a{separator}b{separator}y\n1{separator}2{separator}x\n3{separator}4{separator}z\n", "y");

        Assert.Equal(separator, data.Separator);
        Assert.Equal([3.0, 4.0], data.Dataset.Features[1]);
    }

    [Fact]
    public static void Load_SeparatorGiven_OverridesDetection()
    {
        using var folder = new TempFolder();
        // With '|' given, the commas are part of the cells: a is categorical "1,5" / "2,5".
        CsvData data = LoadText(folder, "a|y\n1,5|p\n2,5|q\n", "y", new CsvOptions { Separator = '|' });

        Assert.Equal(["a=1,5", "a=2,5"], data.Dataset.FeatureNames);
    }

    [Fact]
    public static void Load_TextColumn_IsOneHotInSortedOrder()
    {
        using var folder = new TempFolder();
        CsvData data = LoadText(folder, "colour,size,y\nred,1,0\nblue,2,1\ngreen,3,0\nred,4,1\n", "y");

        FeatureColumn colour = data.Schema.Columns[0];
        Assert.Equal(ColumnKind.Categorical, colour.Kind);
        Assert.Equal(["blue", "green", "red"], colour.Categories);
        Assert.Equal(["colour=blue", "colour=green", "colour=red", "size"], data.Dataset.FeatureNames);
        Assert.Equal([0.0, 0.0, 1.0, 1.0], data.Dataset.Features[0]);
        Assert.Equal([1.0, 0.0, 0.0, 2.0], data.Dataset.Features[1]);
        Assert.Equal([0.0, 1.0, 0.0, 3.0], data.Dataset.Features[2]);
        Assert.Equal(ProblemKind.BinaryClassification, data.Dataset.Kind);
        Assert.Equal(["0", "1"], data.Dataset.ClassNames);
        Assert.Equal([0.0, 1.0, 0.0, 1.0], data.Dataset.Targets);
    }

    [Fact]
    public static void Load_NumericTargetWithManyValues_IsRegression()
    {
        using var folder = new TempFolder();
        string rows = string.Concat(Enumerable.Range(0, 12).Select(i => $"{i},{i * 1.5}\n"));
        CsvData data = LoadText(folder, "x,y\n" + rows, "y");

        Assert.Equal(ProblemKind.Regression, data.Dataset.Kind);
        Assert.Equal(16.5, data.Dataset.Targets[11]);
        Assert.Empty(data.Schema.ClassNames);
    }

    [Fact]
    public static void Load_FewWholeNumberTargets_AreClassesSortedByValue()
    {
        using var folder = new TempFolder();
        CsvData data = LoadText(folder, "x,y\n1,10\n2,2\n3,10\n4,7\n", "y");

        Assert.Equal(ProblemKind.MulticlassClassification, data.Dataset.Kind);
        Assert.Equal(["2", "7", "10"], data.Dataset.ClassNames);
        Assert.Equal([2.0, 0.0, 2.0, 1.0], data.Dataset.Targets);
    }

    [Fact]
    public static void Load_KindOverride_MakesWholeNumbersRegression()
    {
        using var folder = new TempFolder();
        CsvData data = LoadText(folder, "x,y\n1,10\n2,2\n", "y", new CsvOptions { Kind = ProblemKind.Regression });

        Assert.Equal(ProblemKind.Regression, data.Dataset.Kind);
        Assert.Equal([10.0, 2.0], data.Dataset.Targets);
    }

    [Fact]
    public static void Load_RegressionOverrideOnTextTarget_NamesLineAndColumn()
    {
        DataFileException e = LoadFails("x,y\n1,2\n2,three\n", "y", new CsvOptions { Kind = ProblemKind.Regression });

        Assert.Equal(3, e.LineNumber);
        Assert.Equal("y", e.ColumnName);
        Assert.Contains("'three'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Load_MissingValue_ErrorNamesFileLineAndColumn()
    {
        DataFileException e = LoadFails("a,b,y\n1,2,p\n3,,q\n4,5,p\n", "y");

        Assert.Equal(3, e.LineNumber);
        Assert.Equal("b", e.ColumnName);
        Assert.StartsWith("'", e.Message, StringComparison.Ordinal);
        Assert.Contains("line 3, column 'b'", e.Message, StringComparison.Ordinal);
        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NA")]
    [InlineData("na")]
    [InlineData("NaN")]
    [InlineData("?")]
    [InlineData(" ")]
    public static void Load_MissingTokens_CountAsMissing(string token)
    {
        DataFileException e = LoadFails($"a,y\n1,p\n{token},q\n", "y");
        Assert.Equal(3, e.LineNumber);
    }

    [Fact]
    public static void Load_DropMissing_LeavesRowsOutAndCountsThem()
    {
        using var folder = new TempFolder();
        CsvData data = LoadText(folder, "a,b,y\n1,2,p\n3,,q\n4,5,NA\n6,7,q\n,,\n", "y", new CsvOptions { Missing = MissingValuePolicy.Drop });

        Assert.Equal(3, data.DroppedRowCount);
        Assert.Equal(2, data.Dataset.Count);
        Assert.Equal([2, 5], data.LineNumbers);
        Assert.Equal([6.0, 7.0], data.Dataset.Features[1]);
    }

    [Fact]
    public static void Load_TextInNumericColumn_NamesLineAndColumn()
    {
        DataFileException e = LoadFails("a,b,y\n1,2,p\n3,4,q\n5,six,p\n7,8,q\n", "y");

        Assert.Equal(4, e.LineNumber);
        Assert.Equal("b", e.ColumnName);
        Assert.Contains("'six' is not a number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Load_DecimalComma_IsNotReadAsANumber()
    {
        // "1,5" quoted in a comma file is text; three of four cells are numbers, so it is the odd one out.
        DataFileException e = LoadFails("a,y\n1.5,p\n2.5,q\n\"3,5\",p\n4.5,q\n", "y");
        Assert.Equal(4, e.LineNumber);
    }

    [Fact]
    public static void Load_EmptyFile_SaysItIsEmpty()
    {
        DataFileException e = LoadFails("", "y");
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Load_HeaderOnly_SaysThereAreNoRows()
    {
        DataFileException e = LoadFails("a,b,y\n", "y");
        Assert.Contains("no data rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Load_UnknownTarget_ListsTheColumns()
    {
        DataFileException e = LoadFails("a,b,y\n1,2,3\n", "Y");
        Assert.Contains("'Y'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'a', 'b', 'y'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Load_WrongCellCount_NamesTheLine()
    {
        DataFileException e = LoadFails("a,b,y\n1,2,p\n3,4\n", "y");
        Assert.Equal(3, e.LineNumber);
        Assert.Contains("2 cells", e.Message, StringComparison.Ordinal);
        Assert.Contains("3 columns", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Load_DuplicateColumn_NamesIt()
    {
        DataFileException e = LoadFails("a,b,a,y\n1,2,3,p\n", "y");
        Assert.Equal(1, e.LineNumber);
        Assert.Contains("'a'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Load_MissingFile_SaysItDoesNotExist()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<DataFileException>(() => CsvLoader.Load(folder["nope.csv"], "y"));
        Assert.Contains("nope.csv", e.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Load_QuotedLineBreak_LineNumbersFollowTheFile()
    {
        // The second row spans lines 3 and 4, so the third row starts on line 5.
        DataFileException e = LoadFails("a,b,y\n1,x,p\n2,\"two\nlines\",q\n,z,p\n", "y");
        Assert.Equal(5, e.LineNumber);
        Assert.Equal("a", e.ColumnName);
    }

    [Fact]
    public static void Load_SingleTargetValue_SaysNothingToLearn()
    {
        DataFileException e = LoadFails("a,y\n1,p\n2,p\n", "y");
        Assert.Equal("y", e.ColumnName);
    }

    [Fact]
    public static void Load_IgnoredAndCategoricalColumns_AreHonoured()
    {
        using var folder = new TempFolder();
        CsvData data = LoadText(folder, "id,code,x,y\n1,10,0.5,p\n2,20,1.5,q\n", "y",
            new CsvOptions { IgnoredColumns = ["id"], CategoricalColumns = ["code"] });

        Assert.Equal(["code=10", "code=20", "x"], data.Dataset.FeatureNames);
    }
}
