using System.Text.Json;
using MicroNet.Data;
using MicroNet.Nn;
using MicroNet.Tests.Support;
using MicroNet.Training;

namespace MicroNet.Tests.Loss;

/// <summary>
/// Every training loss's mean over a batch, and its gradient to each output, against torch.nn.functional in float64
/// (tests/reference/pytorch-losses.json, made by generate_losses.py), to 1e-12 relative.
/// </summary>
public static class PyTorchLossTests
{
    private const double Tolerance = 1e-12;

    private static readonly Lazy<JsonDocument> s_fixture = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "pytorch-losses.json"))));

    public static TheoryData<int, string> Cases
    {
        get
        {
            var data = new TheoryData<int, string>();
            foreach (JsonElement item in s_fixture.Value.RootElement.GetProperty("cases").EnumerateArray())
            {
                data.Add(item.GetProperty("id").GetInt32(), item.GetProperty("note").GetString()!);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public static void Mean_MatchesPyTorch(int id, string note)
    {
        JsonElement item = s_fixture.Value.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("id").GetInt32() == id);
        string name = item.GetProperty("loss").GetString()!;
        LossFunction loss = name == "huber" ? new HuberLoss(item.GetProperty("delta").GetDouble()) : LossFunction.Find(name)!;
        Value[][] outputs = [.. item.GetProperty("outputs").EnumerateArray().Select(row => row.EnumerateArray().Select(x => new Value(x.GetDouble())).ToArray())];
        double[] targets = [.. item.GetProperty("targets").EnumerateArray().Select(t => t.GetDouble())];

        Value mean = loss.Mean(outputs, targets);
        mean.Backward();

        Approx.Equal(item.GetProperty("value").GetDouble(), mean.Data, Tolerance, $"case {id} ({note}) loss");
        double[][] grad = [.. item.GetProperty("grad").EnumerateArray().Select(row => row.EnumerateArray().Select(x => x.GetDouble()).ToArray())];
        for (int i = 0; i < outputs.Length; i++)
        {
            for (int k = 0; k < outputs[i].Length; k++)
            {
                Approx.Equal(grad[i][k], outputs[i][k].Grad, Tolerance, $"case {id} ({note}) d/d output[{i}][{k}]");
            }
        }
    }

    [Fact]
    public static void Huber_IsARegressionLossWithItsDelta()
    {
        var huber = new HuberLoss(2.5);

        Assert.Equal("huber", huber.Name);
        Assert.True(huber.Fits(ProblemKind.Regression));
        Assert.False(huber.Fits(ProblemKind.BinaryClassification));
        Assert.Equal(new HuberLoss(2.5), huber);
        Assert.NotEqual(new HuberLoss(), huber);
        Assert.Equal(new HuberLoss(), LossFunction.Find("huber"));
        Assert.Throws<ArgumentOutOfRangeException>("delta", () => new HuberLoss(0));
        Assert.Throws<ArgumentOutOfRangeException>("delta", () => new HuberLoss(double.NaN));
    }

    [Fact]
    public static void Huber_TrainsALinearModelThroughTheCompiledAndEagerEngines()
    {
        var data = new Dataset([.. Enumerable.Range(0, 40).Select(i => new double[] { i / 10.0 })],
            [.. Enumerable.Range(0, 40).Select(i => i % 10 == 0 ? 40.0 : 2 * i / 10.0)], ProblemKind.Regression);
        double[] FitSlope(EngineKind engine)
        {
            Mlp model = ModelBuilder.ForDataset(data, [], seed: 1, loss: new HuberLoss());
            Trainer.Fit(model, data, new TrainingOptions
            {
                Loss = new HuberLoss(),
                Optimizer = OptimizerKind.Adam.Factory(0.05),
                Epochs = 200,
                BatchSize = 10,
                Engine = engine,
            });
            return [.. model.Parameters().Select(p => p.Data)];
        }

        double[] compiled = FitSlope(EngineKind.Compiled), eager = FitSlope(EngineKind.Eager);

        // Four outliers at 40 pull a least-squares slope far above 2; Huber's linear tails keep it near 2.
        Assert.InRange(compiled[0], 1.8, 2.3);
        Assert.Equal(compiled, eager, (a, b) => Math.Abs(a - b) <= 1e-12 * Math.Max(1, Math.Abs(a)));
    }
}
