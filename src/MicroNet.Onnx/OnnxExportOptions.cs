namespace MicroNet.Onnx;

/// <summary>How <see cref="OnnxExport"/> writes a model.</summary>
public sealed record OnnxExportOptions
{
    /// <summary>The element type of the input, the weights and the output; <see cref="OnnxPrecision.Float32"/> by default.</summary>
    public OnnxPrecision Precision { get; init; } = OnnxPrecision.Float32;

    /// <summary>
    /// When true, the graph ends with the model's probabilities instead of its raw outputs: <c>Softmax</c> over the
    /// classes for a softmax model, <c>Sigmoid</c> (the probability of class 1) for a sigmoid model. A margin (hinge)
    /// model and a regression model have no probabilities, and exporting them with this set fails.
    /// </summary>
    public bool IncludeProbabilities { get; init; }
}
