using MicroNet.Cli.Examples;

namespace MicroNet.Tests.Support;

/// <summary>The notebook's hand-built tanh neuron, <c>o = tanh(x1*w1 + x2*w2 + b)</c>, before backward, with its leaves by label.</summary>
internal sealed record NotebookNeuron(Value X1, Value X2, Value W1, Value W2, Value B, Value O)
{
    public const double BiasValue = NotebookExample.NeuronBias;

    public static NotebookNeuron Build()
    {
        Value o = NotebookExample.BuildNeuron();
        Dictionary<string, Value> byLabel = o.TopologicalOrder().ToDictionary(v => v.Label, StringComparer.Ordinal);
        return new NotebookNeuron(byLabel["x1"], byLabel["x2"], byLabel["w1"], byLabel["w2"], byLabel["b"], o);
    }
}
