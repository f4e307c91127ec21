// README "Autograd in a few lines": micrograd's first example, its gradients checked against PyTorch.
// Run from a scratch folder: dotnet run PATH/TO/docs/snippets/autograd.cs
#:project ../../src/MicroNet/MicroNet.csproj

using MicroNet;

Value a = -4.0, b = 2.0;
var c = a + b;
var d = a * b + b.Pow(3);
c += c + 1;
c += 1 + c + (-a);
d += d * 2 + (b + a).Relu();
d += 3 * d + (b - a).Relu();
var e = c - d;
var f = e.Pow(2);
var g = f / 2;
g += 10.0 / f;

g.Backward();
Console.WriteLine(g);   // Value(data=24.70408163265306, grad=1)
Console.WriteLine(a);   // Value(data=-4, grad=138.83381924198252)
Console.WriteLine(b);   // Value(data=2, grad=645.5772594752186)
