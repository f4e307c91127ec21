using Google.Protobuf;
using Onnx;

namespace MicroNet.Onnx;

/// <summary>
/// Collects the nodes and initializers of one ONNX graph in one precision: every constant goes in as the graph's
/// element type, and every node's output is a fresh tensor name.
/// </summary>
internal sealed class OnnxGraphBuilder(OnnxPrecision precision)
{
    private readonly GraphProto _graph = new() { Name = "micronet" };

    /// <summary>The ONNX <c>TensorProto.DataType</c> of every tensor in the graph.</summary>
    public int ElementType { get; } = precision == OnnxPrecision.Float32
        ? (int)TensorProto.Types.DataType.Float
        : (int)TensorProto.Types.DataType.Double;

    /// <summary>Adds an initializer <paramref name="name"/> of shape <paramref name="dims"/>; returns its name.</summary>
    /// <param name="name">The tensor's name in the graph.</param>
    /// <param name="dims">Its shape, outermost first (row-major data).</param>
    /// <param name="values">Its values, in double; rounded to float for <see cref="OnnxPrecision.Float32"/>.</param>
    /// <param name="what">What the values are, for error messages ("layer 2's weights").</param>
    /// <exception cref="OnnxExportException">A value is NaN or infinite, or does not fit in a float.</exception>
    public string Constant(string name, long[] dims, IReadOnlyList<double> values, string what)
    {
        var tensor = new TensorProto { Name = name, DataType = ElementType };
        tensor.Dims.AddRange(dims);
        foreach (double value in values)
        {
            if (!double.IsFinite(value))
            {
                throw new OnnxExportException(FormattableString.Invariant(
                    $"Cannot export the model: {what} include {value} (training diverged); retrain it with a smaller learning rate."));
            }
        }
        if (precision == OnnxPrecision.Float32)
        {
            foreach (double value in values)
            {
                float single = (float)value;
                if (float.IsInfinity(single))
                {
                    throw new OnnxExportException(FormattableString.Invariant(
                        $"Cannot export the model in float32: {what} include {value}, beyond float32's range; export it in float64."));
                }
                tensor.FloatData.Add(single);
            }
        }
        else
        {
            tensor.DoubleData.AddRange(values);
        }
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>Adds a node <c>output = opType(inputs)</c> with the given attributes; returns <paramref name="output"/>.</summary>
    public string Node(string opType, string output, IReadOnlyList<string> inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = output + "_" + opType };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    /// <summary>An integer attribute, such as Gemm's <c>transB</c> or Softmax's <c>axis</c>.</summary>
    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>
    /// Declares the graph's input and output, <c>[N, width]</c> each with a symbolic batch dimension, and renames the
    /// tensor <paramref name="last"/> (the last node's output) to <paramref name="outputName"/>.
    /// </summary>
    public GraphProto Finish(string inputName, long inputWidth, string inputDoc, string last, string outputName, long outputWidth, string outputDoc, string doc)
    {
        foreach (NodeProto node in _graph.Node)
        {
            for (int i = 0; i < node.Output.Count; i++)
            {
                if (node.Output[i] == last)
                {
                    node.Output[i] = outputName;
                    node.Name = outputName + "_" + node.OpType;
                }
            }
        }
        _graph.Input.Add(Tensor(inputName, inputWidth, inputDoc));
        _graph.Output.Add(Tensor(outputName, outputWidth, outputDoc));
        _graph.DocString = doc;
        return _graph;
    }

    private ValueInfoProto Tensor(string name, long width, string doc)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto
        {
            Name = name,
            DocString = doc,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = ElementType, Shape = shape } },
        };
    }

    /// <summary>The serialized <c>ModelProto</c>, written by Google.Protobuf.</summary>
    public static byte[] Serialize(ModelProto model) => model.ToByteArray();
}
