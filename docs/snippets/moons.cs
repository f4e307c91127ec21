// README "Training toolkit": micrograd's moons demo with the hinge loss, L2 and a schedule.
// Run from a scratch folder: dotnet run PATH/TO/docs/snippets/moons.cs
#:project ../../src/MicroNet/MicroNet.csproj

using MicroNet;
using MicroNet.Data;
using MicroNet.Loss;
using MicroNet.Nn;
using MicroNet.Optimizers;
using MicroNet.Schedules;

Dataset moons = SyntheticData.Moons(100, noise: 0.1, seed: 2);  // make_moons semantics, seeded
double[] labels = [.. moons.Targets.Select(t => 2 * t - 1)];   // classes 0/1 -> labels -1/+1
var model = new Mlp(2, [16, 16, 1], seed: 1337, Activation.Relu, Activation.Linear);
var sgd = new Sgd(model.Parameters(), learningRate: 1.0);
var schedule = LearningRateSchedule.Linear(1.0, 0.1, steps: 100);  // 1.0 - 0.9 * k / 100

for (int k = 0; k < 100; k++)
{
    Value[] scores = [.. moons.Features.Select(model.ForwardSingle)];
    Value loss = Losses.Hinge(scores, labels) + Losses.L2(model.Parameters(), 1e-4);
    sgd.ZeroGrad();
    loss.Backward();
    sgd.LearningRate = schedule.LearningRateAt(k);
    sgd.Step();
}
