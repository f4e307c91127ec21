using MicroNet.Data;
using MicroNet.Models;

namespace MicroNet.Loss;

/// <summary>
/// One loss, defined once, as an op is: its <see cref="Name"/>, what the network's outputs mean under it
/// (<see cref="Output"/>, which also decides the targets it fits and how many outputs it needs), how a dataset's target
/// becomes the numbers the term compares against (<see cref="EncodeTarget"/>), and the term on one sample
/// (<see cref="Term"/>). Eager training, compiled training, evaluation, models and the command line all read it.
/// </summary>
/// <remarks>
/// To add a loss, write one class deriving from this one and list an instance in <see cref="All"/>; <c>micronet train
/// --loss</c> and model files pick it up from there.
/// </remarks>
public abstract class LossFunction
{
    /// <summary>Creates the definition with its name, its one-line summary and what the network's outputs mean under it.</summary>
    protected LossFunction(string name, string summary, ModelOutput output)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(summary);
        Name = name;
        Summary = summary;
        Output = output;
    }

    /// <summary>
    /// Every loss the library knows, in the order help texts list them. For each problem kind the default is the first
    /// whose <see cref="Output"/> is that kind's natural output (see <see cref="DefaultFor"/>).
    /// </summary>
    public static IReadOnlyList<LossFunction> All { get; } =
    [
        new MseLoss(),
        new HingeLoss(),
        new BinaryCrossEntropyLoss(),
        new CrossEntropyLoss(),
        new HuberLoss(),
    ];

    /// <summary>The name on the command line and in summaries, such as <c>mse</c> or <c>cross-entropy</c>.</summary>
    public string Name { get; }

    /// <summary>One line for help texts, such as <c>mean squared error, for numbers</c>.</summary>
    public string Summary { get; }

    /// <summary>What the network's outputs mean when trained with this loss; a <see cref="Model"/> predicts with it.</summary>
    public ModelOutput Output { get; }

    /// <summary>Whether this loss can train a network for <paramref name="kind"/>: whether its <see cref="Output"/> fits it.</summary>
    public bool Fits(ProblemKind kind) => Output.Fits(kind);

    /// <summary>How many outputs the network needs: one logit per class under a softmax output, otherwise one.</summary>
    public int OutputCount(int classCount) => Output.OutputCount(classCount);

    /// <summary>How many target values <see cref="Term"/> compares one sample's outputs against; 1 unless overridden.</summary>
    public virtual int TargetCount(int outputCount) => 1;

    /// <summary>
    /// Turns a dataset target (a class index, or a number for regression) into the <see cref="TargetCount"/> values that
    /// <see cref="Term"/> reads, written to <paramref name="encoded"/>.
    /// </summary>
    public abstract void EncodeTarget(double target, Span<double> encoded);

    /// <summary>
    /// The loss of one sample as part of the graph: <paramref name="outputs"/> are the network's outputs,
    /// <paramref name="targets"/> the encoded target values (leaves that require no gradient). The compiled trainer
    /// captures this term once and rewrites the target leaves for each sample; the eager trainer builds it per sample.
    /// </summary>
    public abstract Value Term(IReadOnlyList<Value> outputs, IReadOnlyList<Value> targets);

    /// <summary>
    /// The mean of <see cref="Term"/> over a batch, as one node a backward pass can start from: the terms summed by one
    /// <see cref="Value.Sum(ReadOnlySpan{Value})"/> node, times <c>1 / n</c>.
    /// </summary>
    /// <param name="outputs">The network's outputs for each sample.</param>
    /// <param name="targets">Each sample's target as the dataset holds it (class index or number).</param>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    public Value Mean(IReadOnlyList<IReadOnlyList<Value>> outputs, IReadOnlyList<double> targets)
    {
        Losses.CheckPairs(outputs, targets);
        var terms = new Value[outputs.Count];
        for (int i = 0; i < terms.Length; i++)
        {
            var encoded = new double[TargetCount(outputs[i].Count)];
            EncodeTarget(targets[i], encoded);
            terms[i] = Term(outputs[i], [.. encoded.Select(Value.Constant)]);
        }
        return Losses.Reduce(terms, Reduction.Mean);
    }

    /// <summary>The loss named <paramref name="name"/> in <see cref="All"/> (any case), or null.</summary>
    public static LossFunction? Find(string? name) =>
        All.FirstOrDefault(loss => string.Equals(loss.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The names of every loss, as a phrase for messages: <c>mse, hinge, bce, cross-entropy or huber</c>.</summary>
    public static string Choices => UserText.Choices([.. All.Select(loss => loss.Name)]);

    /// <summary>The losses that fit <paramref name="kind"/>: the default first (<see cref="DefaultFor"/>), then the others in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<LossFunction> FitFor(ProblemKind kind)
    {
        LossFunction first = DefaultFor(kind);
        return [first, .. All.Where(loss => loss.Fits(kind) && loss != first)];
    }

    /// <summary>
    /// The loss training uses for <paramref name="kind"/> when none is chosen: the first in <see cref="All"/> with the
    /// kind's natural output, a value for regression (mse), a sigmoid for two classes (bce), a softmax for more
    /// (cross-entropy).
    /// </summary>
    public static LossFunction DefaultFor(ProblemKind kind)
    {
        ModelOutput natural = kind switch
        {
            ProblemKind.Regression => ModelOutput.Value,
            ProblemKind.BinaryClassification => ModelOutput.Sigmoid,
            ProblemKind.MulticlassClassification => ModelOutput.Softmax,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown problem kind."),
        };
        return All.First(loss => loss.Output == natural);
    }

    /// <summary>
    /// <paramref name="loss"/> if it fits <paramref name="kind"/>, or for null the default (<see cref="DefaultFor"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The loss does not fit the targets; the message names the losses that do.</exception>
    public static LossFunction Resolve(LossFunction? loss, ProblemKind kind)
    {
        if (loss is null)
        {
            return DefaultFor(kind);
        }
        return loss.Fits(kind) ? loss : throw new ArgumentException(MismatchMessage(loss, kind), nameof(loss));
    }

    /// <summary>For example "The mse loss does not fit binary classification; use hinge, bce or cross-entropy."</summary>
    public static string MismatchMessage(LossFunction loss, ProblemKind kind)
    {
        ArgumentNullException.ThrowIfNull(loss);
        return $"The {loss.Name} loss does not fit {kind.Describe()}; use {UserText.Choices([.. FitFor(kind).Select(l => l.Name)])}.";
    }

    /// <summary>The <see cref="Name"/>.</summary>
    public override string ToString() => Name;

    /// <summary>Two losses are equal when they are of one kind with the same settings (a Huber loss's delta, say).</summary>
    public override bool Equals(object? obj) => obj is LossFunction other && other.GetType() == GetType() && HasSameSettings(other);

    /// <inheritdoc />
    public override int GetHashCode() => GetType().GetHashCode();

    /// <summary>Whether <paramref name="other"/>, a loss of this one's type, has the same settings; true unless the loss has settings.</summary>
    protected virtual bool HasSameSettings(LossFunction other) => true;
}
