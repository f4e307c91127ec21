using System.Text;

namespace MicroNet.Expressions;

/// <summary>
/// A parsed arithmetic expression such as <c>tanh(w*x + b) ** 2</c>, written in Python's syntax, that builds a
/// <see cref="Value"/> graph when evaluated, so that <see cref="Value.Backward"/> gives the gradient of every variable.
/// </summary>
/// <remarks>
/// <para>
/// The grammar is Python's, for the parts it supports, so a string means the same here as in Python: numbers
/// (<c>2</c>, <c>0.5</c>, <c>.5</c>, <c>2.</c>, <c>1e-3</c>), variables (<c>x</c>, <c>w_1</c>), <c>+ - * /</c>,
/// <c>**</c>, unary <c>+ -</c>, parentheses, the functions <c>tanh exp log relu sigmoid softplus</c> of one argument,
/// <c>pow(a, b)</c>, <c>logsumexp(a, ...)</c> (one or more arguments), <c>sum(...)</c> (any number; <c>sum()</c> is 0) and
/// <c>dot([w1, ...], [x1, ...])</c>, whose two arguments are Python lists of the same length.
/// <c>**</c> is right-associative (<c>2**3**2</c> is 512) and binds tighter than a unary minus on its left
/// (<c>-a**2</c> is <c>-(a**2)</c>), while its right operand may be unary (<c>2**-1</c> is 0.5).
/// </para>
/// <para>
/// Arithmetic is IEEE double: division by 0 gives ±infinity or NaN, <c>log(0)</c> is -infinity. Every operator
/// maps to the <see cref="Value"/> op of the same name (<c>logsumexp</c>, <c>sum</c> and <c>dot</c> to
/// <see cref="Value.LogSumExp(ReadOnlySpan{Value})"/>, <see cref="Value.Sum(ReadOnlySpan{Value})"/> and
/// <see cref="Value.Dot"/>, one node each); <c>a ** b</c> and <c>pow(a, b)</c> always use
/// <see cref="Value.Pow(Value)"/>, whose gradients follow PyTorch's <c>torch.pow(tensor, tensor)</c>.
/// </para>
/// </remarks>
public sealed class Expression
{
    private readonly Node[] _postfix;
    private readonly string[] _variables;

    private Expression(string text, Node root, Node[] postfix, string[] variables)
    {
        Text = text;
        Root = root;
        _postfix = postfix;
        _variables = variables;
    }

    /// <summary>
    /// The functions an expression can call: <c>tanh, exp, log, relu, sigmoid, softplus, pow, logsumexp, sum, dot</c>.
    /// </summary>
    public static IReadOnlyList<string> Functions { get; } = [.. Parser.Functions.Select(f => f.Name)];

    /// <summary>
    /// The deepest nesting of parentheses, unary signs and powers that <see cref="Parse"/> accepts (200, as Python's
    /// parser); deeper text is rejected with an <see cref="ExpressionException"/> instead of overflowing the stack.
    /// </summary>
    public static int MaxDepth => Parser.MaxDepth;

    /// <summary>The text this expression was parsed from.</summary>
    public string Text { get; }

    /// <summary>The names of the variables, each once, in the order they first appear in <see cref="Text"/>.</summary>
    public IReadOnlyList<string> Variables => _variables;

    internal Node Root { get; }

