// docs/onnx.md: a saved model exported to ONNX from code.
// Run from a scratch folder: dotnet run PATH/TO/docs/snippets/onnx-export.cs (it writes files there)
// setup: micronet train --dataset iris --epochs 5 --out iris.json
#:project ../../src/MicroNet.Onnx/MicroNet.Onnx.csproj

using MicroNet.Models;
using MicroNet.Onnx;

Model model = ModelFile.Load("iris.json");
OnnxExport.Save(model, "iris.onnx", new OnnxExportOptions { IncludeProbabilities = true });      // atomic, like ModelFile.Save
byte[] bytes = OnnxExport.ToBytes(model, new OnnxExportOptions { Precision = OnnxPrecision.Float64 });
