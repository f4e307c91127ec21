using System.IO.Compression;
using System.Text;
using MicroNet.Data;
using MicroNet.Tests.Support;

namespace MicroNet.Tests.Data;

/// <summary>
/// The loader's decisions on files as people have them: each column's role and why, decimal commas, dates, identifiers,
/// constants, rare categories, and the shapes of file (gzip, a count line, spaces) it reads without help.
/// </summary>
public static class ColumnRoleTests
{
    private static CsvData Load(string text, string target = "y", CsvOptions? options = null, string name = "data.csv")
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder[name], text);
        return CsvLoader.Load(folder[name], target, options);
    }

    private static DataFileException Fails(string text, string target = "y", CsvOptions? options = null)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["data.csv"], text);
        var e = Assert.Throws<DataFileException>(() => CsvLoader.Load(folder["data.csv"], target, options));
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    private static ColumnReport Column(CsvData data, string name) => data.Columns.Single(c => c.Name == name);

    // Twelve rows: an ID, a name, a constant, a number, a category, a date, the class.
    private static string People(int rows = 12) => "id,name,country,height,colour,born,y\n" + string.Concat(Enumerable.Range(0, rows).Select(i =>
        $"{i + 1},Person {i},NL,{150 + 3 * i},{(i % 3 == 0 ? "red" : "blue")},19{70 + i}-0{1 + i % 9}-1{i % 10}{(i % 2 == 0 ? "T08:30:00" : "T17:00:00")},{(i % 2 == 0 ? "a" : "b")}\n"));

    [Fact]
    public static void Load_MixedTable_GivesEachColumnItsRoleAndReason()
    {
        CsvData data = Load(People());

        Assert.Equal(ColumnRole.Identifier, Column(data, "id").Role);
        Assert.Equal(ColumnRole.Identifier, Column(data, "name").Role);
        Assert.Contains("12 of 12 values are distinct", Column(data, "name").Reason, StringComparison.Ordinal);
        Assert.Equal(ColumnRole.Constant, Column(data, "country").Role);
        Assert.Contains("'NL'", Column(data, "country").Reason, StringComparison.Ordinal);
        Assert.Equal(ColumnRole.Numeric, Column(data, "height").Role);
        Assert.Equal(ColumnRole.Categorical, Column(data, "colour").Role);
        Assert.Equal(ColumnRole.Date, Column(data, "born").Role);
        Assert.Equal(ColumnRole.Target, Column(data, "y").Role);
        Assert.Equal(7, Column(data, "born").Features);
        Assert.Equal(["height", "colour=blue", "colour=red", "born:days", "born:month_sin", "born:month_cos", "born:weekday_sin", "born:weekday_cos",
            "born:hour_sin", "born:hour_cos"], data.Dataset.FeatureNames);
    }

    [Fact]
    public static void Load_Date_BecomesDaysMonthWeekdayAndHour()
    {
        CsvData data = Load(People());

        // Row 0: 1970-01-10T08:30, a Saturday: days since 2000-01-01, January (angle 0), weekday 6 of 7, 8.5 hours.
        double[] row = [.. data.Dataset.Features[0].Skip(3)];
        Approx.Equal((new DateTime(1970, 1, 10, 8, 30, 0) - new DateTime(2000, 1, 1)).TotalDays, row[0], 1e-12, "days");
        Approx.Equal(0, row[1], 1e-15, "month sin");
        Approx.Equal(1, row[2], 1e-15, "month cos");
        Approx.Equal(Math.Sin(2 * Math.PI * 6 / 7), row[3], 1e-15, "weekday sin");
        Approx.Equal(Math.Cos(2 * Math.PI * 8.5 / 24), row[6], 1e-15, "hour cos");
    }

    [Fact]
    public static void Load_Overrides_WinOverInference()
    {
        CsvData data = Load(People(), options: new CsvOptions
        {
            IgnoredColumns = ["height"],
            CategoricalColumns = ["id"],
            NumericColumns = [],
            DateColumns = [],
        });

        Assert.Equal(ColumnRole.Ignored, Column(data, "height").Role);
        Assert.Equal("--ignore", Column(data, "height").Reason);
        Assert.Equal(ColumnRole.Categorical, Column(data, "id").Role);
        Assert.DoesNotContain("height", data.Dataset.FeatureNames);
    }

    [Fact]
    public static void Load_ColumnGivenTwoRoles_IsAnError()
    {
        DataFileException e = Fails(People(), options: new CsvOptions { IgnoredColumns = ["height"], NumericColumns = ["height"] });

        Assert.Equal("height", e.ColumnName);
        Assert.Contains("one role", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Load_NumericOverrideOnText_NamesTheCell()
    {
        DataFileException e = Fails(People(), options: new CsvOptions { NumericColumns = ["colour"] });

        Assert.Contains("'red' is not a number, but --numeric names this column", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, e.LineNumber);
    }

    [Fact]
    public static void Load_SemicolonsAndDecimalCommas_AreNumbers()
    {
        CsvData data = Load("a;b;y\n5,1;3,5;setosa\n4,9;3;versicolor\n6,2;-0,5;setosa\n");

        Assert.Equal(',', data.Schema.DecimalSeparator);
        Assert.Equal([5.1, 3.5], data.Dataset.Features[0]);
        Assert.Equal([6.2, -0.5], data.Dataset.Features[2]);
        Assert.Equal(ColumnRole.Numeric, Column(data, "a").Role);
    }

    [Fact]
    public static void Load_DecimalGiven_OverridesDetection()
    {
        CsvData data = Load("a|y\n1,5|p\n2,5|q\n", options: new CsvOptions { Separator = '|', DecimalSeparator = ',' });

        Assert.Equal([1.5], data.Dataset.Features[0]);
    }

    [Theory]
    [InlineData("a,y\n\"1,234.5\",p\n2,q\n3,p\n4,q\n5,p\n", "'1,234.5' uses a thousands separator")]
    [InlineData("a;y\n1.234,5;p\n2;q\n3;p\n4;q\n5;p\n", "'1.234,5' uses a thousands separator")]
    public static void Load_ThousandsSeparator_IsRefusedNamingTheColumn(string text, string expected)
    {
        DataFileException e = Fails(text);

        Assert.Equal("a", e.ColumnName);
        Assert.Equal(2, e.LineNumber);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Load_NumericTargetWithAStrayCell_NamesItsLine()
    {
        string rows = string.Concat(Enumerable.Range(0, 40).Select(i => $"{i},{i * 1.5}\n"));
        DataFileException e = Fails("x,y\n" + rows + "41,abc\n" + "42,1e999\n");

        Assert.Equal("y", e.ColumnName);
        Assert.Equal(42, e.LineNumber);
        Assert.Contains("'abc' is not a number, but 40 of the target's 42 cells are", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Load_HalfNumbersHalfCodes_IsTextNotAnError()
    {
        // Like titanic's tickets: many are numbers, many are codes with letters; the column is text (here an identifier).
        string rows = string.Concat(Enumerable.Range(0, 20).Select(i => $"{(i % 2 == 0 ? (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture) : $"PC {i}")},{i},{i % 2}\n"));
        CsvData data = Load("ticket,x,y\n" + rows);

        Assert.Equal(ColumnRole.Identifier, Column(data, "ticket").Role);
    }

    [Fact]
    public static void Load_ManyCategories_GroupsTheRareOnesIntoOther()
    {
        // 12 common cities (3 rows each) and 5 seen once: more than 10 categories, so the single ones share (other).
        IEnumerable<string> cities = [.. Enumerable.Range(0, 12).SelectMany(i => Enumerable.Repeat($"city{i}", 3)), .. Enumerable.Range(0, 5).Select(i => $"rare{i}")];
        CsvData data = Load("city,y\n" + string.Concat(cities.Select((c, i) => $"{c},{i % 2}\n")));

        FeatureColumn city = data.Schema.Columns[0];
        Assert.Equal(12, city.Categories.Count);
        Assert.Equal(["rare0", "rare1", "rare2", "rare3", "rare4"], city.OtherCategories);
        Assert.Equal("city=(other)", data.Dataset.FeatureNames[^1]);
        Assert.Equal(1.0, data.Dataset.Features[^1][^1]);
        Assert.Contains("5 seen in fewer than the minimum rows share (other)", Column(data, "city").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public static void Load_Impute_LeavesMissingFeaturesAsNaNForTheSplitToFill()
    {
        CsvData data = Load("a,c,y\n1,red,p\n,blue,q\n3,,p\n4,red,q\n", options: new CsvOptions { Missing = MissingValuePolicy.Impute });

        Assert.Equal(4, data.Dataset.Count);
        Assert.True(double.IsNaN(data.Dataset.Features[1][0]));
        Assert.True(double.IsNaN(data.Dataset.Features[2][1]));
    }

    [Fact]
    public static void Load_GzippedFile_ReadsAsText()
    {
        using var folder = new TempFolder();
        using (FileStream file = File.Create(folder["data.csv.gz"]))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes("a,b,y\n1,2,p\n3,4,q\n"));
        }

        CsvData data = CsvLoader.Load(folder["data.csv.gz"], "y");

        Assert.Equal([3.0, 4.0], data.Dataset.Features[1]);
    }

    [Fact]
    public static void Load_CountLineAboveTheHeader_IsSkipped()
    {
        CsvData data = Load("2,2,,\n\"a\",\"b\",\"y\"\n1,2,p\n3,4,q\n");

        Assert.Equal(1, data.SkippedRows);
        Assert.Equal(["a", "b"], data.Dataset.FeatureNames);
        Assert.Equal(3, data.LineNumbers[0]);
    }

    [Fact]
    public static void Load_SkipRowsGiven_SkipsThatMany()
    {
        CsvData data = Load("exported by a tool\nsecond note\na,y\n1,p\n2,q\n", options: new CsvOptions { SkipRows = 2 });

        Assert.Equal(2, data.SkippedRows);
        Assert.Equal(4, data.LineNumbers[0]);
    }

    [Fact]
    public static void Load_SpaceSeparated_IsDetected()
    {
        CsvData data = Load("Chins Situps  Jumps\n5 162 60\n2   110 60\n12 101 101\n", target: "Jumps");

        Assert.Equal(' ', data.Separator);
        Assert.Equal([2.0, 110.0], data.Dataset.Features[1]);
    }

    [Fact]
    public static void Load_TargetNotFoundInAPacketHeader_HintsAtTheSeparator()
    {
        DataFileException e = Fails("Chins;Situps;Jumps\n5;162;60\n", target: "Jumps", options: new CsvOptions { Separator = ',' });

        Assert.Contains("another separator than comma", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Load_InvalidUtf8_NamesTheLineAndColumn()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder["data.csv"], [.. Encoding.UTF8.GetBytes("a,y\n1,setosa\n2,set"), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("osa\n")]);

        var e = Assert.Throws<DataFileException>(() => CsvLoader.Load(folder["data.csv"], "y"));

        Assert.Equal(3, e.LineNumber);
        Assert.Equal("y", e.ColumnName);
        Assert.Contains("not valid UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Read_QuoteNeverClosed_SaysSoWithTheLine()
    {
        DataFileException e = Fails("a,b,y\n1,2,p\n3,\"4,q\n5,6,p\n");

        Assert.Equal(3, e.LineNumber);
        Assert.Contains("may never be closed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Read_LineLongerThanTheLimit_IsRefusedWithoutReadingOn()
    {
        // A file with no line break (like /dev/zero) must not be read whole into memory.
        using var folder = new TempFolder();
        using (StreamWriter writer = File.CreateText(folder["data.csv"]))
        {
            writer.Write(new string('0', CsvReader.MaxRowLength + 10));
        }

        var e = Assert.Throws<DataFileException>(() => CsvReader.Open(folder["data.csv"]));

        Assert.Equal(1, e.LineNumber);
        Assert.Contains("longer than", e.Message, StringComparison.Ordinal);
    }
}
