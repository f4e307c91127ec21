// docs/plots.md: loss and accuracy curves as a PNG.
// Run from a scratch folder: dotnet run PATH/TO/docs/snippets/plots-curves.cs (it writes files there)
#:project ../../src/MicroNet.Plots/MicroNet.Plots.csproj

using MicroNet.Plots;

double[] trainLoss = [0.9, 0.6, 0.4, 0.3], validationLoss = [1.0, 0.7, 0.5, 0.45];
double[] trainAccuracy = [0.5, 0.7, 0.8, 0.9], validationAccuracy = [0.45, 0.65, 0.75, 0.8];
TrainingPlots.SaveCurves("curves.png", new TrainingCurves(trainLoss)
{
    ValidationLoss = validationLoss,
    TrainingAccuracy = trainAccuracy,
    ValidationAccuracy = validationAccuracy,
}, title: "A run");
