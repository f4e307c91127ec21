using System.Globalization;

namespace MicroNet.Training;

/// <summary>
/// How large a network MicroNet agrees to train, checked before anything is allocated: at most
/// <see cref="MaxParameters"/> parameters, and an estimate of the memory training needs within what the machine has.
/// Every parameter is a <see cref="Value"/> with its gradient, optimizer state and place in the captured graphs: about
/// <see cref="BytesPerParameter"/> bytes, measured on Mlp(61 -> [500, 500, 10]) and Mlp(61 -> [1000, 1000, 10]).
/// </summary>
public static class TrainingBudget
{
    /// <summary>The most parameters a network may have: 10 million (about 15 GB to train).</summary>
    public const long MaxParameters = 10_000_000;

    /// <summary>About how many bytes training needs per parameter (values, gradients, optimizer state, graphs).</summary>
    public const long BytesPerParameter = 1_600;

    /// <summary>The share of the machine's memory (or the process's limit) a training run may plan to use: 80%.</summary>
    public const double MemoryShare = 0.8;

    /// <summary>
    /// The number of parameters of a dense network with <paramref name="inputCount"/> inputs and layers of
    /// <paramref name="layerSizes"/> neurons (weights and biases), counted without overflow.
    /// </summary>
    public static long ParameterCount(int inputCount, IReadOnlyList<int> layerSizes)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        long count = 0, inputs = inputCount;
        foreach (int size in layerSizes)
        {
            count = SaturatingAdd(count, SaturatingMultiply(inputs + 1, size));
            inputs = size;
        }
        return count;
    }

    /// <summary>The estimated bytes training a network of <paramref name="parameters"/> needs on top of its data.</summary>
    public static long EstimateBytes(long parameters) => SaturatingMultiply(parameters, BytesPerParameter);

    /// <summary>The memory a run may plan to use: <see cref="MemoryShare"/> of what the garbage collector says is available.</summary>
    public static long AvailableBytes => (long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * MemoryShare);

    /// <summary>
    /// Why a network of <paramref name="inputCount"/> inputs and <paramref name="layerSizes"/> cannot be trained here, in
    /// one sentence; null if it can.
    /// </summary>
    public static string? Refusal(int inputCount, IReadOnlyList<int> layerSizes)
    {
        long parameters = ParameterCount(inputCount, layerSizes);
        CultureInfo c = CultureInfo.InvariantCulture;
        if (parameters > MaxParameters)
        {
            return string.Create(c, $"The network would have {Count(parameters)} parameters; the most MicroNet trains is {MaxParameters:N0} (each parameter is a scalar Value that takes about {BytesPerParameter / 1000.0:F1} KB to train).");
        }
        long needed = EstimateBytes(parameters), available = AvailableBytes;
        return needed > available
            ? string.Create(c, $"Training a network of {parameters:N0} parameters needs about {Size(needed)} of memory, more than the {Size(available)} this machine can give it; use fewer or smaller layers.")
            : null;
    }

    private static string Count(long parameters) =>
        parameters == long.MaxValue ? "more than 9,223,372,036,854,775,807" : parameters.ToString("N0", CultureInfo.InvariantCulture);

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F1} GB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):F0} MB"),
    };

    private static long SaturatingMultiply(long a, long b) => a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
