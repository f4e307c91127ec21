using System.Globalization;
using System.Text.Json;
using MicroNet.Drawing;
using MicroNet.Nn;
using MicroNet.Playground.Http;

namespace MicroNet.Playground.Runs;

/// <summary>
/// The computation graph of one neuron's output for one point, as the notebook draws it after <c>o.backward()</c>:
/// every value with its label, data and grad. Built on a copy of the network with the current weights, so that training
/// is not disturbed, and in the notebook's expanded form (a node per multiplication) unless that is too large.
/// </summary>
/// <remarks>
/// The backward steps walk the graph in reverse topological order, the order <see cref="Value.Backward"/> completes each
/// node's gradient in: each step is one node, its gradient the sum over the values computed from it of the local
/// derivative (from the op's own definition, <see cref="Value.LocalDerivatives"/>) times that value's gradient, summed in
/// the order backward adds them, so the totals are backward's own numbers.
/// </remarks>
internal sealed class GraphInspection
{
    private readonly IReadOnlyList<Value> _order;
    private readonly Dictionary<Value, int> _ids;

    private GraphInspection(Value root, string rootLabel, bool expanded, string? note)
    {
        Root = root;
        RootLabel = rootLabel;
        Expanded = expanded;
        Note = note;
        _order = root.TopologicalOrder();
        _ids = new Dictionary<Value, int>(_order.Count, ReferenceEqualityComparer.Instance);
        for (int i = 0; i < _order.Count; i++)
        {
            _ids[_order[i]] = i;
        }
    }

    /// <summary>The neuron's output in the copied network, after backward.</summary>
    public Value Root { get; }

    public string RootLabel { get; }

    /// <summary>Whether the graph has a node per multiplication (the notebook's form) rather than dot nodes.</summary>
    public bool Expanded { get; }

    /// <summary>Why the graph is not in the form asked for, or null.</summary>
    public string? Note { get; }

    public int NodeCount => _order.Count;

    /// <summary>Builds the graph of neuron <paramref name="neuron"/> of layer <paramref name="layer"/> (both from 1; the last layer is the output) for point <paramref name="point"/>.</summary>
    /// <exception cref="RequestException">The layer, neuron or point does not exist.</exception>
    public static GraphInspection Build(PlaygroundRun run, int layer, int neuron, int point, bool expanded)
    {
        IReadOnlyList<Layer> layers = run.Run.Network.Layers;
        if (layer < 1 || layer > layers.Count)
        {
            throw new RequestException(Invariant($"The network has layers 1 to {layers.Count} (the last is the output), not {layer}."));
        }
        if (neuron < 1 || neuron > layers[layer - 1].OutputCount)
        {
            throw new RequestException(Invariant($"Layer {layer} has neurons 1 to {layers[layer - 1].OutputCount}, not {neuron}."));
        }
        if (point < 0 || point >= run.Points.Count)
        {
            throw new RequestException(Invariant($"There are points 0 to {run.Points.Count - 1}, not {point}."));
        }
        GraphInspection graph = Copy(run, layer, neuron, point, expanded, null);
        if (expanded && graph.NodeCount > PlaygroundLimits.MaxExpandedGraphNodes)
        {
            graph = Copy(run, layer, neuron, point, false, Invariant(
                $"Drawn with one dot node per neuron: with a node per multiplication the graph would have {graph.NodeCount} values, more than the {PlaygroundLimits.MaxExpandedGraphNodes} the playground draws."));
        }
        graph.Root.Backward();
        return graph;
    }

