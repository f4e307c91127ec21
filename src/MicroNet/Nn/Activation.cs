namespace MicroNet.Nn;

/// <summary>The nonlinearity a neuron applies to its weighted sum.</summary>
public enum Activation
{
    /// <summary>No nonlinearity: <c>y = x</c>.</summary>
    Linear,

    /// <summary><c>y = tanh(x)</c>, the notebook's choice.</summary>
    Tanh,

    /// <summary><c>y = max(0, x)</c>, micrograd's choice.</summary>
    Relu,

    /// <summary><c>y = 1 / (1 + e ** -x)</c>.</summary>
    Sigmoid,
}

/// <summary>Applies an <see cref="Activation"/> to a value, and names it.</summary>
public static class ActivationExtensions
{
    /// <summary>The names used on the command line, in summaries and in model files: <c>linear</c>, <c>tanh</c>, <c>relu</c>, <c>sigmoid</c>.</summary>
    public static NameTable<Activation> Names { get; } = new("activation",
        (Activation.Linear, "linear"), (Activation.Tanh, "tanh"), (Activation.Relu, "relu"), (Activation.Sigmoid, "sigmoid"));

    /// <summary>Returns <paramref name="x"/> passed through <paramref name="activation"/> (<paramref name="x"/> itself for <see cref="Activation.Linear"/>).</summary>
    public static Value Apply(this Activation activation, Value x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return activation switch
        {
            Activation.Linear => x,
            Activation.Tanh => x.Tanh(),
            Activation.Relu => x.Relu(),
            Activation.Sigmoid => x.Sigmoid(),
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
        };
    }

    /// <summary>The name of <paramref name="activation"/> in <see cref="Names"/>, such as <c>tanh</c>.</summary>
    public static string ToName(this Activation activation) => Names.NameOf(activation);
}
