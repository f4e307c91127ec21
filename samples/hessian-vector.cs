// A Hessian-vector product H v without forming the Hessian H: differentiate the gradient's dot product with v.
// Run: dotnet run samples/hessian-vector.cs
#:project ../src/MicroNet/MicroNet.csproj

using System.Globalization;
using MicroNet;
using MicroNet.Nn;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// The loss of a small tanh network on four samples: a function of its 41 parameters.
var model = new Mlp(3, [4, 4, 1], seed: 42);
double[][] xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]];
double[] ys = [1.0, -1.0, -1.0, 1.0];
IReadOnlyList<Value> parameters = model.Parameters();
Value loss = Value.Sum(xs.Select((x, i) => (model.ForwardSingle(x) - ys[i]).Pow(2)));

// A direction in parameter space.
var random = new Random(7);
double[] v = [.. parameters.Select(_ => random.NextDouble() * 2 - 1)];

// H v = d/dw (g(w) . v): one backward pass that builds the gradient g as a graph, one more through g . v.
// Each costs a few times a forward pass, whatever the number of parameters; H itself has 41 x 41 entries.
Value[] gradient = Autograd.Grad(loss, parameters, createGraph: true);
Value gradientDotV = Value.Dot([.. v.Select(Value.Constant)], gradient);
double[] hv = [.. Autograd.Grad(gradientDotV, parameters).Select(d => d.Data)];

// Check 1: the full Hessian, formed (41 backward passes through the gradient's graph), times v.
double[,] h = Autograd.Hessian(loss, parameters);
double[] formed = [.. Enumerable.Range(0, v.Length).Select(i => Enumerable.Range(0, v.Length).Sum(j => h[i, j] * v[j]))];

// Check 2: how the gradient changes along v, by central differences: (g(w + e v) - g(w - e v)) / 2e.
const double e = 1e-6;
double[] plus = GradientAt(e), minus = GradientAt(-e);
double[] differences = [.. plus.Select((p, i) => (p - minus[i]) / (2 * e))];

Console.WriteLine($"loss {loss.Data:F6} over {parameters.Count} parameters");
Console.WriteLine($"  {"H v (no H)",16} {"H formed, times v",19} {"finite differences",20}");
for (int i = 0; i < 5; i++)
{
    Console.WriteLine($"  {hv[i],16:F10} {formed[i],19:F10} {differences[i],20:F10}");
}
Console.WriteLine("  ...");
Console.WriteLine($"largest difference from the formed Hessian: {hv.Zip(formed).Max(p => Math.Abs(p.First - p.Second)):E2}");
Console.WriteLine($"largest difference from finite differences: {hv.Zip(differences).Max(p => Math.Abs(p.First - p.Second)):E2}");

// The gradient of the loss at w + step * v (the parameters are put back afterwards).
double[] GradientAt(double step)
{
    double[] saved = [.. parameters.Select(p => p.Data)];
    for (int i = 0; i < parameters.Count; i++)
    {
        parameters[i].Data = saved[i] + step * v[i];
    }
    Value moved = Value.Sum(xs.Select((x, i) => (model.ForwardSingle(x) - ys[i]).Pow(2)));
    double[] result = [.. Autograd.Grad(moved, parameters).Select(d => d.Data)];
    for (int i = 0; i < parameters.Count; i++)
    {
        parameters[i].Data = saved[i];
    }
    return result;
}
