// Newton's method with the exact Hessian, next to gradient descent, on Rosenbrock's banana valley.
// Run: dotnet run samples/newton.cs
#:project ../src/MicroNet/MicroNet.csproj

using System.Globalization;
using MicroNet;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// f(x, y) = (1 - x)^2 + 100 (y - x^2)^2 has its minimum 0 at (1, 1), at the bottom of a long, curved, flat valley:
// the textbook case where following the gradient is slow and using the curvature is fast.
static Value Rosenbrock(Value x, Value y) => (1 - x).Pow(2) + 100 * (y - x.Pow(2)).Pow(2);

const double startX = -1.2, startY = 1.0;
const double tolerance = 1e-8;   // converged when both partial derivatives are this small
const int maxSteps = 100_000;

// Newton's method: the gradient g and the Hessian H at the point, then the step d that solves H d = -g.
Console.WriteLine("Newton's method from (-1.2, 1):");
double nx = startX, ny = startY;
int newtonSteps = 0;
while (true)
{
    var x = new Value(nx, "x");
    var y = new Value(ny, "y");
    Value f = Rosenbrock(x, y);
    // The gradient as values, so that it can be differentiated again: each row of the Hessian is its gradient.
    Value[] g = Autograd.Grad(f, [x, y], createGraph: true);
    Console.WriteLine($"  step {newtonSteps}: x = {nx,10:F6}  y = {ny,10:F6}  f = {f.Data:G4}");
    if (Math.Abs(g[0].Data) < tolerance && Math.Abs(g[1].Data) < tolerance)
    {
        break;
    }
    double[,] h = Autograd.Hessian(f, [x, y]);
    // Cramer's rule for the 2 x 2 system H d = -g.
    double determinant = h[0, 0] * h[1, 1] - h[0, 1] * h[1, 0];
    nx += (-g[0].Data * h[1, 1] + g[1].Data * h[0, 1]) / determinant;
    ny += (-g[1].Data * h[0, 0] + g[0].Data * h[1, 0]) / determinant;
    newtonSteps++;
}

// Gradient descent: the same start, steps of -learningRate * g. A larger rate diverges (the valley's walls are
// steep: the Hessian's largest eigenvalue at the start is about 1330, so the rate must stay below 2 / 1330).
const double learningRate = 0.001;
double gx = startX, gy = startY;
int descentSteps = 0;
while (descentSteps < maxSteps)
{
    var x = new Value(gx, "x");
    var y = new Value(gy, "y");
    Value[] g = Autograd.Grad(Rosenbrock(x, y), [x, y]);
    if (Math.Abs(g[0].Data) < tolerance && Math.Abs(g[1].Data) < tolerance)
    {
        break;
    }
    gx -= learningRate * g[0].Data;
    gy -= learningRate * g[1].Data;
    descentSteps++;
}

Console.WriteLine();
Console.WriteLine($"Newton's method:  converged to ({nx:F6}, {ny:F6}) in {newtonSteps} steps");
Console.WriteLine(descentSteps < maxSteps
    ? $"gradient descent: converged to ({gx:F6}, {gy:F6}) in {descentSteps} steps (learning rate {learningRate})"
    : $"gradient descent: not converged after {maxSteps} steps, at ({gx:F6}, {gy:F6}) (learning rate {learningRate})");
