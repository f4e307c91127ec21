using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using MicroNet.IO;

namespace MicroNet.Drawing;

/// <summary>
/// Draws a value's computation graph, as the notebook's <c>draw_dot</c> does: one record per value showing its
/// label, data and grad, and one small node per op feeding the value it made.
/// </summary>
public static class GraphDrawing
{
    /// <summary>
    /// The most values <see cref="Draw(Value, string, RankDirection, string)"/> asks Graphviz to lay out as a picture;
    /// a larger graph is written as DOT text instead, which Graphviz could take minutes to draw.
    /// </summary>
    public const int MaxLayoutNodes = 5_000;

    /// <summary>How long Graphviz may take to draw a picture before it is stopped and the DOT text written instead: 30 seconds.</summary>
    public static readonly TimeSpan LayoutTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The message that tells a user how to get Graphviz.</summary>
    public const string InstallHint =
        "Install Graphviz (apt-get install graphviz, brew install graphviz or winget install graphviz) so that 'dot' is on the PATH";

    /// <summary>
    /// The graph of <paramref name="root"/> as Graphviz DOT text. Node ids follow the topological order
    /// (<c>n0</c>, <c>n1</c>, ...), so identical graphs give identical text; numbers use the invariant culture.
    /// </summary>
    public static string ToDot(Value root, RankDirection direction = RankDirection.LeftToRight)
    {
        ArgumentNullException.ThrowIfNull(root);
        return ToDot([root], direction);
    }