    // A copy of the network with the current weights, labelled as the notebook labels its values, run on the point's inputs.
    private static GraphInspection Copy(PlaygroundRun run, int layerNumber, int neuronNumber, int point, bool expanded, string? note)
    {
        IReadOnlyList<Layer> layers = run.Run.Network.Layers;
        var copy = new Mlp([.. layers.Select(l => new Layer([.. l.Neurons.Select(n => new Neuron([.. n.Weights.Select(w => w.Data)], n.Bias.Data, n.Activation))]))])
        {
            Form = expanded ? NeuronForm.Expanded : NeuronForm.Fused,
        };
        double[] raw = InputFeature.Row(run.State.Features, run.Points.X[point], run.Points.Y[point]);
        double[] standardized = run.Run.Data.Standardizer.Transform(raw);
        IReadOnlyList<string> names = run.Run.Data.Schema.FeatureNames;
        IReadOnlyList<Value> x = [.. standardized.Select((v, j) => new Value(v, names[j]))];
        Value? root = null;
        string rootLabel = "";
        for (int l = 0; l < copy.Layers.Count; l++)
        {
            Layer layer = copy.Layers[l];
            bool output = l == copy.Layers.Count - 1;
            for (int j = 0; j < layer.OutputCount; j++)
            {
                Neuron n = layer.Neurons[j];
                for (int i = 0; i < n.InputCount; i++)
                {
                    n.Weights[i].Label = Invariant($"w[{l + 1},{j + 1},{i + 1}]");
                }
                n.Bias.Label = Invariant($"b[{l + 1},{j + 1}]");
            }
            x = layer.Forward(x);
            for (int j = 0; j < x.Count; j++)
            {
                x[j].Label = output ? (x.Count == 1 ? "out" : Invariant($"out[{j + 1}]")) : Invariant($"h[{l + 1},{j + 1}]");
            }
            if (l == layerNumber - 1)
            {
                root = x[neuronNumber - 1];
                rootLabel = root.Label;
                break;
            }
        }
        return new GraphInspection(root!, rootLabel, expanded, note);
    }

    /// <summary>The graph as Graphviz DOT text, node ids <c>n0</c>, <c>n1</c>, ... in the order of <see cref="WriteTo"/>'s nodes.</summary>
    public string ToDot() => GraphDrawing.ToDot(Root);

    /// <summary>
    /// Draws the graph with Graphviz (<see cref="GraphDrawing.Draw(Value, string, RankDirection, string)"/>) and returns the SVG, or null and the reason when
    /// Graphviz is missing or fails; the page then lays the graph out itself. Safe off the session's loop: the graph is a copy.
    /// </summary>
    public (string? Svg, string? Problem) RenderSvg(string dotExecutable)
    {
        string folder = Directory.CreateTempSubdirectory("micronet-playground-").FullName;
        try
        {
            string path = Path.Combine(folder, "graph.svg");
            GraphDrawing.Draw(Root, path, RankDirection.LeftToRight, dotExecutable);
            return (File.ReadAllText(path), null);
        }
        catch (GraphvizException e)
        {
            return (null, e.DotFilePath is null ? e.Message : $"Graphviz's '{dotExecutable}' was not found, so the page draws the graph itself. {GraphDrawing.InstallHint}.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Writes the nodes (id, label, op, data, grad, children) and the backward steps.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteString("root", RootLabel);
        writer.WriteString("form", Expanded ? "expanded" : "fused");
        writer.WriteString("note", Note);
        writer.WriteStartArray("nodes");
        foreach (Value node in _order)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", _ids[node]);
            writer.WriteString("label", node.Label);
            writer.WriteString("op", node.Op);
            JsonOutput.Number(writer, "data", node.Data);
            JsonOutput.Number(writer, "grad", node.Grad);
            writer.WriteStartArray("children");
            foreach (Value child in node.Children)
            {
                writer.WriteNumberValue(_ids[child]);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        // Each value's terms, in the order backward adds them: parents from the last in topological order to the first.
        var terms = new List<(int Parent, double Local, double Upstream)>[_order.Count];
        for (int i = _order.Count - 1; i >= 0; i--)
        {
            Value parent = _order[i];
            IReadOnlyList<double> locals = parent.LocalDerivatives();
            for (int c = 0; c < locals.Count; c++)
            {
                int child = _ids[parent.Children[c]];
                (terms[child] ??= []).Add((i, locals[c], parent.Grad));
            }
        }
        writer.WriteStartArray("steps");
        for (int i = _order.Count - 1; i >= 0; i--)
        {
            writer.WriteStartObject();
            writer.WriteNumber("node", i);
            JsonOutput.Number(writer, "grad", _order[i].Grad);
            writer.WriteStartArray("terms");
            foreach ((int parent, double local, double upstream) in terms[i] ?? [])
            {
                writer.WriteStartObject();
                writer.WriteNumber("parent", parent);
                writer.WriteString("op", _order[parent].Op);
                JsonOutput.Number(writer, "local", local);
                JsonOutput.Number(writer, "upstream", upstream);
                JsonOutput.Number(writer, "product", local * upstream);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
