// README "Gradients of gradients": derivatives as values, differentiated again.
// Run from a scratch folder: dotnet run PATH/TO/docs/snippets/gradients-of-gradients.cs
#:project ../../src/MicroNet/MicroNet.csproj

using MicroNet;

var x = new Value(2.0, "x");
var y = new Value(-1.0, "y");
Value f = x.Pow(3) * y + (x * y).Tanh();

Value[] numbers = Autograd.Grad(f, [x, y]);                    // df/dx, df/dy as constants; no Grad is touched
Value[] gradient = Autograd.Grad(f, [x, y], createGraph: true); // the same numbers, as nodes of a new graph
Value[] row = Autograd.Grad(gradient[0], [x, y]);              // d(df/dx)/dx, d(df/dx)/dy
double[,] hessian = Autograd.Hessian(f, [x, y]);               // hessian[i, j] = d(df/dinput i)/dinput j
Console.WriteLine($"df/dx {numbers[0].Data}, d2f/dx2 {row[0].Data} = {hessian[0, 0]}");
