namespace MicroNet.Onnx;

/// <summary>The element type of an exported graph's input, weights and output.</summary>
#pragma warning disable CA1720 // Float32 and Float64 are the names ONNX, NumPy and ONNX Runtime users know these types by.
public enum OnnxPrecision
{
    /// <summary>ONNX <c>float</c> (32-bit): what most runtimes and accelerators expect; outputs agree with MicroNet's to about 1e-6 relative.</summary>
    Float32,

    /// <summary>ONNX <c>double</c> (64-bit), as MicroNet computes: outputs agree with MicroNet's to rounding (about 1e-15 relative).</summary>
    Float64,
}
#pragma warning restore CA1720