    /// <summary>
    /// The graph of several <paramref name="roots"/> in one drawing (the components of a gradient, say), each node once,
    /// as Graphviz DOT text; ids follow the roots' topological orders, one after the other.
    /// </summary>
    public static string ToDot(IReadOnlyList<Value> roots, RankDirection direction = RankDirection.LeftToRight)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var order = new List<Value>();
        var seen = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        foreach (Value root in roots)
        {
            ArgumentNullException.ThrowIfNull(root, nameof(roots));
            order.AddRange(root.TopologicalOrder().Where(seen.Add));
        }
        var ids = new Dictionary<Value, int>(order.Count, ReferenceEqualityComparer.Instance);
        var dot = new StringBuilder();
        dot.Append("digraph G {\n");
        dot.Append("  rankdir=").Append(RankDirectionExtensions.Names.NameOf(direction).ToUpperInvariant()).Append(";\n");
        dot.Append("  node [fontname=\"Helvetica\"];\n");
        foreach (Value node in order)
        {
            int id = ids.Count;
            ids.Add(node, id);
            dot.Append(CultureInfo.InvariantCulture,
                $"  n{id} [shape=record, label=\"{{ {EscapeRecord(node.Label)} | data {FormatNumber(node.Data)} | grad {FormatNumber(node.Grad)} }}\"];\n");
            if (!node.IsLeaf)
            {
                dot.Append(CultureInfo.InvariantCulture, $"  n{id}_op [label=\"{EscapeQuoted(node.Op)}\"];\n");
                dot.Append(CultureInfo.InvariantCulture, $"  n{id}_op -> n{id};\n");
                foreach (Value child in node.Children)
                {
                    dot.Append(CultureInfo.InvariantCulture, $"  n{ids[child]} -> n{id}_op;\n");
                }
            }
        }
        dot.Append("}\n");
        return dot.ToString();
    }

    /// <summary>
    /// Draws the graph of <paramref name="root"/> to <paramref name="path"/>, in the format its extension names:
    /// <c>.dot</c> (text, needs nothing), <c>.svg</c> or <c>.png</c> (rendered by Graphviz's <c>dot</c>).
    /// The file appears whole or not at all.
    /// </summary>
    /// <param name="root">The value whose graph to draw.</param>
    /// <param name="path">The output file.</param>
    /// <param name="direction">Which way the graph flows.</param>
    /// <param name="dotExecutable">The Graphviz program to run; <c>dot</c> from the PATH by default.</param>
    /// <exception cref="ArgumentException">The extension is not .dot, .svg or .png.</exception>
    /// <exception cref="GraphvizException">
    /// <c>dot</c> is missing, failed or took longer than <see cref="LayoutTimeout"/>, or the graph has more than
    /// <see cref="MaxLayoutNodes"/> values. Except when it failed, the DOT text is written beside <paramref name="path"/>
    /// instead (with the extension .dot, or -2.dot, -3.dot, ... where that file exists) and
    /// <see cref="GraphvizException.DotFilePath"/> says where.
    /// </exception>
    public static void Draw(Value root, string path, RankDirection direction = RankDirection.LeftToRight, string dotExecutable = "dot")
    {
        ArgumentNullException.ThrowIfNull(root);
        Draw([root], path, direction, dotExecutable);
    }

    /// <summary>
    /// Draws the graph of several <paramref name="roots"/> in one picture, as <see cref="Draw(Value, string, RankDirection, string)"/>
    /// draws one (see <see cref="ToDot(IReadOnlyList{Value}, RankDirection)"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The extension is not .dot, .svg or .png.</exception>
    /// <exception cref="GraphvizException"><c>dot</c> is missing or failed; see the single-root overload.</exception>
    public static void Draw(IReadOnlyList<Value> roots, string path, RankDirection direction = RankDirection.LeftToRight, string dotExecutable = "dot") =>
        Draw(roots, path, direction, dotExecutable, LayoutTimeout);

    // The drawing with a time limit of the caller's choosing (tests use a short one).
    internal static void Draw(IReadOnlyList<Value> roots, string path, RankDirection direction, string dotExecutable, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(dotExecutable);
        string format = FormatOf(path);
        string dotText = ToDot(roots, direction);
        if (format == "dot")
        {
            AtomicFile.Write(path, temp => File.WriteAllText(temp, dotText, new UTF8Encoding(false)));
            return;
        }
        int nodes = roots.SelectMany(r => r.TopologicalOrder()).Distinct(ReferenceEqualityComparer.Instance).Count();
        if (nodes > MaxLayoutNodes)
        {
            throw DotInstead(path, dotText, string.Create(CultureInfo.InvariantCulture,
                $"the graph has {nodes:N0} values, more than Graphviz lays out in reasonable time ({MaxLayoutNodes:N0})"), null);
        }
        try
        {
            AtomicFile.Write(path, temp => RunDot(dotExecutable, format, dotText, temp, timeout));
        }
        catch (Win32Exception e)
        {
            throw DotInstead(path, dotText, $"Graphviz's '{dotExecutable}' was not found", e, InstallHint);
        }
        catch (TimeoutException e)
        {
            throw DotInstead(path, dotText, string.Create(CultureInfo.InvariantCulture,
                $"Graphviz's '{dotExecutable}' took more than {timeout.TotalSeconds:F0} seconds and was stopped"), e);
        }
    }

    // Writes the DOT text beside the picture that could not be drawn, under a name no file has (an existing .dot file is
    // never replaced by a fallback), and says so.
    private static GraphvizException DotInstead(string path, string dotText, string reason, Exception? inner, string? hint = null)
    {
        string stem = Path.ChangeExtension(path, null);
        string dotPath = stem + ".dot";
        for (int n = 2; File.Exists(dotPath) || Directory.Exists(dotPath); n++)
        {
            dotPath = string.Create(CultureInfo.InvariantCulture, $"{stem}-{n}.dot");
        }
        AtomicFile.Write(dotPath, temp => File.WriteAllText(temp, dotText, new UTF8Encoding(false)));
        return new GraphvizException(
            $"Could not draw '{UserText.Quote(path)}' because {reason}; the graph was written to '{UserText.Quote(dotPath)}' instead.{(hint is null ? "" : $" {hint}.")}",
            dotPath, inner);
    }

    /// <summary>The output format named by a path's extension: <c>dot</c>, <c>svg</c> or <c>png</c>.</summary>
    /// <exception cref="ArgumentException">Any other extension.</exception>
    public static string FormatOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string extension = Path.GetExtension(path).ToUpperInvariant();
        return extension switch
        {
            ".DOT" or ".GV" => "dot",
            ".SVG" => "svg",
            ".PNG" => "png",
            _ => throw new ArgumentException(
                $"Cannot draw to '{path}': the file name must end in .dot, .svg or .png.", nameof(path)),
        };
    }

    private static void RunDot(string dotExecutable, string format, string dotText, string outputPath, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(dotExecutable)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-T" + format);
        start.ArgumentList.Add("-o");
        start.ArgumentList.Add(outputPath);
        using Process process = Process.Start(start)
            ?? throw new GraphvizException($"Could not start Graphviz's '{dotExecutable}'.");
        Task<string> error = process.StandardError.ReadToEndAsync();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        bool inputComplete = TryWriteAll(process.StandardInput, dotText);
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException("Graphviz took too long.");
        }
        // dot may report several lines; the exception message stays one line so a CLI can print it as one.
        string message = string.Join(' ', error.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .TrimEnd('.');
        _ = output.Result;
        if (process.ExitCode != 0)
        {
            throw new GraphvizException(
                $"Graphviz's '{dotExecutable}' failed with exit code {process.ExitCode}: {(message.Length > 0 ? message : "no message")}.");
        }
        if (!inputComplete)
        {
            throw new GraphvizException($"Graphviz's '{dotExecutable}' stopped reading the graph before its end: {(message.Length > 0 ? message : "no message")}.");
        }
    }

    // Writes the graph to dot's input and closes it. False if dot quit before reading it all (for example on
    // 'Format: "png" not recognized'): its exit code and message then say why, which a broken-pipe error would hide.
    private static bool TryWriteAll(StreamWriter input, string text)
    {
        try
        {
            input.Write(text);
            input.Close();
            return true;
        }
        catch (IOException)
        {
            // Closing the writer would flush into the broken pipe again; release the pipe itself.
            input.BaseStream.Dispose();
            return false;
        }
    }

    private static string FormatNumber(double value) =>
        Math.Abs(value) < 1e9 || !double.IsFinite(value)
            ? value.ToString("F4", CultureInfo.InvariantCulture)
            : value.ToString("0.####e+0", CultureInfo.InvariantCulture);

    // Characters with a meaning inside a record label: braces and bars shape fields, angle brackets name ports.
    private static string EscapeRecord(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            switch (c)
            {
                case '\\' or '"' or '{' or '}' or '|' or '<' or '>':
                    escaped.Append('\\').Append(c);
                    break;
                case '\n':
                    escaped.Append("\\n");
                    break;
                case '\r':
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }
        return escaped.ToString();
    }

    private static string EscapeQuoted(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\r", "", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
}
