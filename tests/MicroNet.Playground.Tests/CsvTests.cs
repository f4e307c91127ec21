using System.Net;
using System.Text.Json.Nodes;
using MicroNet.Data;
using MicroNet.Playground.Tests.Support;

namespace MicroNet.Playground.Tests;

/// <summary>Uploaded CSV files: columns, points, and the CSV loader's own messages for bad files.</summary>
public static class CsvTests
{
    private const string Flowers = """
        petal_length,petal_width,species,note
        1.4,0.2,setosa,a
        1.3,0.2,setosa,b
        4.7,1.4,versicolor,c
        4.5,1.5,versicolor,d
        6.0,2.5,virginica,e
        5.1,1.9,virginica,f
        1.5,0.1,setosa,g
        4.0,1.3,versicolor,h
        """;

    [Fact]
    public static async Task Columns_SaysWhichAreNumeric()
    {
        await using TestServer server = await TestServer.StartAsync();

        JsonObject table = await server.PostAsync("/api/csv/columns", new { file = "flowers.csv", text = Flowers });

        Assert.Equal(8, (int)table["rows"]!);
        Assert.Equal(["petal_length", "petal_width", "species", "note"], table["columns"]!.AsArray().Select(c => (string)c!["name"]!));
        Assert.Equal([true, true, false, false], table["columns"]!.AsArray().Select(c => (bool)c!["numeric"]!));
    }

    [Fact]
    public static async Task UseCsv_MakesTheSessionsData_ThreeClasses()
    {
        await using TestServer server = await TestServer.StartAsync();
        string id = (string)(await server.CreateSessionAsync("layers=3&lr=0.1"))["id"]!;

        JsonObject snapshot = await server.PostAsync($"/api/sessions/{id}/csv",
            new { file = "flowers.csv", text = Flowers, x = "petal_length", y = "petal_width", label = "species" });

        Assert.Equal("multiclass", (string?)snapshot["kind"]);
        Assert.True((bool)snapshot["multiclass"]!);
        Assert.Equal(["setosa", "versicolor", "virginica"], snapshot["classes"]!.AsArray().Select(c => (string)c!));
        Assert.Equal("cross-entropy", (string?)snapshot["settings"]!["loss"]);
        Assert.Equal(0.1, (double)snapshot["settings"]!["lr"]!);
        Assert.Equal(8, snapshot["points"]!["x"]!.AsArray().Count);
        Assert.Equal("petal_length", (string?)snapshot["names"]!["x"]);
        string state = (string)snapshot["state"]!;
        Assert.StartsWith("data=csv&train=0.5&seed=1&features=x,y&layers=3&", state, StringComparison.Ordinal);
        Assert.Contains("&col=petal_length&col=petal_width&col=species&class=setosa&class=versicolor&class=virginica&pts=1.4:0.2:0;1.3:0.2:0;", state, StringComparison.Ordinal);
        Assert.Equal(2500, Convert.FromBase64String((string)snapshot["frame"]!["classes"]!).Length);

        // The link alone makes the same run in a new session.
        JsonObject again = await server.CreateSessionAsync(state);
        Assert.Equal(snapshot["points"]!.ToJsonString(), again["points"]!.ToJsonString());
        Assert.Equal(snapshot["frame"]!["boundary"]!.ToJsonString(), again["frame"]!["boundary"]!.ToJsonString());
    }

    [Theory]
    [InlineData("a,b\n1,2\n3\n", "a", "b", "a")]
    [InlineData("a,b,c\n1,2,x\n", "a", "d", "c")]
    [InlineData("", "a", "b", "c")]
    [InlineData("a,b,c\n1,2,3\n4,5,3\n", "a", "b", "c")]
    public static async Task BadFile_GetsTheLoadersMessage(string text, string x, string y, string label)
    {
        await using TestServer server = await TestServer.StartAsync();
        string id = (string)(await server.CreateSessionAsync())["id"]!;

        JsonObject error = await server.PostAsync($"/api/sessions/{id}/csv", new { file = "bad.csv", text, x, y, label }, HttpStatusCode.BadRequest);

        string expected = Expected(text, x, y, label);
        Assert.Equal(expected, (string?)error["error"]);
        Assert.Contains("bad.csv", expected, StringComparison.Ordinal);
    }

    [Fact]
    public static async Task TextColumnAsAxis_Is400()
    {
        await using TestServer server = await TestServer.StartAsync();
        string id = (string)(await server.CreateSessionAsync())["id"]!;

        JsonObject error = await server.PostAsync($"/api/sessions/{id}/csv",
            new { file = "flowers.csv", text = Flowers, x = "petal_length", y = "note", label = "species" }, HttpStatusCode.BadRequest);

        Assert.Equal("flowers.csv: column 'note' holds text such as 'a', so it cannot be an axis; pick a column of numbers.", (string?)error["error"]);
    }

    [Fact]
    public static async Task TooManyRows_Is400()
    {
        await using TestServer server = await TestServer.StartAsync();
        string text = "x,y,c\n" + string.Concat(Enumerable.Range(0, 1001).Select(i => $"{i},{i % 7},{i % 2}\n"));

        JsonObject error = await server.PostAsync("/api/sessions/" + (string)(await server.CreateSessionAsync())["id"]! + "/csv",
            new { file = "big.csv", text, x = "x", y = "y", label = "c" }, HttpStatusCode.BadRequest);

        Assert.Equal("big.csv has 1001 rows; the playground takes at most 1000 points. Sample some rows first.", (string?)error["error"]);
    }

    // What micronet train --csv says about the same text: the loader's message, untouched.
    private static string Expected(string text, string x, string y, string label)
    {
        try
        {
            CsvTable table = CsvTable.Read(new StringReader(text), "bad.csv");
            CsvLoader.Load(table, label, new CsvOptions { IgnoredColumns = [.. table.Header.Where(h => h != x && h != y && h != label)] });
            _ = table.IndexOf(y);
        }
        catch (DataFileException e)
        {
            return e.Message;
        }
        throw new InvalidOperationException("The file loads.");
    }
}
