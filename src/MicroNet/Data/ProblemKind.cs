using System.Globalization;

namespace MicroNet.Data;

/// <summary>What a dataset's targets are, which decides the output layer, the loss and the metrics that fit.</summary>
public enum ProblemKind
{
    /// <summary>Two classes; targets are 0 or 1.</summary>
    BinaryClassification,

    /// <summary>Two or more classes; targets are class indices 0 to <c>ClassCount - 1</c>.</summary>
    MulticlassClassification,

    /// <summary>Targets are real numbers.</summary>
    Regression,
}

/// <summary>Names and describes a <see cref="ProblemKind"/>.</summary>
public static class ProblemKindExtensions
{
    /// <summary>The names model files use: <c>binaryClassification</c>, <c>multiclassClassification</c>, <c>regression</c>.</summary>
    public static NameTable<ProblemKind> Names { get; } = new("problem kind",
        (ProblemKind.BinaryClassification, "binaryClassification"),
        (ProblemKind.MulticlassClassification, "multiclassClassification"),
        (ProblemKind.Regression, "regression"));

    /// <summary>True for <see cref="ProblemKind.BinaryClassification"/> and <see cref="ProblemKind.MulticlassClassification"/>.</summary>
    public static bool IsClassification(this ProblemKind kind) => kind switch
    {
        ProblemKind.BinaryClassification or ProblemKind.MulticlassClassification => true,
        ProblemKind.Regression => false,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown problem kind."),
    };

    /// <summary>For messages: <c>regression (numeric targets)</c>, <c>binary classification</c>, <c>multi-class classification</c>.</summary>
    public static string Describe(this ProblemKind kind) => kind switch
    {
        ProblemKind.Regression => "regression (numeric targets)",
        ProblemKind.BinaryClassification => "binary classification",
        ProblemKind.MulticlassClassification => "multi-class classification",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown problem kind."),
    };

    /// <summary>For summaries of a dataset: <c>regression</c>, <c>binary classification</c>, <c>3-class classification</c>.</summary>
    public static string Describe(this ProblemKind kind, int classCount) => kind switch
    {
        ProblemKind.Regression => "regression",
        ProblemKind.BinaryClassification => "binary classification",
        ProblemKind.MulticlassClassification => string.Create(CultureInfo.InvariantCulture, $"{classCount}-class classification"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown problem kind."),
    };
}
