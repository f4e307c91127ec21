using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MicroNet.Data;
using MicroNet.Loss;
using MicroNet.Nn;

namespace MicroNet.Training;

/// <summary>
/// Runs training batches and scoring passes on per-worker <see cref="ChunkGraph"/> replicas, deterministically: the
/// numbers depend on the samples and the parameters only, never on the number of workers or on thread timing.
/// </summary>
/// <remarks>
/// A batch of <c>n</c> samples is cut into <see cref="ChunkCount"/> chunks of consecutive samples, each run as one
/// batched graph. Chunk <c>k</c>'s gradient is accumulated in its own array, from the chunk's last sample to its first (the
/// order in which the eager engine's backward meets them); the array of the last chunk starts from the gradient passed in
/// (zero, or the L2 penalty's), the others from zero. The batch's gradient is the last chunk's array plus each other
/// chunk's, from the last to the first (<see cref="Reduce"/>). Worker <c>w</c> of <c>W</c> takes chunks <c>w, w + W, ...</c>,
/// so the work is spread but the arithmetic is fixed. With one chunk (fewer than 32 samples) this is exactly the eager
/// engine's order. Parameters and gradients are flat arrays in the order of the model's parameters.
/// </remarks>
internal sealed class CompiledBatches
{
    /// <summary>The most chunks a batch is cut into, and so the most workers that have work.</summary>
    public const int MaxChunks = 4;

    /// <summary>
    /// The fewest samples per chunk, so that small batches are not split for little gain: a chunk's matrix products reuse
    /// each weight for this many samples, and fewer chunks mean fewer gradient arrays to sum (measured: with 8, two workers
    /// were 1.6 times one on Fashion-MNIST; with 16, 1.7 to 2).
    /// </summary>
    public const int MinChunkSamples = 16;

    // Scoring runs each worker's rows in chunks of this many samples: the size of training's chunks, whose graphs it reuses.
    private const int ScoreChunkSamples = MinChunkSamples;

    private readonly Mlp _model;
    private readonly LossFunction _loss;
    private readonly IReadOnlyList<Value> _parameters;
    private readonly int _workerCount;
    private readonly bool _batching;
    private readonly Dictionary<int, ChunkGraph[]> _graphs = [];
    private readonly double[][] _chunkGradients;
    private double[] _losses = [];

    // Whether a Step's chunk gradients have not all been read by Reduce (a step abandoned for a NaN loss), so that the next
    // Step must zero them itself.
    private bool _unreduced;

    public CompiledBatches(Mlp model, LossFunction loss, IReadOnlyList<Value> parameters, int workers, bool training, bool batching = true)
    {
        _batching = batching;
        _model = model;
        _loss = loss;
        _parameters = parameters;
        _workerCount = Math.Clamp(workers == 0 ? Environment.ProcessorCount : workers, 1, training ? MaxChunks : 64);
        _chunkGradients = training ? new double[MaxChunks][] : [];
    }

    /// <summary>How many threads share the work.</summary>
    public int WorkerCount => _workerCount;

    /// <summary>How many chunks a batch of <paramref name="samples"/> is cut into: <c>clamp(samples / 16, 1, 4)</c>.</summary>
    public static int ChunkCount(int samples) => Math.Clamp(samples / MinChunkSamples, 1, MaxChunks);

    /// <summary>
    /// Forward and backward over <paramref name="batch"/> with the parameters <paramref name="parameters"/>, each sample's
    /// loss term weighted by <c>1 / n</c> as in the mean loss. Leaves each chunk's gradient in its array, the last chunk's
    /// starting from <paramref name="initialGradient"/>; <see cref="Reduce"/> then sums them. Returns the mean loss, with the
    /// predicted class (or the first output, for regression) of each sample in <paramref name="predictions"/>.
    /// </summary>
    public double Step(Dataset batch, double[] parameters, ReadOnlySpan<double> initialGradient, double[] predictions, bool classification)
    {
        int n = batch.Count;
        int chunks = ChunkCount(n);
        EnsureLosses(n);
        double scale = 1.0 / n;
        // Captures happen here, on one thread: a capture walks the shared parameter leaves.
        for (int k = 0; k < chunks; k++)
        {
            ChunkGraph[] graphs = Graphs(End(k, n, chunks) - Start(k, n, chunks));
            if (_chunkGradients[k] is null || _chunkGradients[k].Length < graphs[0].NodeCount)
            {
                _chunkGradients[k] = new double[graphs[0].NodeCount];
            }
            else if (_unreduced)
            {
                Array.Clear(_chunkGradients[k], 0, _parameters.Count);
            }
        }
        // The arrays' parameter gradients are zero here: new, cleared, or zeroed by Reduce as it read them.
        initialGradient.CopyTo(_chunkGradients[chunks - 1]);
        _unreduced = true;
        Run(Math.Min(chunks, _workerCount), worker =>
        {
            ChunkGraph? loaded = null;
            for (int k = worker; k < chunks; k += _workerCount)
            {
                int start = Start(k, n, chunks);
                ChunkGraph graph = Graphs(End(k, n, chunks) - start)[worker];
                if (graph != loaded)
                {
                    graph.LoadParameters(parameters);
                    loaded = graph;
                }
                graph.Forward(batch, start, _losses, predictions, classification);
                graph.Backward(_chunkGradients[k], scale);
            }
        });
        LastChunkCount = chunks;
        return MeanLoss(n);
    }

