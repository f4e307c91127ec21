// README "Neural networks": the notebook's MLP trained by hand with SGD.
// Run from a scratch folder: dotnet run PATH/TO/docs/snippets/neural-network.cs
#:project ../../src/MicroNet/MicroNet.csproj

using MicroNet;
using MicroNet.Loss;
using MicroNet.Nn;
using MicroNet.Optimizers;

double[][] xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]];
double[] ys = [1.0, -1.0, -1.0, 1.0];
var model = new Mlp(3, [4, 4, 1], seed: 42);            // tanh everywhere, weights uniform in [-1, 1]
Console.WriteLine(model);                                // Mlp(3 -> [4 tanh, 4 tanh, 1 tanh], 41 parameters)
var optimizer = new Sgd(model.Parameters(), learningRate: 0.05);

for (int step = 0; step < 50; step++)
{
    Value[] predictions = [.. xs.Select(x => model.ForwardSingle(x))];
    Value loss = Losses.Mse(predictions, ys, Reduction.Sum);
    optimizer.ZeroGrad();
    loss.Backward();
    optimizer.Step();
}
