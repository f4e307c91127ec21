using MicroNet.Ops;

namespace MicroNet.Tests.Engine;

/// <summary>DotOp's documented summation order, whatever vector width the machine has.</summary>
public static class DotOpTests
{
    [Fact]
    public static void Forward_AnyLength_SumsInTheDocumentedOrderBitForBit()
    {
        var random = new Random(17);
        for (int n = 0; n <= 40; n++)
        {
            double[] inputs = [.. Enumerable.Range(0, 2 * n).Select(_ => random.NextDouble() * 2 - 1)];

            double actual = DotOp.Forward(inputs, 0);

            Assert.Equal(BitConverter.DoubleToInt64Bits(DocumentedOrder(inputs)), BitConverter.DoubleToInt64Bits(actual));
        }
    }

    [Fact]
    public static void Backward_AnyLength_AddsEachProductOnceBitForBit()
    {
        var random = new Random(18);
        for (int n = 0; n <= 40; n++)
        {
            double[] inputs = [.. Enumerable.Range(0, 2 * n).Select(_ => random.NextDouble() * 2 - 1)];
            double[] grads = [.. Enumerable.Range(0, 2 * n).Select(_ => random.NextDouble())];
            double[] expected = [.. grads];
            const double OutputGrad = 0.37;
            for (int i = 0; i < n; i++)
            {
                expected[i] += inputs[n + i] * OutputGrad;
                expected[n + i] += inputs[i] * OutputGrad;
            }

            OpTable.Backward(OpCode.Dot, inputs, 0, 0, OutputGrad, grads);

            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), grads.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    // Plain scalar code written from DotOp's remarks: left to right below 8 pairs, else four partial sums.
    private static double DocumentedOrder(double[] inputs)
    {
        int n = inputs.Length / 2, i = 0;
        double sum = 0;
        if (n >= DotOp.SplitThreshold)
        {
            double[] partial = new double[4];
            for (; i <= n - 4; i += 4)
            {
                for (int k = 0; k < 4; k++)
                {
                    partial[k] += inputs[i + k] * inputs[n + i + k];
                }
            }
            sum = (partial[0] + partial[1]) + (partial[2] + partial[3]);
        }
        for (; i < n; i++)
        {
            sum += inputs[i] * inputs[n + i];
        }
        return sum;
    }
}
