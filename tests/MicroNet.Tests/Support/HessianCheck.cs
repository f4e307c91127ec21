namespace MicroNet.Tests.Support;

/// <summary>
/// Checks second derivatives against the first: <see cref="Autograd.Hessian"/> of an expression built from values
/// against central finite differences of its gradient (<see cref="Autograd.Grad"/>), row by row.
/// </summary>
internal static class HessianCheck
{
    // Differences of exact gradients: truncation ~h^2 times the third derivative, rounding ~1e-16 / h.
    private const double StepScale = 1e-5;
    private const double Tolerance = 1e-6;

    public static void Check(double[] inputs, Func<Value[], Value> build)
    {
        Value[] leaves = [.. inputs.Select(x => new Value(x))];
        double[,] hessian = Autograd.Hessian(build(leaves), leaves);

        for (int j = 0; j < inputs.Length; j++)
        {
            double h = StepScale * Math.Max(1, Math.Abs(inputs[j]));
            double[] plus = [.. inputs];
            double[] minus = [.. inputs];
            plus[j] += h;
            minus[j] -= h;
            double[] gradientPlus = Gradient(plus, build), gradientMinus = Gradient(minus, build);
            for (int i = 0; i < inputs.Length; i++)
            {
                double numeric = (gradientPlus[i] - gradientMinus[i]) / (plus[j] - minus[j]);
                Approx.Equal(numeric, hessian[i, j], Tolerance, $"d(d/dx{i})/dx{j}");
            }
        }
    }

    public static double[] Gradient(double[] inputs, Func<Value[], Value> build)
    {
        Value[] leaves = [.. inputs.Select(x => new Value(x))];
        return [.. Autograd.Grad(build(leaves), leaves).Select(g => g.Data)];
    }
}
