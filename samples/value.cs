// The notebook's first steps: build an expression from values, run backpropagation, check a gradient by hand.
// Run: dotnet run samples/value.cs
#:project ../src/MicroNet/MicroNet.csproj

using MicroNet;

var a = new Value(2.0, "a");
var b = new Value(-3.0, "b");
var c = new Value(10.0, "c");
var e = a * b; e.Label = "e";
var d = e + c; d.Label = "d";
var f = new Value(-2.0, "f");
var L = d * f; L.Label = "L";

Console.WriteLine($"L = {L.Data}");
L.Backward();
foreach (Value v in new[] { a, b, c, d, e, f, L })
{
    Console.WriteLine($"dL/d{v.Label} = {v.Grad}");
}

// The same derivative the slow way: nudge a by h and watch L move (the notebook's finite-difference check).
const double h = 1e-6;
static double Forward(double aData) => ((aData * -3.0) + 10.0) * -2.0;
double numeric = (Forward(2.0 + h) - Forward(2.0 - h)) / (2 * h);
Console.WriteLine($"finite difference for dL/da = {numeric:F6} (backward gave {a.Grad})");
