using MicroNet.Data;
using MicroNet.Loss;
using MicroNet.Models;
using MicroNet.Nn;

namespace MicroNet.Training;

/// <summary>
/// Runs training batches and scoring passes on per-worker <see cref="SampleGraph"/> replicas, deterministically: the
/// numbers depend on the samples and the parameters only, never on the number of workers or on thread timing.
/// </summary>
/// <remarks>
/// A batch of <c>n</c> samples is cut into <see cref="ChunkCount"/> chunks of consecutive samples. Chunk <c>k</c>'s gradient
/// is accumulated in its own buffer, sample by sample from the chunk's last to its first (the order in which the eager
/// engine's backward meets them); the buffer of the last chunk starts from the parameters' current gradients (zero, or
/// the L2 penalty's), the others from zero. The parameters' gradients become the last chunk's buffer plus each other
/// chunk's, from the last to the first. Worker <c>w</c> of <c>W</c> takes chunks <c>w, w + W, ...</c>, so the work is
/// spread but the arithmetic is fixed. With one chunk (fewer than 16 samples) this is exactly the eager engine's order.
/// </remarks>
internal sealed class CompiledBatches
{
    /// <summary>The most chunks a batch is cut into, and so the most workers that have work.</summary>
    public const int MaxChunks = 4;

    /// <summary>The fewest samples per chunk, so that small batches are not split for little gain.</summary>
    public const int MinChunkSamples = 8;

    private readonly SampleGraph[] _workers;
    private readonly IReadOnlyList<Value> _parameters;
    private readonly double[][] _chunkGradients;
    private readonly double[][] _outputs;
    private double[] _losses = [];

    public CompiledBatches(Mlp model, LossFunction loss, IReadOnlyList<Value> parameters, int workers, bool training)
    {
        int count = Math.Clamp(workers == 0 ? Environment.ProcessorCount : workers, 1, training ? MaxChunks : 64);
        _parameters = parameters;
        _workers = [.. Enumerable.Range(0, count).Select(_ => new SampleGraph(model, loss, training ? parameters : null))];
        _chunkGradients = training ? [.. Enumerable.Range(0, MaxChunks).Select(_ => new double[parameters.Count])] : [];
        _outputs = [.. Enumerable.Range(0, count).Select(_ => new double[_workers[0].OutputCount])];
    }

    /// <summary>How many chunks a batch of <paramref name="samples"/> is cut into: <c>clamp(samples / 8, 1, 4)</c>.</summary>
    public static int ChunkCount(int samples) => Math.Clamp(samples / MinChunkSamples, 1, MaxChunks);

    /// <summary>
    /// Forward and backward over <paramref name="batch"/>, each sample's loss term weighted by <c>1 / n</c> as in the mean
    /// loss: adds the batch's gradient to the parameters' <see cref="Value.Grad"/> and returns the mean loss, with the
    /// predicted class (or the first output, for regression) of each sample in <paramref name="predictions"/>.
    /// </summary>
    public double Step(Dataset batch, double[] predictions, bool classification)
    {
        int n = batch.Count;
        int chunks = ChunkCount(n);
        EnsureLosses(n);
        double scale = 1.0 / n;
        double[] last = _chunkGradients[chunks - 1];
        for (int i = 0; i < _parameters.Count; i++)
        {
            last[i] = _parameters[i].Grad;
        }
        for (int k = 0; k < chunks - 1; k++)
        {
            Array.Clear(_chunkGradients[k]);
        }
        Run(Math.Min(chunks, _workers.Length), worker =>
        {
            SampleGraph graph = _workers[worker];
            Span<double> outputs = _outputs[worker];
            graph.LoadParameters();
            for (int k = worker; k < chunks; k += _workers.Length)
            {
                double[] gradients = _chunkGradients[k];
                for (int i = End(k, n, chunks) - 1; i >= Start(k, n, chunks); i--)
                {
                    _losses[i] = graph.Forward(batch, i, outputs);
                    predictions[i] = classification ? ModelOutputExtensions.ClassOf(outputs) : outputs[0];
                    graph.Backward(gradients, scale);
                }
            }
        });
        for (int i = 0; i < _parameters.Count; i++)
        {
            double sum = last[i];
            for (int k = chunks - 2; k >= 0; k--)
            {
                sum += _chunkGradients[k][i];
            }
            _parameters[i].Grad = sum;
        }
        return MeanLoss(n);
    }

    /// <summary>Forward only over every row of <paramref name="data"/>: the mean loss, and each row's prediction as <see cref="Step"/> gives it.</summary>
    public double Score(Dataset data, double[] predictions, bool classification)
    {
        int n = data.Count;
        EnsureLosses(n);
        int workers = Math.Min(_workers.Length, n);
        Run(workers, worker =>
        {
            SampleGraph graph = _workers[worker];
            Span<double> outputs = _outputs[worker];
            graph.LoadParameters();
            for (int i = Start(worker, n, workers); i < End(worker, n, workers); i++)
            {
                _losses[i] = graph.Forward(data, i, outputs);
                predictions[i] = classification ? ModelOutputExtensions.ClassOf(outputs) : outputs[0];
            }
        });
        return MeanLoss(n);
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

    private static void Run(int workers, Action<int> work)
    {
        if (workers == 1)
        {
            work(0);
            return;
        }
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, work);
    }
}
