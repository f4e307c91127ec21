using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MicroNet.Drawing;
using MicroNet.Expressions;

namespace MicroNet.Cli.Commands.Grad;

/// <summary><c>micronet grad</c>: the value of an expression and the derivative of it with respect to every variable.</summary>
internal static class GradCommand
{
    public static Command Create(string dotExecutable)
    {
        var expression = new Argument<string>("expression")
        {
            Description = "The expression, in Python's syntax: numbers, variables, + - * / **, parentheses, tanh exp log relu sigmoid and pow(a, b).",
        };
        var assignments = new Argument<string[]>("assignments")
        {
            Description = "A value for each variable, as NAME=VALUE (for example x=2 w=-3.5).",
            Arity = ArgumentArity.ZeroOrMore,
            HelpName = "NAME=VALUE",
        };
        Option<bool> json = CliOptions.Flag("--json", "Print {\"value\": ..., \"grad\": {...}} with 17 significant digits; NaN and infinities as strings.");
        Option<string> graph = CliOptions.DrawingPath("--graph", "Also draw the expression's graph to this file: .dot, .svg or .png (the last two need Graphviz).");
        Command command = CliOptions.Command("grad", "Print the value of an expression and its gradient with respect to each variable.",
            [expression, assignments, json, graph],
            parseResult => Run(parseResult.GetRequiredValue(expression), parseResult.GetValue(assignments) ?? [], parseResult.GetValue(json),
                parseResult.GetValue(graph), dotExecutable, parseResult.InvocationConfiguration));
        OutputGuard.Add(command, graph);
        return command;
    }

    private static int Run(string text, string[] assignments, bool json, string? graphPath, string dotExecutable, InvocationConfiguration io)
    {
        if (!TryReadAssignments(assignments, out List<(string Name, double Value)> values, out string? problem))
        {
            io.Error.WriteLine(problem);
            return ExitCodes.UsageError;
        }
        ExpressionResult result;
        try
        {
            Expression parsed = Expression.Parse(text);
            result = parsed.Evaluate(values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal));
        }
        catch (ExpressionException e)
        {
            // The one place an error takes more than a line: the expression with a caret under the culprit.
            io.Error.WriteLine(e.Message);
            if (e.Position >= 0)
            {
                io.Error.WriteLine(Indent(Expression.ShowPosition(text, e.Position)));
            }
            return ExitCodes.UsageError;
        }

        Value output = result.Output;
        output.Backward();
        var leaves = result.Variables.ToDictionary(v => v.Label, StringComparer.Ordinal);
        // A variable given but not used in the expression has derivative 0.
        List<(string Name, double Grad)> grads = [.. values.Select(v => (v.Name, leaves.TryGetValue(v.Name, out Value? leaf) ? leaf.Grad : 0.0))];
        io.Output.WriteLine(json ? ToJson(output.Data, grads) : ToText(output.Data, grads));

        if (graphPath is not null)
        {
            GraphDrawing.Draw(output, graphPath, RankDirection.LeftToRight, dotExecutable);
            if (!json)
            {
                io.Output.WriteLine($"Drew the graph to '{graphPath}'.");
            }
        }
        return ExitCodes.Success;
    }

    private static bool TryReadAssignments(string[] assignments, out List<(string Name, double Value)> values, out string? problem)
    {
        values = [];
        foreach (string assignment in assignments)
        {
            int equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problem = $"Expected NAME=VALUE, such as x=2, but got '{assignment}'.";
                return false;
            }
            string name = assignment[..equals].Trim();
            string text = assignment[(equals + 1)..].Trim();
            if (!IsName(name))
            {
                problem = $"'{name}' in '{assignment}' is not a variable name; use letters, digits and _ and start with a letter or _.";
                return false;
            }
            if (values.Any(v => v.Name == name))
            {
                problem = $"Variable '{name}' is given more than once.";
                return false;
            }
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                problem = $"The value of '{name}' is not a number: '{text}'.";
                return false;
            }
            values.Add((name, value));
        }
        problem = null;
        return true;
    }

    private static bool IsName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string ToText(double value, List<(string Name, double Grad)> grads)
    {
        int width = grads.Count == 0 ? 0 : grads.Max(g => g.Name.Length) + 3;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{"value".PadRight(width)} = {Format(value)}");
        foreach ((string name, double grad) in grads)
        {
            text.Append('\n').Append(CultureInfo.InvariantCulture, $"{("d/d" + name).PadRight(width)} = {Format(grad)}");
        }
        return text.ToString();

        static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);
    }

    private static string ToJson(double value, List<(string Name, double Grad)> grads)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("value");
            WriteNumber(writer, value);
            writer.WriteStartObject("grad");
            foreach ((string name, double grad) in grads)
            {
                writer.WritePropertyName(name);
                WriteNumber(writer, grad);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    // JSON has no NaN or infinity: those become the strings "NaN", "Infinity" and "-Infinity".
    private static void WriteNumber(Utf8JsonWriter writer, double x)
    {
        if (double.IsFinite(x))
        {
            writer.WriteRawValue(x.ToString("G17", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteStringValue(double.IsNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static string Indent(string lines) => "  " + lines.Replace("\n", "\n  ", StringComparison.Ordinal);
}
