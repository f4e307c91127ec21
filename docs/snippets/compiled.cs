// README "Compiled graphs": capture the loss once, replay it every step.
// Run from a scratch folder: dotnet run PATH/TO/docs/snippets/compiled.cs
#:project ../../src/MicroNet/MicroNet.csproj

using MicroNet;
using MicroNet.Compiled;
using MicroNet.Loss;
using MicroNet.Nn;
using MicroNet.Optimizers;

double[][] xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]];
double[] ys = [1.0, -1.0, -1.0, 1.0];
var model = new Mlp(3, [4, 4, 1], seed: 42);
var optimizer = new Sgd(model.Parameters(), learningRate: 0.05);

Value loss = Losses.Mse([.. xs.Select(x => model.ForwardSingle(x))], ys, Reduction.Sum);
CompiledGraph compiled = loss.Compile();     // or CompiledGraph.Capture(loss)
for (int step = 0; step < 50; step++)
{
    compiled.Forward();                      // reads every leaf's Data: new parameters, new inputs
    optimizer.ZeroGrad();
    compiled.Backward();                     // adds into the leaves' Grad, exactly as loss.Backward() would
    optimizer.Step();
    Console.WriteLine(compiled.Output);
}