    /// <summary>Parses <paramref name="text"/> with Python's syntax and precedence.</summary>
    /// <exception cref="ExpressionException">
    /// A syntax error, an unknown function, a function called with the wrong number of arguments, or nesting deeper
    /// than <see cref="MaxDepth"/>; <see cref="ExpressionException.Position"/> is where.
    /// </exception>
    public static Expression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        (Node root, Node[] postfix, string[] variables) = Parser.Parse(text);
        return new Expression(text, root, postfix, variables);
    }

    /// <summary>
    /// Builds the expression's graph for the given variable values: each variable becomes one leaf <see cref="Value"/>,
    /// labelled with its name and shared by every place it appears; each number becomes a constant leaf. Names in
    /// <paramref name="values"/> that the expression does not use are ignored.
    /// </summary>
    /// <exception cref="ExpressionException">A variable has no value; the message names it.</exception>
    public ExpressionResult Evaluate(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var leaves = new Value[_variables.Length];
        for (int i = 0; i < leaves.Length; i++)
        {
            if (!values.TryGetValue(_variables[i], out double data))
            {
                throw new ExpressionException($"Variable '{UserText.Quote(_variables[i])}' has no value.", FirstPosition(i));
            }
            leaves[i] = new Value(data, _variables[i]);
        }
        var stack = new Stack<Value>();
        foreach (Node node in _postfix)
        {
            stack.Push(node switch
            {
                NumberNode number => new Value(number.Number),
                VariableNode variable => leaves[variable.Index],
                UnaryNode { Operator: UnaryOperator.Plus } => stack.Pop(),
                UnaryNode { Operator: UnaryOperator.Negate } => -stack.Pop(),
                BinaryNode binary => Apply(binary.Operator, stack),
                CallNode call => Apply(call, stack),
                _ => throw new InvalidOperationException($"Unknown node {node.GetType().Name}."),
            });
        }
        return new ExpressionResult(stack.Pop(), _variables, leaves);
    }

    /// <summary>
    /// Two lines for an error message: <paramref name="text"/>, then a caret under the character at
    /// <paramref name="position"/> (after the last character when the position is the text's length). Control
    /// characters show escaped as in <see cref="UserText.Quote"/> (a line break as <c>\n</c>, an escape as <c>\x1B</c>),
    /// and a text longer than <see cref="UserText.MaxQuotedLength"/> characters shows only that many around the
    /// position, an ellipsis marking what is cut, so the caret always lines up. A negative position gives the text alone.
    /// </summary>
    public static string ShowPosition(string text, int position)
    {
        ArgumentNullException.ThrowIfNull(text);
        int at = Math.Clamp(position, 0, text.Length);
        int first = Math.Max(0, Math.Min(at - (UserText.MaxQuotedLength / 2), text.Length - UserText.MaxQuotedLength));
        int last = Math.Min(text.Length, first + UserText.MaxQuotedLength);
        var line = new StringBuilder(first > 0 ? "…" : "");
        int caretColumn = line.Length;
        for (int i = first; i < last; i++)
        {
            if (i == at)
            {
                caretColumn = line.Length;
            }
            line.Append(UserText.Quote(text[i].ToString()));
        }
        if (at >= last)
        {
            caretColumn = line.Length;
        }
        line.Append(last < text.Length ? "…" : "");
        return position < 0 ? line.ToString() : line.Append('\n').Append(' ', caretColumn).Append('^').ToString();
    }

    /// <summary>The text this expression was parsed from.</summary>
    public override string ToString() => Text;

    private static Value Apply(BinaryOperator op, Stack<Value> stack)
    {
        Value right = stack.Pop();
        Value left = stack.Pop();
        return op switch
        {
            BinaryOperator.Add => left + right,
            BinaryOperator.Subtract => left - right,
            BinaryOperator.Multiply => left * right,
            BinaryOperator.Divide => left / right,
            BinaryOperator.Power => left.Pow(right),
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };
    }

    // A call's operands are on the stack in order: its arguments, or for dot the weights' elements then the inputs'.
    private static Value Apply(CallNode call, Stack<Value> stack)
    {
        var operands = new Value[call.OperandCount];
        for (int i = operands.Length - 1; i >= 0; i--)
        {
            operands[i] = stack.Pop();
        }
        return call.Function switch
        {
            ExpressionFunction.Tanh => operands[0].Tanh(),
            ExpressionFunction.Exp => operands[0].Exp(),
            ExpressionFunction.Log => operands[0].Log(),
            ExpressionFunction.Relu => operands[0].Relu(),
            ExpressionFunction.Sigmoid => operands[0].Sigmoid(),
            ExpressionFunction.Softplus => operands[0].Softplus(),
            ExpressionFunction.Pow => operands[0].Pow(operands[1]),
            ExpressionFunction.LogSumExp => Value.LogSumExp(operands),
            ExpressionFunction.Sum => Value.Sum(operands),
            ExpressionFunction.Dot => Value.Dot(operands[..(operands.Length / 2)], operands[(operands.Length / 2)..]),
            _ => throw new ArgumentOutOfRangeException(nameof(call)),
        };
    }

    private int FirstPosition(int variableIndex)
    {
        foreach (Node node in _postfix)
        {
            if (node is VariableNode variable && variable.Index == variableIndex)
            {
                return variable.Position;
            }
        }
        return -1;
    }
}
