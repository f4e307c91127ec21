using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MicroNet.Drawing;
using MicroNet.Expressions;

namespace MicroNet.Cli.Commands.Grad;

/// <summary>
/// <c>micronet grad</c>: the value of an expression and the derivative of it with respect to every variable; with
/// <c>--hessian</c> the second derivatives too, and with <c>--graph --order 2</c> a drawing of the gradient's own graph.
/// </summary>
internal static class GradCommand
{
    public static Command Create(string dotExecutable)
    {
        var expression = new Argument<string>("expression")
        {
            Description = "The expression, in Python's syntax: numbers, variables, + - * / **, parentheses, tanh exp log relu sigmoid softplus, "
                + "pow(a, b), logsumexp(a, b, ...), sum(a, b, ...) and dot([w1, w2, ...], [x1, x2, ...]).",
        };
        // Named as the usage line and the argument list both show it: [<NAME=VALUE>...].
        var assignments = new Argument<string[]>("NAME=VALUE")
        {
            Description = "A value for each variable (for example x=2 w=-3.5).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        Option<bool> json = CliOptions.Flag("--json",
            "Print {\"value\": ..., \"grad\": {...}} (and \"hessian\": [[...], ...] with --hessian) with 17 significant digits; NaN and infinities as strings.");
        Option<bool> hessian = CliOptions.Flag("--hessian",
            "Also print the second derivatives, d(d/dA)/dB for every pair of variables A and B, in the order the variables are given (with --json, one array per row).");
        Option<string> graph = CliOptions.DrawingPath("--graph", "Also draw the expression's graph to this file: .dot, .svg or .png (the last two need Graphviz).");
        var order = new Option<int>("--order")
        {
            Description = "What --graph draws: 1, the expression; 2, the graph of its gradient, each derivative a value made of the same ops (labelled d/dNAME).",
            HelpName = "1|2",
            DefaultValueFactory = _ => 1,
            CustomParser = result => CliOptions.Parse(result, "1 (the expression) or 2 (its gradient)", (string text, out int value) =>
                int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value is 1 or 2),
        };
        Command command = CliOptions.Command("grad", "Print the value of an expression and its gradient (and with --hessian its second derivatives) with respect to each variable.",
            [expression, assignments, json, hessian, graph, order],
            parseResult => Run(parseResult.GetRequiredValue(expression), parseResult.GetValue(assignments) ?? [],
                new Outputs(parseResult.GetValue(json), parseResult.GetValue(hessian), parseResult.GetValue(graph), parseResult.GetValue(order)),
                dotExecutable, parseResult.InvocationConfiguration));
        command.Validators.Add(result =>
        {
            if (CliOptions.Given(result, order) && !CliOptions.Given(result, graph))
            {
                result.AddError("Option '--order' says what --graph draws; give --graph FILE too.");
            }
        });
        OutputGuard.Add(command, graph);
        return command;
    }

    private static int Run(string text, string[] assignments, Outputs outputs, string dotExecutable, InvocationConfiguration io)
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
        // A variable given but not used in the expression has derivative 0, and so do its second derivatives.
        string[] names = [.. values.Select(v => v.Name)];
        Value[] used = [.. names.Where(leaves.ContainsKey).Select(name => leaves[name])];
        double[] grads = [.. names.Select(name => leaves.TryGetValue(name, out Value? leaf) ? leaf.Grad : 0.0)];
        double[,]? hessian = outputs.Hessian ? Spread(Autograd.Hessian(output, used), names, leaves) : null;
        io.Output.WriteLine(outputs.Json ? ToJson(output.Data, names, grads, hessian) : ToText(output.Data, names, grads, hessian));

