namespace MicroNet.Tests.Support;

/// <summary>The notebook's hand-built tanh neuron: <c>o = tanh(x1*w1 + x2*w2 + b)</c>, with the notebook's labels.</summary>
internal sealed record NotebookNeuron(Value X1, Value X2, Value W1, Value W2, Value B, Value O)
{
    public const double BiasValue = 6.8813735870195432;

    public static NotebookNeuron Build()
    {
        var x1 = new Value(2.0, "x1");
        var x2 = new Value(0.0, "x2");
        var w1 = new Value(-3.0, "w1");
        var w2 = new Value(1.0, "w2");
        var b = new Value(BiasValue, "b");
        Value x1w1 = x1 * w1;
        x1w1.Label = "x1*w1";
        Value x2w2 = x2 * w2;
        x2w2.Label = "x2*w2";
        Value x1w1x2w2 = x1w1 + x2w2;
        x1w1x2w2.Label = "x1*w1 + x2*w2";
        Value n = x1w1x2w2 + b;
        n.Label = "n";
        Value o = n.Tanh();
        o.Label = "o";
        return new NotebookNeuron(x1, x2, w1, w2, b, o);
    }
}
