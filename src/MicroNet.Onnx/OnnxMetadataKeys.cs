namespace MicroNet.Onnx;

/// <summary>
/// The keys of the metadata an exported model carries (ONNX <c>metadata_props</c>, read with ONNX Runtime's
/// <c>InferenceSession.ModelMetadata.CustomMetadataMap</c> or Python's <c>session.get_modelmeta().custom_metadata_map</c>).
/// Lists are JSON arrays of strings.
/// </summary>
public static class OnnxMetadataKeys
{
    /// <summary>The input's columns in order, as a JSON array: feature <c>j</c> of the input is element <c>j</c>. A categorical column's features are named <c>column=category</c>.</summary>
    public const string Features = "features";

    /// <summary>The input columns as the model file describes them (JSON: <c>[{"name", "kind", "categories"}]</c>), for one-hot encoding text cells.</summary>
    public const string Columns = "columns";

    /// <summary>The class names as a JSON array, in class-index order (output column <c>k</c> is class <c>k</c>); <c>[]</c> for regression.</summary>
    public const string Classes = "classes";

    /// <summary>The name of the column the model predicts.</summary>
    public const string Target = "target";

    /// <summary><c>binaryClassification</c>, <c>multiclassClassification</c> or <c>regression</c>, as in the model file.</summary>
    public const string Problem = "problem";

    /// <summary>The model's output kind as in the model file: <c>softmax</c>, <c>sigmoid</c>, <c>margin</c> or <c>value</c>.</summary>
    public const string ModelOutput = "model_output";

    /// <summary>
    /// What the graph's output holds: <c>logits</c> or <c>probabilities</c> (softmax, one column per class), <c>logit</c>
    /// or <c>probability</c> (sigmoid, one column, class 1), <c>score</c> (margin, one column, class 1 when above 0) or
    /// <c>value</c> (regression, one column, in the target's units).
    /// </summary>
    public const string Output = "output";

    /// <summary>The version of MicroNet that wrote the file.</summary>
    public const string MicronetVersion = "micronet_version";
}
