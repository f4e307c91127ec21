using System.Globalization;
using MicroNet.Data;
using MicroNet.Pipeline;
using Spectre.Console;

namespace MicroNet.Cli.Commands.Train;

/// <summary>The table a --csv run prints before training: each column, the role it was given, its distinct and missing cells, and why.</summary>
internal static class SchemaTable
{
    public static void Write(IAnsiConsole console, bool isTerminal, TrainingRun run)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        string notes = run.Source.Notes.Count == 0 ? "" : $" ({string.Join("; ", run.Source.Notes)})";
        console.Profile.Out.Writer.WriteLine($"The columns of {run.Source.DescriptionInSentence}{notes}:");
        var table = new Table()
            .Border(isTerminal ? TableBorder.Rounded : TableBorder.None)
            .AddColumn("column")
            .AddColumn("role")
            .AddColumn(new TableColumn("distinct").RightAligned())
            .AddColumn(new TableColumn("missing").RightAligned())
            .AddColumn(new TableColumn("features").RightAligned())
            .AddColumn("why");
        foreach (ColumnReport column in run.Source.Columns)
        {
            string role = ColumnRoleExtensions.Names.NameOf(column.Role);
            table.AddRow(
                new Text(UserText.Quote(column.Name)),
                isTerminal && column.Role.IsLeftOut() ? new Text(role, new Style(Color.Grey)) : new Text(role),
                new Text(column.Distinct.ToString(c)),
                new Text(column.Missing.ToString(c)),
                new Text(column.Features.ToString(c)),
                new Text(column.Reason));
        }
        console.Write(table);
    }
}
