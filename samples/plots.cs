// micrograd's moons demo with plots: 100 SGD steps on 100 two-moons points, then the loss and accuracy curves and the
// decision boundary as PNG files. Validation uses a second, differently seeded draw of 100 moons.
// Run: dotnet run samples/plots.cs [folder]   (writes curves.png and moons-boundary.png; a new temporary folder if none is given)
#:project ../src/MicroNet.Plots/MicroNet.Plots.csproj

using MicroNet;
using MicroNet.Data;
using MicroNet.Nn;
using MicroNet.Plots;
using MicroNet.Loss;
using MicroNet.Optimizers;
using MicroNet.Schedules;

string folder = args.Length > 0 ? args[0] : Directory.CreateTempSubdirectory("micronet-plots-").FullName;
Directory.CreateDirectory(folder);

Dataset train = SyntheticData.Moons(100, noise: 0.1, seed: 2);
Dataset validation = SyntheticData.Moons(100, noise: 0.1, seed: 3);
var model = new Mlp(2, [16, 16, 1], seed: 1337, Activation.Relu, Activation.Linear);
var sgd = new Sgd(model.Parameters(), learningRate: 1.0);
var schedule = LearningRateSchedule.Linear(1.0, 0.1, 100);

List<double> trainLoss = [], validationLoss = [], trainAccuracy = [], validationAccuracy = [];
for (int step = 0; step < 100; step++)
{
    (Value loss, double accuracy) = Evaluate(train);
    sgd.ZeroGrad();
    loss.Backward();
    sgd.LearningRate = schedule.LearningRateAt(step);
    sgd.Step();
    (Value heldOutLoss, double heldOutAccuracy) = Evaluate(validation);
    trainLoss.Add(loss.Data);
    trainAccuracy.Add(accuracy);
    validationLoss.Add(heldOutLoss.Data);
    validationAccuracy.Add(heldOutAccuracy);
}

string curves = Path.Combine(folder, "curves.png");
TrainingPlots.SaveCurves(curves, new TrainingCurves(trainLoss)
{
    ValidationLoss = validationLoss,
    TrainingAccuracy = trainAccuracy,
    ValidationAccuracy = validationAccuracy,
}, title: "Moons: max-margin loss, full-batch SGD (one step per epoch)");
Console.WriteLine($"wrote {curves}");

// The model's score is positive for class 1, as in micrograd's demo (labels -1 / +1).
string boundary = Path.Combine(folder, "moons-boundary.png");
TrainingPlots.SaveDecisionBoundary(boundary, train, (x, y) => model.ForwardSingle([x, y]).Data,
    title: "Moons: MLP(2, [16, 16, 1]) after 100 SGD steps");
Console.WriteLine($"wrote {boundary}");

// micrograd's loss: mean relu(1 - y * score) + 1e-4 * sum(p ** 2), and the share of points on the right side.
(Value Loss, double Accuracy) Evaluate(Dataset data)
{
    double[] labels = [.. data.Targets.Select(t => 2 * t - 1)];
    Value[] scores = [.. data.Features.Select(model.ForwardSingle)];
    Value loss = Losses.Hinge(scores, labels) + Losses.L2(model.Parameters(), 1e-4);
    double accuracy = scores.Zip(labels).Count(p => p.First.Data > 0 == p.Second > 0) / (double)labels.Length;
    return (loss, accuracy);
}
