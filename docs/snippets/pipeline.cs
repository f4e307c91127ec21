// README "Train on your own data": the pipeline micronet train runs, on the penguins file.
// Run from a scratch folder: dotnet run PATH/TO/docs/snippets/pipeline.cs
// setup: cp "$REPO/src/MicroNet.Data/Datasets/penguins.csv" .
#:project ../../src/MicroNet.Data/MicroNet.Data.csproj

using MicroNet.Data;
using MicroNet.Models;
using MicroNet.Pipeline;

DataSource source = DataSources.Csv("penguins.csv", "Species", new CsvOptions { Missing = MissingValuePolicy.Drop });  // or DataSources.Load("penguins", seed: 42)
TrainingRun run = TrainingRun.Prepare(source, new TrainingSettings { Seed = 42 });   // the command's defaults: 16,16 relu, adam at 0.001 (a CSV file's rate), 100 epochs, 20% + 20% held out
Console.WriteLine(run.Summary);                                      // the first line the command prints
TrainingOutcome outcome = run.Train(epoch => Console.WriteLine(epoch.TrainingLoss));
Model model = outcome.Model;                                         // softmax output, standardizer and classes inside
ModelFile.Save(model, "penguins.json");                              // atomic; ModelFile.Load reads it back
Prediction p = model.Predict(new Dictionary<string, string>
{
    ["Island"] = "Biscoe", ["Beak Length (mm)"] = "45.2", ["Beak Depth (mm)"] = "14.8",
    ["Flipper Length (mm)"] = "212", ["Body Mass (g)"] = "5200", ["Sex"] = "FEMALE",
});