        if (outputs.GraphPath is string graphPath)
        {
            bool gradient = outputs.Order == 2;
            if (gradient)
            {
                GraphDrawing.Draw(GradientRoots(output, names, leaves), graphPath, RankDirection.LeftToRight, dotExecutable);
            }
            else
            {
                GraphDrawing.Draw(output, graphPath, RankDirection.LeftToRight, dotExecutable);
            }
            if (!outputs.Json)
            {
                io.Output.WriteLine($"Drew the graph{(gradient ? " of the gradient" : "")} to '{graphPath}'.");
            }
        }
        return ExitCodes.Success;
    }

    // The Hessian of the used variables, laid out for all the given ones (rows and columns of 0 for unused ones).
    private static double[,] Spread(double[,] usedHessian, string[] names, Dictionary<string, Value> leaves)
    {
        int[] usedIndex = new int[names.Length];
        int next = 0;
        for (int i = 0; i < names.Length; i++)
        {
            usedIndex[i] = leaves.ContainsKey(names[i]) ? next++ : -1;
        }
        var hessian = new double[names.Length, names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            for (int j = 0; j < names.Length; j++)
            {
                hessian[i, j] = usedIndex[i] >= 0 && usedIndex[j] >= 0 ? usedHessian[usedIndex[i], usedIndex[j]] : 0;
            }
        }
        return hessian;
    }

    // The gradient as values, one root per variable labelled d/dNAME (a root shared by several variables names them all).
    // Their grads are 0, except that with one variable they are the derivatives of d/dNAME, as order 1 shows those of
    // the expression: the variable's own is the second derivative.
    private static Value[] GradientRoots(Value output, string[] names, Dictionary<string, Value> leaves)
    {
        Value[] used = [.. names.Where(leaves.ContainsKey).Select(name => leaves[name])];
        var gradient = new Queue<Value>(Autograd.Grad(output, used, createGraph: true));
        Value[] roots = [.. names.Select(name => leaves.ContainsKey(name) ? gradient.Dequeue() : Value.Constant(0))];
        foreach (IGrouping<Value, int> shared in Enumerable.Range(0, roots.Length).GroupBy<int, Value>(i => roots[i], ReferenceEqualityComparer.Instance))
        {
            shared.Key.Label = string.Join(", ", shared.Select(i => "d/d" + names[i]));
        }
        foreach (Value root in roots)
        {
            root.ZeroGrad();
        }
        if (roots.Length == 1)
        {
            roots[0].Backward();
        }
        return roots;
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

    private static string ToText(double value, string[] names, double[] grads, double[,]? hessian)
    {
        var lines = new List<(string Label, double Number)> { ("value", value) };
        lines.AddRange(names.Select((name, i) => ("d/d" + name, grads[i])));
        if (hessian is not null)
        {
            for (int i = 0; i < names.Length; i++)
            {
                lines.AddRange(names.Select((name, j) => ($"d(d/d{names[i]})/d{name}", hessian[i, j])));
            }
        }
        // Aligned on the derivatives' labels, as "value" always was.
        int width = lines.Skip(1).Select(line => line.Label.Length).DefaultIfEmpty(0).Max();
        return string.Join('\n', lines.Select(line =>
            string.Create(CultureInfo.InvariantCulture, $"{line.Label.PadRight(width)} = {line.Number.ToString("R", CultureInfo.InvariantCulture)}")));
    }

    private static string ToJson(double value, string[] names, double[] grads, double[,]? hessian)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("value");
            WriteNumber(writer, value);
            writer.WriteStartObject("grad");
            for (int i = 0; i < names.Length; i++)
            {
                writer.WritePropertyName(names[i]);
                WriteNumber(writer, grads[i]);
            }
            writer.WriteEndObject();
            if (hessian is not null)
            {
                writer.WriteStartArray("hessian");
                for (int i = 0; i < names.Length; i++)
                {
                    writer.WriteStartArray();
                    for (int j = 0; j < names.Length; j++)
                    {
                        WriteNumber(writer, hessian[i, j]);
                    }
                    writer.WriteEndArray();
                }
                writer.WriteEndArray();
            }
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

    /// <summary>What to print and draw besides the value and the gradient.</summary>
    private sealed record Outputs(bool Json, bool Hessian, string? GraphPath, int Order);
}
