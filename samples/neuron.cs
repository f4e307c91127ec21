// The notebook's neuron: two inputs, two weights, a bias and tanh. Prints every gradient and draws the graph.
// Run: dotnet run samples/neuron.cs [folder]   (writes neuron.dot, and neuron.svg when Graphviz is installed, into the
// folder, or a new temporary one that it prints)
#:project ../src/MicroNet/MicroNet.csproj

using MicroNet;
using MicroNet.Drawing;

var x1 = new Value(2.0, "x1");
var x2 = new Value(0.0, "x2");
var w1 = new Value(-3.0, "w1");
var w2 = new Value(1.0, "w2");
var b = new Value(6.8813735870195432, "b");
var x1w1 = x1 * w1; x1w1.Label = "x1*w1";
var x2w2 = x2 * w2; x2w2.Label = "x2*w2";
var sum = x1w1 + x2w2; sum.Label = "x1*w1 + x2*w2";
var n = sum + b; n.Label = "n";
var o = n.Tanh(); o.Label = "o";

o.Backward();
Console.WriteLine($"o = {o.Data}");
foreach (Value v in new[] { x1, w1, x2, w2, b, n })
{
    Console.WriteLine($"do/d{v.Label} = {v.Grad:F4}");
}

// Into a folder of its own, so that running the sample leaves nothing in the folder it was run from.
string folder = args.Length > 0 ? args[0] : Directory.CreateTempSubdirectory("micronet-neuron-").FullName;
string dot = Path.Combine(folder, "neuron.dot"), svg = Path.Combine(folder, "neuron.svg");
File.WriteAllText(dot, GraphDrawing.ToDot(o));
Console.WriteLine($"wrote {dot}");
try
{
    GraphDrawing.Draw(o, svg);
    Console.WriteLine($"wrote {svg}");
}
catch (GraphvizException ex)
{
    Console.WriteLine(ex.Message);
}