    /// <summary>How many chunks the last <see cref="Step"/> cut its batch into.</summary>
    public int LastChunkCount { get; private set; }

    /// <summary>
    /// The batch gradient of parameters <paramref name="first"/> .. <paramref name="first"/> + <paramref name="gradient"/>'s
    /// length after <see cref="Step"/>: the last chunk's plus each other chunk's, from the last to the first. Ranges may run
    /// on several threads at once. Zeroes what it reads, ready for the next step.
    /// </summary>
    public void Reduce(int first, Span<double> gradient)
    {
        int chunks = LastChunkCount;
        Span<double> last = _chunkGradients[chunks - 1].AsSpan(first, gradient.Length);
        last.CopyTo(gradient);
        last.Clear();
        for (int k = chunks - 2; k >= 0; k--)
        {
            // gradient[i] += chunk[i], four at a time where vectors are accelerated: the same addition in every lane.
            Span<double> chunk = _chunkGradients[k].AsSpan(first, gradient.Length);
            ref double sum = ref MemoryMarshal.GetReference(gradient);
            ref double term = ref MemoryMarshal.GetReference(chunk);
            nuint i = 0, count = (nuint)gradient.Length;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; i + 4 <= count; i += 4)
                {
                    (Vector256.LoadUnsafe(ref sum, i) + Vector256.LoadUnsafe(ref term, i)).StoreUnsafe(ref sum, i);
                }
            }
            for (; i < count; i++)
            {
                Unsafe.Add(ref sum, i) += Unsafe.Add(ref term, i);
            }
            chunk.Clear();
        }
    }

    /// <summary>Records that <see cref="Reduce"/> has read (and zeroed) every parameter's chunk gradients since the last <see cref="Step"/>.</summary>
    public void MarkReduced() => _unreduced = false;

    /// <summary>Forward only over every row of <paramref name="data"/>: the mean loss, and each row's prediction as <see cref="Step"/> gives it.</summary>
    public double Score(Dataset data, double[] predictions, bool classification)
    {
        int n = data.Count;
        EnsureLosses(n);
        int workers = Math.Min(_workerCount, n);
        double[] theta = [.. _parameters.Select(p => p.Data)];
        var sizes = new HashSet<int>();
        for (int w = 0; w < workers; w++)
        {
            int rows = End(w, n, workers) - Start(w, n, workers);
            sizes.Add(Math.Min(rows, ScoreChunkSamples));
            sizes.Add(rows % ScoreChunkSamples);
        }
        foreach (int size in sizes.Where(s => s > 0))
        {
            foreach (ChunkGraph graph in Graphs(size))
            {
                graph.LoadParameters(theta);
            }
        }
        Run(workers, worker =>
        {
            int end = End(worker, n, workers);
            for (int start = Start(worker, n, workers); start < end; start += ScoreChunkSamples)
            {
                Graphs(Math.Min(ScoreChunkSamples, end - start))[worker].Forward(data, start, _losses, predictions, classification);
            }
        });
        return MeanLoss(n);
    }

    // One replica per worker of the graph for chunks of `samples`, captured the first time they are needed.
    private ChunkGraph[] Graphs(int samples)
    {
        lock (_graphs)
        {
            if (!_graphs.TryGetValue(samples, out ChunkGraph[]? graphs))
            {
                var first = new ChunkGraph(_model, _loss, _parameters, samples, _batching);
                graphs = [first, .. Enumerable.Range(1, _workerCount - 1).Select(_ => first.Replica())];
                _graphs.Add(samples, graphs);
            }
            return graphs;
        }
    }

    // The eager mean: the terms summed left to right (SumOp), times the constant 1 / n.
    private double MeanLoss(int n)
    {
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += _losses[i];
        }
        return sum * (1.0 / n);
    }

    private void EnsureLosses(int n)
    {
        if (_losses.Length < n)
        {
            _losses = new double[n];
        }
    }

    private static int Start(int part, int n, int parts) => (int)((long)part * n / parts);

    private static int End(int part, int n, int parts) => (int)((long)(part + 1) * n / parts);

    /// <summary>Runs <paramref name="work"/> for workers 0 .. <paramref name="workers"/> - 1, on that many threads.</summary>
    internal static void Run(int workers, Action<int> work)
    {
        if (workers == 1)
        {
            work(0);
            return;
        }
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, work);
    }
}
