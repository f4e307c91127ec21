namespace MicroNet.Tests.Support;

/// <summary>
/// Checks second derivatives against the first: <see cref="Autograd.Hessian"/> of an expression built from values
/// against central finite differences (<see cref="GradientCheck.CentralDifferences"/>) of its gradient, row by row.
/// </summary>
internal static class HessianCheck
{
    // Differences of exact gradients: rounding ~1e-16 / 1e-6, truncation ~1e-12 times the third derivative.
    private const double Tolerance = 1e-6;

    public static void Check(double[] inputs, Func<Value[], Value> build)
    {
        Value[] leaves = [.. inputs.Select(x => new Value(x))];
        double[,] hessian = Autograd.Hessian(build(leaves), leaves);

        for (int i = 0; i < inputs.Length; i++)
        {
            double[] numeric = GradientCheck.CentralDifferences(x => Gradient(x, build)[i], inputs);
            for (int j = 0; j < inputs.Length; j++)
            {
                Approx.Equal(numeric[j], hessian[i, j], Tolerance, $"d(d/dx{i})/dx{j}");
            }
        }
    }

    private static double[] Gradient(double[] inputs, Func<Value[], Value> build)
    {
        Value[] leaves = [.. inputs.Select(x => new Value(x))];
        return [.. Autograd.Grad(build(leaves), leaves).Select(g => g.Data)];
    }
}
