using System.Text.Json;
using MicroNet.Data;
using MicroNet.Loss;
using MicroNet.Nn;
using MicroNet.Optimizers;

namespace MicroNet.Playground.Runs;

/// <summary>
/// Everything about a run that changes only when the run is replaced: the link, the settings to show in the controls,
/// the points and their split, the view, the network's shape, the losses that fit the data; plus the latest frame.
/// The page redraws from it after every change of settings.
/// </summary>
internal static class RunSnapshot
{
    public static void Write(Utf8JsonWriter writer, string sessionId, PlaygroundRun run, Frame frame)
    {
        PlaygroundState state = run.State;
        PointSet points = run.Points;
        writer.WriteStartObject();
        writer.WriteString("id", sessionId);
        writer.WriteString("state", state.ToQuery());
        writer.WriteString("summary", run.Summary());

        writer.WriteStartObject("settings");
        writer.WriteString("data", state.Dataset);
        writer.WriteNumber("n", state.PointCount);
        writer.WriteNumber("noise", state.Noise);
        writer.WriteNumber("train", state.TrainShare);
        writer.WriteNumber("seed", state.Seed);
        WriteStrings(writer, "features", [.. state.Features.Select(f => f.Key)]);
        writer.WriteStartArray("layers");
        foreach (int size in state.HiddenLayers)
        {
            writer.WriteNumberValue(size);
        }
        writer.WriteEndArray();
        writer.WriteString("activation", state.Activation.ToName());
        writer.WriteString("loss", run.Run.Loss.Name);
        writer.WriteString("optimizer", state.Optimizer.ToName());
        writer.WriteNumber("lr", state.LearningRate);
        writer.WriteNumber("batch", state.BatchSize);
        writer.WriteNumber("l2", state.L2);
        writer.WriteEndObject();

        writer.WriteString("kind", points.Kind switch
        {
            ProblemKind.Regression => "regression",
            ProblemKind.BinaryClassification => "binary",
            _ => "multiclass",
        });
        WriteStrings(writer, "classes", points.ClassNames);
        WriteStrings(writer, "losses", [.. LossFunction.FitFor(points.Kind).Select(l => l.Name)]);
        writer.WriteStartObject("names");
        writer.WriteString("x", points.Names.X);
        writer.WriteString("y", points.Names.Y);
        writer.WriteString("label", points.Names.Label);
        writer.WriteEndObject();
        WriteNumbers(writer, "view", [points.View.XMin, points.View.XMax, points.View.YMin, points.View.YMax]);
        WriteNumbers(writer, "targetRange", [points.TargetRange.Min, points.TargetRange.Max]);
        writer.WriteBoolean("multiclass", run.Display.Multiclass);
        writer.WriteNumber("grid", PlaygroundLimits.GridSize);
        writer.WriteNumber("neuronGrid", PlaygroundLimits.NeuronGridSize);

        writer.WriteStartObject("points");
        WriteNumbers(writer, "x", points.X);
        WriteNumbers(writer, "y", points.Y);
        WriteNumbers(writer, "label", points.Labels);
        writer.WriteStartArray("test");
        foreach (bool test in run.IsTest)
        {
            writer.WriteNumberValue(test ? 1 : 0);
        }
        writer.WriteEndArray();
        writer.WriteStartArray("origin");
        foreach (int origin in points.Origins)
        {
            writer.WriteNumberValue(origin);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();

        writer.WriteStartObject("network");
        writer.WriteStartArray("inputs");
        for (int j = 0; j < state.Features.Count; j++)
        {
            writer.WriteStartObject();
            writer.WriteString("key", state.Features[j].Key);
            writer.WriteString("label", state.Features[j].Label);
            writer.WriteString("name", run.Run.Data.Schema.FeatureNames[j]);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("layers");
        foreach (Layer layer in run.Run.Network.Layers)
        {
            writer.WriteStartObject();
            writer.WriteNumber("size", layer.OutputCount);
            writer.WriteNumber("inputs", layer.InputCount);
            writer.WriteString("activation", layer.Activation.ToName());
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteString("description", run.Run.Network.ToString());
        writer.WriteEndObject();

        writer.WriteBase64String("featureMaps", FeatureMaps(points.View));

        writer.WritePropertyName("frame");
        frame.WriteTo(writer, 0);
        writer.WriteEndObject();
    }

    /// <summary>What the page needs before its first session: the choices for each control, the defaults and the limits.</summary>
    public static void WriteOptions(Utf8JsonWriter writer, bool graphviz)
    {
        writer.WriteStartObject();
        writer.WriteString("defaults", new PlaygroundState().ToQuery());
        writer.WriteStartArray("datasets");
        foreach (DatasetChoice choice in DatasetChoice.All)
        {
            writer.WriteStartObject();
            writer.WriteString("name", choice.Name);
            writer.WriteString("label", choice.Label);
            writer.WriteBoolean("regression", choice.Regression);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("features");
        foreach (InputFeature feature in InputFeature.All)
        {
            writer.WriteStartObject();
            writer.WriteString("key", feature.Key);
            writer.WriteString("label", feature.Label);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        WriteStrings(writer, "activations", ActivationExtensions.Names.Names);
        WriteStrings(writer, "optimizers", OptimizerKindExtensions.Names.Names);
        writer.WriteStartArray("losses");
        foreach (LossFunction loss in LossFunction.All)
        {
            writer.WriteStartObject();
            writer.WriteString("name", loss.Name);
            writer.WriteString("summary", loss.Summary);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartObject("limits");
        writer.WriteNumber("minPoints", PlaygroundLimits.MinPoints);
        writer.WriteNumber("maxPoints", PlaygroundLimits.MaxPoints);
        writer.WriteNumber("maxHiddenLayers", PlaygroundLimits.MaxHiddenLayers);
        writer.WriteNumber("maxNeurons", PlaygroundLimits.MaxNeurons);
        writer.WriteNumber("maxClasses", PlaygroundLimits.MaxClasses);
        writer.WriteNumber("maxFramesPerSecond", PlaygroundLimits.MaxFramesPerSecond);
        writer.WriteNumber("maxStepsPerSecond", PlaygroundLimits.MaxStepsPerSecond);
        writer.WriteNumber("maxEpochs", PlaygroundLimits.MaxEpochs);
        writer.WriteNumber("maxCsvChars", PlaygroundLimits.MaxCsvChars);
        writer.WriteNumber("maxNoise", PlaygroundLimits.MaxNoise);
        writer.WriteNumber("minTrainShare", PlaygroundLimits.MinTrainShare);
        writer.WriteNumber("maxTrainShare", PlaygroundLimits.MaxTrainShare);
        writer.WriteNumber("minLearningRate", PlaygroundLimits.MinLearningRate);
        writer.WriteNumber("maxLearningRate", PlaygroundLimits.MaxLearningRate);
        writer.WriteNumber("maxL2", PlaygroundLimits.MaxL2);
        writer.WriteEndObject();
        writer.WriteBoolean("graphviz", graphviz);
        writer.WriteEndObject();
    }

    // Every input feature over the view, on the neurons' small grid, each scaled by its largest magnitude there, for the
    // page's input nodes (those not chosen too, so that the page can show what each would add).
    private static byte[] FeatureMaps(ViewBox view)
    {
        int size = PlaygroundLimits.NeuronGridSize;
        var maps = new byte[InputFeature.All.Count * size * size];
        for (int f = 0; f < InputFeature.All.Count; f++)
        {
            var values = new double[size * size];
            for (int cell = 0; cell < values.Length; cell++)
            {
                (double x, double y) = view.CellCenter(cell % size, cell / size, size);
                values[cell] = InputFeature.All[f].Compute(x, y);
            }
            double scale = values.Max(Math.Abs);
            for (int cell = 0; cell < values.Length; cell++)
            {
                maps[f * size * size + cell] = Frame.Encode(scale > 0 ? values[cell] / scale : 0);
            }
        }
        return maps;
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    }

    private static void WriteNumbers(Utf8JsonWriter writer, string name, IEnumerable<double> values)
    {
        writer.WriteStartArray(name);
        foreach (double value in values)
        {
            JsonOutput.NumberValue(writer, value);
        }
        writer.WriteEndArray();
    }
}
