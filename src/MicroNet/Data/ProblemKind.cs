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

/// <summary>Helpers on <see cref="ProblemKind"/>.</summary>
public static class ProblemKindExtensions
{
    /// <summary>True for <see cref="ProblemKind.BinaryClassification"/> and <see cref="ProblemKind.MulticlassClassification"/>.</summary>
    public static bool IsClassification(this ProblemKind kind) => kind switch
    {
        ProblemKind.BinaryClassification or ProblemKind.MulticlassClassification => true,
        ProblemKind.Regression => false,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown problem kind."),
    };
}
