using MicroNet.Data;
using MicroNet.Models;
using MicroNet.Nn;
using MicroNet.Tests.Support;

namespace MicroNet.Tests.Models;

/// <summary><see cref="ModelFile.ToBytes"/> and the output rules a caller can apply to raw network outputs.</summary>
public static class ModelBytesTests
{
    [Fact]
    public static void ToBytes_WrittenToAFile_LoadsAsTheSameModel()
    {
        Dataset data = SyntheticData.Moons(40, noise: 0.1, seed: 1);
        var network = new Mlp(2, [3, 1], seed: 2, Activation.Tanh, Activation.Linear);
        var model = new Model(network, FeatureSchema.ForNumericFeatures(data), ModelOutput.Sigmoid);
        using var folder = new TempFolder();
        File.WriteAllBytes(folder["moons.json"], ModelFile.ToBytes(model));

        Model loaded = ModelFile.Load(folder["moons.json"]);

        Assert.Equal(model.Predict([0.3, -0.2]).Probabilities, loaded.Predict([0.3, -0.2]).Probabilities);
    }

    [Fact]
    public static void Probabilities_Sigmoid_MatchesPredict()
    {
        Dataset data = SyntheticData.Moons(40, noise: 0.1, seed: 1);
        var network = new Mlp(2, [3, 1], seed: 5, Activation.Tanh, Activation.Linear);
        var model = new Model(network, FeatureSchema.ForNumericFeatures(data), ModelOutput.Sigmoid);
        Prediction prediction = model.Predict([0.5, 0.5]);

        Assert.Equal(prediction.Probabilities, ModelOutput.Sigmoid.Probabilities([.. prediction.Outputs]));
        Assert.Equal(prediction.ClassIndex, ModelOutputExtensions.ClassOf([.. prediction.Outputs]));
    }
}
