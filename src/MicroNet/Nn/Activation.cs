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

/// <summary>Applies an <see cref="Activation"/> to a value.</summary>
public static class ActivationExtensions
{
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

    /// <summary>The lower-case name used in summaries and on the command line: <c>linear</c>, <c>tanh</c>, <c>relu</c>, <c>sigmoid</c>.</summary>
    public static string ToName(this Activation activation) => activation switch
    {
        Activation.Linear => "linear",
        Activation.Tanh => "tanh",
        Activation.Relu => "relu",
        Activation.Sigmoid => "sigmoid",
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };
}
