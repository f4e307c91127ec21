// README "Training on a dataset": the steps of micronet train, by hand, for the spirals.
// Run from a scratch folder: dotnet run PATH/TO/docs/snippets/training-by-hand.cs
#:project ../../src/MicroNet/MicroNet.csproj

using MicroNet.Data;
using MicroNet.Nn;
using MicroNet.Optimizers;
using MicroNet.Pipeline;
using MicroNet.Schedules;
using MicroNet.Training;

PreparedData data = PreparedData.Prepare(SyntheticData.Spirals(300, 3, noise: 0.05, seed: 42), null, 0.2, 0.2, seed: 43);
Mlp model = ModelBuilder.ForDataset(data.Train, [16, 16], Activation.Relu, seed: 44);   // 3 linear outputs (logits)
var options = new TrainingOptions
{
    Optimizer = OptimizerKind.Adam.Factory(learningRate: 0.02),
    Schedule = ScheduleKind.Cosine.Create(0.02, 100),   // applied per epoch
    Epochs = 100,
    BatchSize = 32,
    Seed = 45,
};
TrainingResult result = Trainer.Fit(model, data.Train, options, data.Validation, epoch => Console.WriteLine(epoch.TrainingLoss));
Evaluation test = Trainer.Evaluate(model, data.Test);   // Loss, Accuracy, ConfusionMatrix (Rmse, RSquared)
int predicted = data.CreateModel(result).Predict([0.1, -0.4]).ClassIndex;   // raw x1, x2: the model standardises
