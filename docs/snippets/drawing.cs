// README "Drawing the graph": a neuron's graph as DOT text and as a picture (the .svg needs Graphviz).
// Run from a scratch folder: dotnet run PATH/TO/docs/snippets/drawing.cs (it writes files there)
#:project ../../src/MicroNet/MicroNet.csproj

using MicroNet;
using MicroNet.Drawing;

var x = new Value(2.0, "x");
var w = new Value(-3.0, "w");
var b = new Value(6.8813735870195432, "b");
Value o = (x * w + b).Tanh();
o.Label = "o";
o.Backward();

string dot = GraphDrawing.ToDot(o);          // Graphviz DOT text, one record per value: label | data | grad
Console.Write(dot);
GraphDrawing.Draw(o, "neuron.dot");          // .dot, .svg or .png, chosen by the extension (.svg and .png need Graphviz)
GraphDrawing.Draw(o, "neuron.svg", RankDirection.TopToBottom);
