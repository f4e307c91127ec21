// README "Use your model elsewhere": an exported model run by ONNX Runtime, no MicroNet involved.
// Run from a scratch folder: dotnet run PATH/TO/docs/snippets/onnx-runtime.cs
// setup: micronet train --dataset iris --out iris.json
// setup: micronet export --model iris.json --onnx iris.onnx --probabilities
#:package Microsoft.ML.OnnxRuntime

using System.Text.Json.Nodes;
using Microsoft.ML.OnnxRuntime;

using var session = new InferenceSession("iris.onnx");
string[] classes = [.. JsonNode.Parse(session.ModelMetadata.CustomMetadataMap["classes"])!.AsArray().Select(c => (string)c!)];

float[] rows = [5.1f, 3.5f, 1.4f, 0.2f,    // sepal_length, sepal_width, petal_length, petal_width
                6.7f, 3.0f, 5.2f, 2.3f];
using var input = OrtValue.CreateTensorValueFromMemory(rows, [2, 4]);
using var runOptions = new RunOptions();
using var outputs = session.Run(runOptions, ["input"], [input], ["output"]);
ReadOnlySpan<float> probabilities = outputs[0].GetTensorDataAsSpan<float>();   // [2, 3], row after row

for (int row = 0; row < 2; row++)
{
    ReadOnlySpan<float> p = probabilities.Slice(row * classes.Length, classes.Length);
    int best = 0;
    for (int k = 1; k < p.Length; k++)
    {
        if (p[k] > p[best])
        {
            best = k;
        }
    }
    Console.WriteLine($"{classes[best]} {p[best]:P1}");   // setosa 100.0%, then virginica 100.0% (en-US; "100.0 %" in the invariant culture)
}
