// The notebook's training loop, written out: forward pass, loss, zero the gradients, backward, update.
// Run: dotnet run samples/training.cs
#:project ../src/MicroNet/MicroNet.csproj

using MicroNet;
using MicroNet.Nn;

double[][] xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]];
double[] ys = [1.0, -1.0, -1.0, 1.0];
var model = new Mlp(3, [4, 4, 1], seed: 42);

for (int step = 0; step < 50; step++)
{
    // forward pass and loss: the sum of squared errors
    Value[] predictions = [.. xs.Select(x => model.ForwardSingle(x))];
    Value loss = Value.Sum(predictions.Select((prediction, i) => (prediction - ys[i]).Pow(2)));

    // backward pass: gradients accumulate, so zero them first
    model.ZeroGrad();
    loss.Backward();

    // gradient descent
    foreach (Value p in model.Parameters())
    {
        p.Data -= 0.05 * p.Grad;
    }

    if (step % 10 == 0 || step == 49)
    {
        Console.WriteLine($"step {step,2}  loss {loss.Data:F6}");
    }
}

for (int i = 0; i < xs.Length; i++)
{
    Console.WriteLine($"target {ys[i],4:+0;-0}  prediction {model.ForwardSingle(xs[i]).Data,9:F6}");
}
