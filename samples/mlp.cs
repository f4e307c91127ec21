// A multi-layer perceptron built from neurons: the notebook's Mlp(3, [4, 4, 1]) and one forward pass.
// Run: dotnet run samples/mlp.cs
#:project ../src/MicroNet/MicroNet.csproj

using MicroNet;
using MicroNet.Nn;

var model = new Mlp(3, [4, 4, 1], seed: 42);
Console.WriteLine(model);

Value output = model.ForwardSingle([2.0, 3.0, -1.0]);
Console.WriteLine($"output for [2, 3, -1]: {output.Data:F6}");
Console.WriteLine($"graph of one forward pass: {output.TopologicalOrder().Count} values");

// The notebook's form, one node per w*x, gives the same number with a larger graph.
model.Form = NeuronForm.Expanded;
Value expanded = model.ForwardSingle([2.0, 3.0, -1.0]);
Console.WriteLine($"expanded form: {expanded.Data:F6} from {expanded.TopologicalOrder().Count} values");
