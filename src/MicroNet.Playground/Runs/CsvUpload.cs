using System.Globalization;
using System.Text.Json;
using MicroNet.Data;
using MicroNet.Playground.Http;

namespace MicroNet.Playground.Runs;

/// <summary>
/// A CSV file from the page, read with the library's CSV reader and loader, so that a bad file gets the messages
/// <c>micronet train --csv</c> gives. First the page learns the columns (<see cref="WriteColumns"/>), then it picks an
/// x, a y and a label column and gets the points (<see cref="ToPoints"/>).
/// </summary>
internal static class CsvUpload
{
    /// <summary>Reads the file's text.</summary>
    /// <exception cref="RequestException">The file is too large or not a usable CSV table; the message is the loader's.</exception>
    public static CsvTable Read(string fileName, string text)
    {
        if (text.Length > PlaygroundLimits.MaxCsvChars)
        {
            throw new RequestException(Invariant(
                $"The file '{UserText.Quote(fileName)}' has {text.Length} characters; the playground takes CSV files of up to {PlaygroundLimits.MaxCsvChars} (1 MiB). Sample some rows first."));
        }
        try
        {
            return CsvTable.Read(new StringReader(text), fileName);
        }
        catch (DataFileException e)
        {
            throw new RequestException(e.Message, e);
        }
    }

    /// <summary>Writes the file's name, row count and columns, each with whether every cell is a number (or missing).</summary>
    public static void WriteColumns(Utf8JsonWriter writer, CsvTable table)
    {
        writer.WriteStartObject();
        writer.WriteString("file", table.FileName);
        writer.WriteNumber("rows", table.Count);
        writer.WriteStartArray("columns");
        foreach (string name in table.Header)
        {
            IReadOnlyList<string> cells = table.Column(name);
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WriteBoolean("numeric", cells.All(c => FeatureSchema.IsMissing(c) || FeatureSchema.TryParseNumber(c, out _)));
            writer.WriteNumber("distinct", cells.Distinct(StringComparer.Ordinal).Count());
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>
    /// The points of columns <paramref name="x"/> and <paramref name="y"/> labelled by <paramref name="label"/>, as the
    /// CSV loader reads them: text or few whole numbers make classes, other numbers a regression target.
    /// </summary>
    /// <exception cref="RequestException">A column is missing or not numeric, a cell is bad, or there are too many rows or classes.</exception>
    public static UploadedPoints ToPoints(CsvTable table, string x, string y, string label, bool dropMissing)
    {
        if (x == y || x == label || y == label)
        {
            throw new RequestException("Pick three different columns for x, y and the label.");
        }
        CsvData csv;
        try
        {
            csv = CsvLoader.Load(table, label, new CsvOptions
            {
                IgnoredColumns = [.. table.Header.Where(h => h != x && h != y && h != label)],
                Missing = dropMissing ? MissingValuePolicy.Drop : MissingValuePolicy.Error,
            });
        }
        catch (DataFileException e)
        {
            throw new RequestException(e.Message, e);
        }
        foreach (string axis in new[] { x, y })
        {
            FeatureColumn column = csv.Schema.Columns.First(c => c.Name == axis);
            if (column.Kind != ColumnKind.Numeric)
            {
                throw new RequestException(
                    $"{table.FileName}: column '{axis}' holds text such as '{UserText.Quote(column.Categories[0])}', so it cannot be an axis; pick a column of numbers.");
            }
        }
        Dataset data = csv.Dataset;
        if (data.Count > PlaygroundLimits.MaxPoints)
        {
            throw new RequestException(Invariant(
                $"{table.FileName} has {data.Count} rows; the playground takes at most {PlaygroundLimits.MaxPoints} points. Sample some rows first."));
        }
        if (data.ClassCount > PlaygroundLimits.MaxClasses)
        {
            throw new RequestException(Invariant(
                $"{table.FileName}: the label '{label}' has {data.ClassCount} classes; the playground colours at most {PlaygroundLimits.MaxClasses}. Pick another label column."));
        }
        int xi = data.FeatureNames.ToList().IndexOf(x), yi = data.FeatureNames.ToList().IndexOf(y);
        PlaygroundPoint[] points = [.. Enumerable.Range(0, data.Count).Select(i => new PlaygroundPoint(data.Features[i][xi], data.Features[i][yi], data.Targets[i]))];
        return new UploadedPoints(x, y, label, data.ClassNames, points);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
