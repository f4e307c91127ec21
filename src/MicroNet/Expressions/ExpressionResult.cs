namespace MicroNet.Expressions;

/// <summary>
/// The graph that <see cref="Expression.Evaluate"/> built: the output value and one leaf value per variable.
/// Call <c>Output.Backward()</c>, then read each variable's <see cref="Value.Grad"/>.
/// </summary>
public sealed class ExpressionResult
{
    private readonly string[] _names;
    private readonly Value[] _variables;

    internal ExpressionResult(Value output, string[] names, Value[] variables)
    {
        Output = output;
        _names = names;
        _variables = variables;
    }

    /// <summary>The value of the whole expression, the root of the graph.</summary>
    public Value Output { get; }

    /// <summary>
    /// One leaf per variable, in the order of <see cref="Expression.Variables"/>; each is labelled with the variable's
    /// name and is shared by every place the variable appears, so its gradient sums all of them.
    /// </summary>
    public IReadOnlyList<Value> Variables => _variables;

    /// <summary>The leaf value of the variable called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The expression has no variable of that name.</exception>
    public Value Variable(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int index = Array.IndexOf(_names, name);
        return index >= 0 ? _variables[index] : throw new KeyNotFoundException($"The expression has no variable '{UserText.Quote(name)}'.");
    }
}
