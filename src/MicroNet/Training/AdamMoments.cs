namespace MicroNet.Training;

/// <summary>
/// The state and update rule <see cref="Adam"/> and <see cref="AdamW"/> share: per-parameter first and second moment
/// estimates and the step count, updated as <c>torch.optim.Adam</c> (amsgrad off, single-tensor path).
/// </summary>
internal sealed class AdamMoments(int count)
{
    private readonly double[] _mean = new double[count];
    private readonly double[] _squareMean = new double[count];

    public int StepCount { get; private set; }

    // One step over the parameters (in the order the moments were created for). decoupledWeightDecay: true for AdamW
    // (p *= 1 - lr * wd before the update), false for Adam (g += wd * p).
    public void Step(Value[] parameters, double learningRate, double beta1, double beta2, double epsilon,
        double weightDecay, bool decoupledWeightDecay)
    {
        StepCount++;
        double biasCorrection1 = 1 - Math.Pow(beta1, StepCount);
        double biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(beta2, StepCount));
        // lr * m_hat / (sqrt(v_hat) + eps), arranged as PyTorch does: (lr / bc1) * m / (sqrt(v) / sqrt(bc2) + eps).
        double stepSize = learningRate / biasCorrection1;
        for (int i = 0; i < parameters.Length; i++)
        {
            Value p = parameters[i];
            double g = p.Grad;
            if (weightDecay != 0)
            {
                if (decoupledWeightDecay)
                {
                    p.Data *= 1 - learningRate * weightDecay;
                }
                else
                {
                    g += weightDecay * p.Data;
                }
            }
            _mean[i] = beta1 * _mean[i] + (1 - beta1) * g;
            _squareMean[i] = beta2 * _squareMean[i] + (1 - beta2) * g * g;
            p.Data -= stepSize * _mean[i] / (Math.Sqrt(_squareMean[i]) / biasCorrection2Sqrt + epsilon);
        }
    }
}
