using MicroNet.Data;
using MicroNet.Tests.Support;

namespace MicroNet.Tests.Data;

public static class FeatureSchemaTests
{
    private const string Training = "colour,size,y\nred,1,p\nblue,3,q\nred,5,p\n";

    private static CsvData LoadTraining(TempFolder folder)
    {
        File.WriteAllText(folder["train.csv"], Training);
        return CsvLoader.Load(folder["train.csv"], "y");
    }

    private static FeatureSchema TrainingSchema()
    {
        using var folder = new TempFolder();
        return LoadTraining(folder).Schema;
    }

    // Encodes one row of a new file, new.csv, against the training schema; it must fail.
    private static DataFileException EncodeFails(string colour, string size, int lineNumber)
    {
        FeatureSchema schema = TrainingSchema();
        return Assert.Throws<DataFileException>(() =>
            schema.Encode(new Dictionary<string, string> { ["colour"] = colour, ["size"] = size }, "new.csv", lineNumber));
    }

    [Fact]
    public static void Transform_ReorderedColumnsWithoutTarget_GivesTheTrainingFeatures()
    {
        using var folder = new TempFolder();
        CsvData data = LoadTraining(folder);
        FeatureSchema schema = data.Schema.WithStandardizer(Standardizer.Fit(data.Dataset));
        File.WriteAllText(folder["new.csv"], "extra,size,colour\nzzz,5,red\n");
        CsvTable table = CsvTable.Read(folder["new.csv"]);

        schema.CheckHeader(table.Header, table.FileName, requireTarget: false);
        double[] features = schema.Transform(table.RowByName(0), table.FileName, table.LineNumbers[0]);

        // Features colour=blue, colour=red, size over the training rows:
        // colour=blue 0,1,0 (mean 1/3, sd sqrt(2)/3); colour=red 1,0,1 (mean 2/3, sd sqrt(2)/3); size 1,3,5 (mean 3, sd sqrt(8/3)).
        Approx.Equal((0 - 1.0 / 3) / (Math.Sqrt(2) / 3), features[0], 1e-12);
        Approx.Equal((1 - 2.0 / 3) / (Math.Sqrt(2) / 3), features[1], 1e-12);
        Approx.Equal((5 - 3) / Math.Sqrt(8.0 / 3), features[2], 1e-12);
        // The last training row is red, 5: the same features as the dataset row, standardised.
        Assert.Equal(schema.Standardize(data.Dataset.Features[2]), features);
    }

    [Fact]
    public static void Encode_UnseenCategory_NamesLineAndColumn()
    {
        DataFileException e = EncodeFails("green", "1", 7);

        Assert.Equal("'new.csv' line 7, column 'colour': 'green' is not one of the categories seen in training (blue, red).", e.Message);
    }

    [Fact]
    public static void Encode_TextInNumericColumn_NamesLineAndColumn()
    {
        DataFileException e = EncodeFails("red", "big", 3);

        Assert.Equal(3, e.LineNumber);
        Assert.Equal("size", e.ColumnName);
        Assert.Contains("'big' is not a number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void Encode_MissingCell_IsAnErrorNotZero()
    {
        DataFileException e = EncodeFails("red", "", 4);

        Assert.Contains("line 4, column 'size'", e.Message, StringComparison.Ordinal);
        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void CheckHeader_AbsentColumn_ListsTheHeader()
    {
        FeatureSchema schema = TrainingSchema();

        var e = Assert.Throws<DataFileException>(() => schema.CheckHeader(["colour", "y"], "new.csv", requireTarget: true));

        Assert.Contains("'size'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'colour', 'y'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public static void ParseTarget_NumericClassWrittenDifferently_MatchesByValue()
    {
        var schema = new FeatureSchema([FeatureColumn.Numeric("x")], "y", ProblemKind.BinaryClassification, ["0", "1"]);

        Assert.Equal(1.0, schema.ParseTarget("1.0"));
        Assert.Equal(0.0, schema.ParseTarget(" 0 "));
        Assert.Throws<DataFileException>(() => schema.ParseTarget("2", "f.csv", 2));
    }
}
