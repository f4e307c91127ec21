namespace MicroNet.Tests.Support;

/// <summary>
/// Checks an expression built from values against a plain-double formula of the same function: the forward value
/// against the formula, and every gradient from <see cref="Value.Backward"/> against central finite differences of it.
/// </summary>
internal static class GradientCheck
{
    // Central differences with h ~ 1e-6 relative have truncation error ~h^2 and rounding error ~1e-16 / h ~ 1e-10.
    private const double StepScale = 1e-6;
    private const double GradientTolerance = 1e-6;
    private const double ForwardTolerance = 1e-12;

    public static void Check(double[] inputs, Func<Value[], Value> build, Func<double[], double> formula)
    {
        Value[] leaves = [.. inputs.Select(x => new Value(x))];
        Value output = build(leaves);
        output.Backward();

        Approx.Equal(formula(inputs), output.Data, ForwardTolerance, "forward value");
        double[] numeric = CentralDifferences(formula, inputs);
        for (int i = 0; i < inputs.Length; i++)
        {
            Approx.Equal(numeric[i], leaves[i].Grad, GradientTolerance, $"gradient of input {i}");
        }
    }

    public static double[] CentralDifferences(Func<double[], double> formula, double[] inputs)
    {
        var gradient = new double[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            double h = StepScale * Math.Max(1, Math.Abs(inputs[i]));
            double[] plus = [.. inputs];
            double[] minus = [.. inputs];
            plus[i] += h;
            minus[i] -= h;
            // Divide by the step actually taken: inputs[i] + h is rounded.
            gradient[i] = (formula(plus) - formula(minus)) / (plus[i] - minus[i]);
        }
        return gradient;
    }
}
