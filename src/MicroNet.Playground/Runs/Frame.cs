using System.Text.Json;

namespace MicroNet.Playground.Runs;

/// <summary>
/// What the page draws after an epoch: the counters and losses, every weight, the boundary heatmap and each neuron's
/// heatmap. Immutable once made, so that every connection watching the session can write it while training goes on.
/// </summary>
/// <remarks>
/// Heatmaps are colours from -1 to 1 stored as signed bytes (<c>round(127 * v)</c>), base64 in JSON: 2,500 cells of the
/// boundary take 3.4 kB of text. For more than two classes <see cref="BoundaryClasses"/> holds each cell's class and
/// <see cref="Boundary"/> its probability as a colour.
/// </remarks>
internal sealed class Frame
{
    public required int RunId { get; init; }

    /// <summary>Increases with every frame a session publishes, across runs.</summary>
    public required long Version { get; init; }

    public required int Epoch { get; init; }

    public required int Steps { get; init; }

    public required bool Playing { get; init; }

    /// <summary>Why training stopped (a NaN loss, the epoch limit), or null.</summary>
    public string? Message { get; init; }

    public required LossPoint Latest { get; init; }

    public double? TrainAccuracy { get; init; }

    public double? TestAccuracy { get; init; }

    public required LossHistory History { get; init; }

    /// <summary>How many history points existed when the frame was made; a connection sends those it has not sent.</summary>
    public required int HistoryCount { get; init; }

    /// <summary>Per layer, each neuron's weights then its bias, neuron after neuron.</summary>
    public required double[][] Weights { get; init; }

    public required byte[] Boundary { get; init; }

    public byte[]? BoundaryClasses { get; init; }

    /// <summary>Each neuron's heatmap, neuron after neuron, hidden layers first.</summary>
    public required byte[] Neurons { get; init; }

    /// <summary>A colour from -1 to 1 as the signed byte the page decodes.</summary>
    public static byte Encode(double value) => unchecked((byte)(sbyte)Math.Round(Math.Clamp(double.IsNaN(value) ? 0 : value, -1, 1) * 127));

    /// <summary>Writes the frame as one JSON object, with the history points from <paramref name="historyStart"/> on.</summary>
    public void WriteTo(Utf8JsonWriter writer, int historyStart)
    {
        writer.WriteStartObject();
        writer.WriteNumber("run", RunId);
        writer.WriteNumber("version", Version);
        writer.WriteNumber("epoch", Epoch);
        writer.WriteNumber("steps", Steps);
        writer.WriteBoolean("playing", Playing);
        writer.WriteString("message", Message);
        JsonOutput.Number(writer, "trainLoss", Latest.TrainLoss);
        JsonOutput.Number(writer, "testLoss", Latest.TestLoss);
        JsonOutput.Number(writer, "trainAccuracy", TrainAccuracy);
        JsonOutput.Number(writer, "testAccuracy", TestAccuracy);
        writer.WriteStartObject("history");
        writer.WriteNumber("start", Math.Min(historyStart, HistoryCount));
        writer.WriteStartArray("points");
        foreach (LossPoint point in History.Slice(historyStart, HistoryCount))
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(point.Epoch);
            JsonOutput.NumberValue(writer, point.TrainLoss);
            JsonOutput.NumberValue(writer, point.TestLoss);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteStartArray("weights");
        foreach (double[] layer in Weights)
        {
            writer.WriteStartArray();
            foreach (double w in layer)
            {
                JsonOutput.NumberValue(writer, w);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.WriteBase64String("boundary", Boundary);
        if (BoundaryClasses is null)
        {
            writer.WriteNull("classes");
        }
        else
        {
            writer.WriteBase64String("classes", BoundaryClasses);
        }
        writer.WriteBase64String("neurons", Neurons);
        writer.WriteEndObject();
    }
}
