using Microsoft.ML.OnnxRuntime;
using MicroNet.Onnx;

namespace MicroNet.Tests.Onnx;

/// <summary>Runs an exported model with ONNX Runtime, the outside oracle for the export.</summary>
internal static class OnnxRunner
{
    /// <summary>
    /// Runs the graph in <paramref name="onnx"/> (a file's bytes) on <paramref name="rows"/> as one batch, fed as float32
    /// or float64 as <paramref name="precision"/> says; returns one output row per input row, widened to double.
    /// </summary>
    public static double[][] Run(byte[] onnx, IReadOnlyList<IReadOnlyList<double>> rows, OnnxPrecision precision)
    {
        using var session = new InferenceSession(onnx);
        return Run(session, rows, precision);
    }

    public static double[][] Run(InferenceSession session, IReadOnlyList<IReadOnlyList<double>> rows, OnnxPrecision precision)
    {
        int width = rows[0].Count;
        long[] shape = [rows.Count, width];
        double[] flat = [.. rows.SelectMany(r => r)];
        using OrtValue input = precision == OnnxPrecision.Float32
            ? OrtValue.CreateTensorValueFromMemory(flat.Select(x => (float)x).ToArray(), shape)
            : OrtValue.CreateTensorValueFromMemory(flat, shape);
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(runOptions, [OnnxExport.InputName], [input], [OnnxExport.OutputName]);
        OrtValue output = outputs[0];
        long[] outputShape = output.GetTensorTypeAndShape().Shape;
        Assert.Equal(2, outputShape.Length);
        Assert.Equal(rows.Count, outputShape[0]);
        double[] values = precision == OnnxPrecision.Float32
            ? [.. output.GetTensorDataAsSpan<float>().ToArray().Select(x => (double)x)]
            : output.GetTensorDataAsSpan<double>().ToArray();
        int outputWidth = (int)outputShape[1];
        return [.. Enumerable.Range(0, rows.Count).Select(i => values[(i * outputWidth)..((i + 1) * outputWidth)])];
    }

    /// <summary>
    /// The error measure of the acceptance criteria: relative to the expected value, but never to less than
    /// <paramref name="scale"/>, the size of one unit of what the network computes. Logits, scores and probabilities
    /// have scale 1. A regression value in target units has the target's standard deviation: the network computes it
    /// in standard deviations, and float32 cannot give a value near 0 that comes out of <c>mean + sd * y</c> to better
    /// than about 1e-6 of sd (the float32 rounding of <c>y</c> and of the inputs, times sd), however it is computed.
    /// </summary>
    public static double Error(double actual, double expected, double scale = 1) =>
        Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), scale);
}
