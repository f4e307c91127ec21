using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MicroNet.Cli;

/// <summary>The tables <c>train</c> and <c>evaluate</c> share.</summary>
internal static class ReportTables
{
    /// <summary>A confusion matrix, rows the true class and columns the predicted one, the diagonal green on a terminal.</summary>
    public static void WriteConfusionMatrix(IAnsiConsole console, bool isTerminal, IReadOnlyList<IReadOnlyList<int>> matrix, IReadOnlyList<string> classNames)
    {
        var table = new Table().Border(isTerminal ? TableBorder.Rounded : TableBorder.None).AddColumn(new TableColumn(new Text("true \\ predicted")));
        foreach (string name in classNames)
        {
            table.AddColumn(new TableColumn(new Text(name)).RightAligned());
        }
        for (int t = 0; t < matrix.Count; t++)
        {
            List<IRenderable> cells = [new Text(classNames[t])];
            for (int p = 0; p < matrix[t].Count; p++)
            {
                string count = matrix[t][p].ToString(CultureInfo.InvariantCulture);
                cells.Add(isTerminal && t == p ? new Text(count, new Style(Color.Green)) : new Text(count));
            }
            table.AddRow(cells);
        }
        console.Write(table);
    }
}
