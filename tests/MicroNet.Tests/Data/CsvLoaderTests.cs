using MicroNet.Data;
using MicroNet.Tests.Support;

namespace MicroNet.Tests.Data;

public static class CsvLoaderTests
{
    private static CsvData Load(string text, string target = "y", CsvOptions? options = null)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["data.csv"], text);
        return CsvLoader.Load(folder["data.csv"], target, options);
    }

    private static DataFileException LoadFails(string text, string target = "y", CsvOptions? options = null)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["data.csv"], text);
        var e = Assert.Throws<DataFileException>(() => CsvLoader.Load(folder["data.csv"], target, options));
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("data.csv", e.Message, StringComparison.Ordinal);
        return e;
    }

    private static DataFileException LoadFailsSaying(string text, string target, params string[] messageParts)
    {
        DataFileException e = LoadFails(text, target);
        foreach (string part in messageParts)
        {
            Assert.Contains(part, e.Message, StringComparison.Ordinal);
        }
        return e;
    }

    private static DataFileException LoadFailsAt(int lineNumber, string columnName, string text, CsvOptions? options = null)
    {
        DataFileException e = LoadFails(text, options: options);
        Assert.Equal(lineNumber, e.LineNumber);
        Assert.Equal(columnName, e.ColumnName);
        return e;
    }

    [Fact]
    public static void Load_QuotedFieldsWithCommasAndQuotes_AreOneCellEach()
    {
        CsvData data = Load("name,x,label\n\"Smith, J.\",1.5,a\n\"say \"\"hi\"\"\",2.5,b\n\"Smith, J.\",3,a\n", "label");

        Assert.Equal(["name=Smith, J.", "name=say \"hi\"", "x"], data.Dataset.FeatureNames);
        Assert.Equal([1.0, 0.0, 1.5], data.Dataset.Features[0]);
        Assert.Equal([0.0, 1.0, 2.5], data.Dataset.Features[1]);
        Assert.Equal(',', data.Separator);
    }

    [Fact]
    public static void Load_SemicolonSeparator_IsDetectedFromTheHeader()
    {
        CsvData data = Load("a;b;y\n1.5;2;x\n3;4e-1;z\n");

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
        CsvData data = Load($"a{separator}b{separator}y\n1{separator}2{separator}x\n3{separator}4{separator}z\n");

        Assert.Equal(separator, data.Separator);
        Assert.Equal([3.0, 4.0], data.Dataset.Features[1]);
    }

    [Fact]
    public static void Load_SeparatorGiven_OverridesDetection()
    {
        // With '|' given, the commas are part of the cells: a is categorical "1,5" / "2,5".
        CsvData data = Load("a|y\n1,5|p\n2,5|q\n", options: new CsvOptions { Separator = '|' });

        Assert.Equal(["a=1,5", "a=2,5"], data.Dataset.FeatureNames);
    }

    [Fact]
    public static void Load_TextColumn_IsOneHotInSortedOrder()
    {
        CsvData data = Load("colour,size,y\nred,1,0\nblue,2,1\ngreen,3,0\nred,4,1\n");

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
        string rows = string.Concat(Enumerable.Range(0, 12).Select(i => $"{i},{i * 1.5}\n"));
        CsvData data = Load("x,y\n" + rows);

        Assert.Equal(ProblemKind.Regression, data.Dataset.Kind);
        Assert.Equal(16.5, data.Dataset.Targets[11]);
        Assert.Empty(data.Schema.ClassNames);
    }

    [Fact]
    public static void Load_FewWholeNumberTargets_AreClassesSortedByValue()
    {
        CsvData data = Load("x,y\n1,10\n2,2\n3,10\n4,7\n");

        Assert.Equal(ProblemKind.MulticlassClassification, data.Dataset.Kind);
        Assert.Equal(["2", "7", "10"], data.Dataset.ClassNames);
        Assert.Equal([2.0, 0.0, 2.0, 1.0], data.Dataset.Targets);
    }

    [Fact]
    public static void Load_KindOverride_MakesWholeNumbersRegression()
    {
        CsvData data = Load("x,y\n1,10\n2,2\n", options: new CsvOptions { Task = TaskKind.Regression });

        Assert.Equal(ProblemKind.Regression, data.Dataset.Kind);
        Assert.Equal([10.0, 2.0], data.Dataset.Targets);
    }

    [Fact]
    public static void Load_RegressionOverrideOnTextTarget_NamesLineAndColumn()
    {
        DataFileException e = LoadFailsAt(3, "y", "x,y\n1,2\n2,three\n", new CsvOptions { Task = TaskKind.Regression });
        Assert.Contains("'three'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Load_MissingValue_ErrorNamesFileLineAndColumn()
    {
        DataFileException e = LoadFailsAt(3, "b", "a,b,y\n1,2,p\n3,,q\n4,5,p\n");

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
    public static void Load_MissingTokens_CountAsMissing(string token) =>
        Assert.Equal(3, LoadFails($"a,y\n1,p\n{token},q\n").LineNumber);

    [Fact]
    public static void Load_DropMissing_LeavesRowsOutAndCountsThem()
    {
        CsvData data = Load("a,b,y\n1,2,p\n3,,q\n4,5,NA\n6,7,q\n,,\n", options: new CsvOptions { Missing = MissingValuePolicy.Drop });

        Assert.Equal(3, data.DroppedRowCount);
        Assert.Equal(2, data.Dataset.Count);
        Assert.Equal([2, 5], data.LineNumbers);
        Assert.Equal([6.0, 7.0], data.Dataset.Features[1]);
    }

    [Fact]
    public static void Load_TextInNumericColumn_NamesLineAndColumn()
    {
        DataFileException e = LoadFailsAt(4, "b", "a,b,y\n1,2,p\n3,4,q\n5,six,p\n7,8,q\n");
        Assert.Contains("'six' is not a number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Load_DecimalComma_IsNotReadAsANumber()
    {
        // "1,5" quoted in a comma file is text; three of four cells are numbers, so it is the odd one out.
        Assert.Equal(4, LoadFails("a,y\n1.5,p\n2.5,q\n\"3,5\",p\n4.5,q\n").LineNumber);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("a,b,y\n", "no data rows")]
    public static void Load_NoDataRows_SaysWhy(string text, string expected) => LoadFailsSaying(text, "y", expected);

    [Fact]
    public static void Load_UnknownTarget_ListsTheColumns() => LoadFailsSaying("a,b,y\n1,2,3\n", "Y", "'Y'", "'a', 'b', 'y'");

    [Fact]
    public static void Load_WrongCellCount_NamesTheLine() =>
        Assert.Equal(3, LoadFailsSaying("a,b,y\n1,2,p\n3,4\n", "y", "2 cells", "3 columns").LineNumber);

    [Fact]
    public static void Load_DuplicateColumn_NamesIt() => Assert.Equal(1, LoadFailsSaying("a,b,a,y\n1,2,3,p\n", "y", "'a'").LineNumber);

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
        LoadFailsAt(5, "a", "a,b,y\n1,x,p\n2,\"two\nlines\",q\n,z,p\n");
    }

    [Fact]
    public static void Load_SingleTargetValue_SaysNothingToLearn() =>
        Assert.Equal("y", LoadFails("a,y\n1,p\n2,p\n").ColumnName);

    [Fact]
    public static void Load_IgnoredAndCategoricalColumns_AreHonoured()
    {
        CsvData data = Load("id,code,x,y\n1,10,0.5,p\n2,20,1.5,q\n",
            options: new CsvOptions { IgnoredColumns = ["id"], CategoricalColumns = ["code"] });

        Assert.Equal(["code=10", "code=20", "x"], data.Dataset.FeatureNames);
    }
}
