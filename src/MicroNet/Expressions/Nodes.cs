namespace MicroNet.Expressions;

// The syntax tree. Plain sealed classes rather than records: generated Equals and ToString would recurse over
// the tree's depth. Each node records the position of the token that made it, for error messages.

internal enum UnaryOperator
{
    Plus,
    Negate,
}

internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Power,
}

internal enum ExpressionFunction
{
    Tanh,
    Exp,
    Log,
    Relu,
    Sigmoid,
    Softplus,
    Pow,
    LogSumExp,
    Sum,
    Dot,
}

internal abstract class Node(int position)
{
    public int Position { get; } = position;
}

internal sealed class NumberNode(int position, double number) : Node(position)
{
    public double Number { get; } = number;
}

/// <summary>A variable; <see cref="Index"/> points into <see cref="Expression.Variables"/>.</summary>
internal sealed class VariableNode(int position, string name, int index) : Node(position)
{
    public string Name { get; } = name;

    public int Index { get; } = index;
}

internal sealed class UnaryNode(int position, UnaryOperator op, Node operand) : Node(position)
{
    public UnaryOperator Operator { get; } = op;

    public Node Operand { get; } = operand;
}

internal sealed class BinaryNode(int position, BinaryOperator op, Node left, Node right) : Node(position)
{
    public BinaryOperator Operator { get; } = op;

    public Node Left { get; } = left;

    public Node Right { get; } = right;
}

/// <summary>A function call; <see cref="OperandCount"/> values are on the evaluation stack for it (a list's elements each).</summary>
internal sealed class CallNode(int position, ExpressionFunction function, Node[] arguments) : Node(position)
{
    public ExpressionFunction Function { get; } = function;

    public IReadOnlyList<Node> Arguments { get; } = arguments;

    public int OperandCount { get; } = arguments.Sum(a => a is ListNode list ? list.Elements.Count : 1);
}

/// <summary>A list literal, <c>[a, b]</c>: only an argument of <c>dot</c>. Not evaluated itself; its elements are.</summary>
internal sealed class ListNode(int position, Node[] elements) : Node(position)
{
    public IReadOnlyList<Node> Elements { get; } = elements;
}
