namespace MicroNet.Expressions;

/// <summary>
/// An expression that cannot be parsed or evaluated: a syntax error, an unknown function, a variable without a
/// value. The message is one sentence that names the problem; <see cref="Position"/> says where it is.
/// </summary>
public sealed class ExpressionException : Exception
{
    /// <summary>Creates an exception with no position in the expression (<see cref="Position"/> is -1).</summary>
    public ExpressionException()
        : this("The expression is not valid.", -1)
    {
    }

    /// <summary>Creates an exception with no position in the expression (<see cref="Position"/> is -1).</summary>
    public ExpressionException(string message)
        : this(message, -1)
    {
    }

    /// <summary>Creates an exception with no position in the expression, wrapping the error that caused it.</summary>
    public ExpressionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Position = -1;
    }

    /// <summary>Creates an exception about the character at <paramref name="position"/> (0-based).</summary>
    public ExpressionException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    /// <summary>
    /// The 0-based index of the offending character in the expression text (the text's length for a problem at its
    /// end), or -1 when the problem is not at one place. Pass it to <see cref="Expression.ShowPosition"/> to point at it.
    /// </summary>
    public int Position { get; }
}
