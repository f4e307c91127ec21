using System.Globalization;
using MicroNet.Data;

namespace MicroNet.Training;

/// <summary>Which loss <see cref="Trainer"/> minimises; <see cref="Auto"/> picks the one that fits the dataset's targets.</summary>
public enum LossKind
{
    /// <summary>
    /// <see cref="Mse"/> for regression, <see cref="BinaryCrossEntropy"/> for two classes, <see cref="CrossEntropy"/>
    /// for more.
    /// </summary>
    Auto,

    /// <summary>Mean squared error on one linear output (<see cref="Losses.Mse"/>); regression only.</summary>
    Mse,

    /// <summary>
    /// micrograd's max-margin loss on one score (<see cref="Losses.Hinge"/>), with classes 0 and 1 mapped to labels -1
    /// and +1; binary classification only. A positive score predicts class 1.
    /// </summary>
    Hinge,

    /// <summary>
    /// Binary cross-entropy on one logit (<see cref="Losses.BinaryCrossEntropyWithLogits(IReadOnlyList{Value}, IReadOnlyList{double}, Reduction)"/>),
    /// targets 0 and 1; binary classification only. A positive logit (probability above 0.5) predicts class 1.
    /// </summary>
    BinaryCrossEntropy,

    /// <summary>
    /// Softmax cross-entropy on one logit per class (<see cref="Losses.CrossEntropy(IReadOnlyList{IReadOnlyList{Value}}, IReadOnlyList{int}, Reduction)"/>);
    /// any classification. The largest logit predicts the class.
    /// </summary>
    CrossEntropy,
}

/// <summary>Which loss fits which targets, and the network outputs each loss needs.</summary>
public static class LossKindExtensions
{
    /// <summary>The losses that fit <paramref name="kind"/>, the one <see cref="LossKind.Auto"/> picks first.</summary>
    public static IReadOnlyList<LossKind> CompatibleLosses(this ProblemKind kind) => kind switch
    {
        ProblemKind.Regression => [LossKind.Mse],
        ProblemKind.BinaryClassification => [LossKind.BinaryCrossEntropy, LossKind.Hinge, LossKind.CrossEntropy],
        ProblemKind.MulticlassClassification => [LossKind.CrossEntropy],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown problem kind."),
    };

    /// <summary>
    /// <paramref name="loss"/> itself if it fits <paramref name="kind"/>, or for <see cref="LossKind.Auto"/> the loss
    /// that fits it: <see cref="LossKind.Mse"/>, <see cref="LossKind.BinaryCrossEntropy"/> or <see cref="LossKind.CrossEntropy"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The loss does not fit the targets, such as cross-entropy on a regression dataset.</exception>
    public static LossKind Resolve(this LossKind loss, ProblemKind kind)
    {
        IReadOnlyList<LossKind> compatible = kind.CompatibleLosses();
        if (loss == LossKind.Auto)
        {
            return compatible[0];
        }
        if (!compatible.Contains(loss))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The {loss.ToName()} loss does not fit {Describe(kind)}; use {string.Join(" or ", compatible.Select(l => l.ToName()))}."), nameof(loss));
        }
        return loss;
    }

    /// <summary>
    /// How many outputs a network trained with <paramref name="loss"/> on <paramref name="data"/> needs: one logit per
    /// class for cross-entropy, otherwise one.
    /// </summary>
    /// <exception cref="ArgumentException">The loss does not fit the dataset's targets.</exception>
    public static int OutputCount(this LossKind loss, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return loss.Resolve(data.Kind) == LossKind.CrossEntropy ? data.ClassCount : 1;
    }

    /// <summary>
    /// What the outputs of a network trained with <paramref name="loss"/> mean, for a <see cref="Models.Model"/>:
    /// cross-entropy gives <see cref="Models.ModelOutput.Softmax"/> (one logit per class), binary cross-entropy
    /// <see cref="Models.ModelOutput.Sigmoid"/> (one logit), hinge <see cref="Models.ModelOutput.Margin"/> (one score) and
    /// mse <see cref="Models.ModelOutput.Value"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="loss"/> is <see cref="LossKind.Auto"/>; resolve it first.</exception>
    public static Models.ModelOutput ToModelOutput(this LossKind loss) => loss switch
    {
        LossKind.CrossEntropy => Models.ModelOutput.Softmax,
        LossKind.BinaryCrossEntropy => Models.ModelOutput.Sigmoid,
        LossKind.Hinge => Models.ModelOutput.Margin,
        LossKind.Mse => Models.ModelOutput.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Resolve the loss (LossKindExtensions.Resolve) before asking what its outputs mean."),
    };

    /// <summary>The lower-case name used in summaries and on the command line: <c>auto</c>, <c>mse</c>, <c>hinge</c>, <c>bce</c>, <c>cross-entropy</c>.</summary>
    public static string ToName(this LossKind loss) => loss switch
    {
        LossKind.Auto => "auto",
        LossKind.Mse => "mse",
        LossKind.Hinge => "hinge",
        LossKind.BinaryCrossEntropy => "bce",
        LossKind.CrossEntropy => "cross-entropy",
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss."),
    };

    /// <summary>For example <c>binary classification</c>, for messages.</summary>
    internal static string Describe(ProblemKind kind) => kind switch
    {
        ProblemKind.Regression => "regression (numeric targets)",
        ProblemKind.BinaryClassification => "binary classification",
        ProblemKind.MulticlassClassification => "multi-class classification",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown problem kind."),
    };
}
