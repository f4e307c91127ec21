// docs/plots.md: a classifier's decision boundary as a PNG.
// Run from a scratch folder: dotnet run PATH/TO/docs/snippets/plots-boundary.cs (it writes files there)
#:project ../../src/MicroNet.Plots/MicroNet.Plots.csproj

using MicroNet.Data;
using MicroNet.Nn;
using MicroNet.Plots;

Dataset train = SyntheticData.Moons(100, noise: 0.1, seed: 2);
var model = new Mlp(2, [8, 1], seed: 1);   // untrained here; train it first to see a real boundary
TrainingPlots.SaveDecisionBoundary("boundary.png", train, (x, y) => model.ForwardSingle([x, y]).Data);
