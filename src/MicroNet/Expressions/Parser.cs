using System.Globalization;

namespace MicroNet.Expressions;

/// <summary>
/// Recursive descent with precedence climbing for the binary operators, following Python's grammar:
/// <c>+ -</c> bind loosest, then <c>* /</c>, then unary <c>+ -</c>, then <c>**</c>, which is right-associative and
/// whose right operand may itself be unary (<c>-a**2</c> is <c>-(a**2)</c>, <c>2**-1</c> is 0.5).
/// </summary>
/// <remarks>
/// Nodes are created children first, so the order of creation is a postfix order: evaluating the nodes in that
/// order needs no recursion over the tree.
/// </remarks>
internal sealed class Parser
{
    /// <summary>How deeply parentheses, unary signs and powers may nest; Python's own parser stops at 200 parentheses.</summary>
    public const int MaxDepth = 200;

    private static readonly string[] s_pythonKeywords =
    [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ];

    private readonly Tokenizer _tokenizer;
    private readonly List<Node> _postfix = [];
    private readonly List<string> _variables = [];
    private readonly Dictionary<string, int> _variableIndex = new(StringComparer.Ordinal);
    private Token _current;
    private int _previousPosition;
    private int _depth;

    private Parser(string text)
    {
        _tokenizer = new Tokenizer(text);
        _current = _tokenizer.Next();
    }

    public static (Node Root, Node[] Postfix, string[] Variables) Parse(string text)
    {
        var parser = new Parser(text);
        if (parser._current.Kind == TokenKind.End)
        {
            throw new ExpressionException("The expression is empty.", 0);
        }
        Node root = parser.ParseBinary(0);
        if (parser._current.Kind == TokenKind.RightParen)
        {
            throw new ExpressionException(
                Format($"Unexpected ')' at position {parser._current.Position} with no matching '('."), parser._current.Position);
        }
        if (parser._current.Kind != TokenKind.End)
        {
            throw parser.Unexpected();
        }
        return (root, [.. parser._postfix], [.. parser._variables]);
    }

    /// <summary>The functions by name, in the order help and messages list them.</summary>
    internal static readonly (string Name, ExpressionFunction Function)[] Functions =
    [
        ("tanh", ExpressionFunction.Tanh),
        ("exp", ExpressionFunction.Exp),
        ("log", ExpressionFunction.Log),
        ("relu", ExpressionFunction.Relu),
        ("sigmoid", ExpressionFunction.Sigmoid),
        ("softplus", ExpressionFunction.Softplus),
        ("pow", ExpressionFunction.Pow),
        ("logsumexp", ExpressionFunction.LogSumExp),
        ("sum", ExpressionFunction.Sum),
        ("dot", ExpressionFunction.Dot),
    ];

    internal static string FunctionName(ExpressionFunction function) => Array.Find(Functions, f => f.Function == function).Name
        ?? throw new ArgumentOutOfRangeException(nameof(function));

    // Case-sensitive, as Python's names are.
    private static ExpressionFunction? FunctionOf(string name)
    {
        int index = Array.FindIndex(Functions, f => f.Name == name);
        return index >= 0 ? Functions[index].Function : null;
    }

    // How a call of the function reads, for messages.
    private static string Example(ExpressionFunction function) => function switch
    {
        ExpressionFunction.Pow => "pow(x, 2)",
        ExpressionFunction.LogSumExp => "logsumexp(x, y)",
        ExpressionFunction.Sum => "sum(x, y)",
        ExpressionFunction.Dot => "dot([w1, w2], [x1, x2])",
        _ => FunctionName(function) + "(x)",
    };

    private static string Count(int count, string noun) => Format($"{count} {noun}{(count == 1 ? "" : "s")}");

    private static string KnownFunctions() =>
        string.Join(", ", Functions[..^1].Select(f => f.Name)) + " and " + Functions[^1].Name;

    private static (BinaryOperator Op, int Precedence)? BinaryOf(TokenKind kind) => kind switch
    {
        TokenKind.Plus => (BinaryOperator.Add, 1),
        TokenKind.Minus => (BinaryOperator.Subtract, 1),
        TokenKind.Star => (BinaryOperator.Multiply, 2),
        TokenKind.Slash => (BinaryOperator.Divide, 2),
        _ => null,
    };

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);

    // Left-associative + - * / by precedence climbing: the right operand only takes operators that bind tighter.
    private Node ParseBinary(int minPrecedence)
    {
        Node left = ParseUnary();
        while (BinaryOf(_current.Kind) is (BinaryOperator op, int precedence) && precedence >= minPrecedence)
        {
            int position = _current.Position;
            Advance();
            Node right = ParseBinary(precedence + 1);
            left = Add(new BinaryNode(position, op, left, right));
        }
        return left;
    }

    private Node ParseUnary()
    {
        if (++_depth > MaxDepth)
        {
            // Point at the '(', sign or '**' that opened one level too many.
            throw new ExpressionException(
                Format($"The expression nests more than {MaxDepth} levels deep at position {_previousPosition}; simplify it."),
                _previousPosition);
        }
        Node node;
        if (_current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            Token sign = _current;
            Advance();
            Node operand = ParseUnary();
            node = Add(new UnaryNode(sign.Position, sign.Kind == TokenKind.Plus ? UnaryOperator.Plus : UnaryOperator.Negate, operand));
        }
        else
        {
            node = ParsePower();
        }
        _depth--;
        return node;
    }

    private Node ParsePower()
    {
        Node power = ParsePrimary();
        if (_current.Kind == TokenKind.StarStar)
        {
            int position = _current.Position;
            Advance();
            Node exponent = ParseUnary();
            power = Add(new BinaryNode(position, BinaryOperator.Power, power, exponent));
        }
        return power;
    }

    private Node ParsePrimary()
    {
        Token token = _current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return Add(new NumberNode(token.Position, token.Number));
            case TokenKind.Name:
                Advance();
                return _current.Kind == TokenKind.LeftParen ? ParseCall(token) : Variable(token);
            case TokenKind.LeftParen:
                Advance();
                Node inner = ParseBinary(0);
                Expect(TokenKind.RightParen, token);
                return inner;
            case TokenKind.LeftBracket:
                throw new ExpressionException(
                    Format($"Unexpected '[' at position {token.Position}; a list is only an argument of dot, as in {Example(ExpressionFunction.Dot)}."),
                    token.Position);
            default:
                throw Unexpected();
        }
    }

    private Node ParseCall(Token name)
    {
        ExpressionFunction function = FunctionOf(name.Text) ?? throw new ExpressionException(
            Format($"Unknown function '{UserText.Quote(name.Text)}' at position {name.Position}; known functions are {KnownFunctions()}."),
            name.Position);
        Token open = _current;
        Advance();
        var arguments = new List<(Node Node, int Start)>();
        if (_current.Kind != TokenKind.RightParen)
        {
            arguments.Add(ParseArgument(function));
            while (_current.Kind == TokenKind.Comma)
            {
                Advance();
                arguments.Add(ParseArgument(function));
            }
        }
        Expect(TokenKind.RightParen, open);
        CheckArguments(name, function, arguments);
        return Add(new CallNode(name.Position, function, [.. arguments.Select(a => a.Node)]));
    }

    // dot's arguments are list literals; every other argument is an expression. Start is where its text starts.
    private (Node Node, int Start) ParseArgument(ExpressionFunction function)
    {
        int start = _current.Position;
        if (function != ExpressionFunction.Dot || _current.Kind != TokenKind.LeftBracket)
        {
            return (ParseBinary(0), start);
        }
        Token open = _current;
        Advance();
        var elements = new List<Node>();
        if (_current.Kind != TokenKind.RightBracket)
        {
            elements.Add(ParseBinary(0));
            while (_current.Kind == TokenKind.Comma)
            {
                Advance();
                elements.Add(ParseBinary(0));
            }
        }
        Expect(TokenKind.RightBracket, open);
        return (new ListNode(open.Position, [.. elements]), start);
    }

    private static void CheckArguments(Token name, ExpressionFunction function, List<(Node Node, int Start)> arguments)
    {
        (int minimum, int maximum) = function switch
        {
            ExpressionFunction.Pow or ExpressionFunction.Dot => (2, 2),
            ExpressionFunction.LogSumExp => (1, int.MaxValue),
            ExpressionFunction.Sum => (0, int.MaxValue),
            _ => (1, 1),
        };
        if (arguments.Count < minimum || arguments.Count > maximum)
        {
            string count = minimum == maximum ? $"{minimum}" : $"at least {minimum}";
            throw new ExpressionException(
                Format($"Function '{UserText.Quote(name.Text)}' at position {name.Position} takes {count} argument{(minimum == 1 ? "" : "s")} but was given {arguments.Count}."),
                name.Position);
        }
        if (function != ExpressionFunction.Dot)
        {
            return;
        }
        foreach ((Node argument, int start) in arguments)
        {
            if (argument is not ListNode)
            {
                throw new ExpressionException(
                    Format($"Function 'dot' at position {name.Position} takes two lists, as in {Example(function)}; the argument at position {start} is not a list."),
                    start);
            }
        }
        var (weights, inputs) = ((ListNode)arguments[0].Node, (ListNode)arguments[1].Node);
        if (weights.Elements.Count != inputs.Elements.Count)
        {
            throw new ExpressionException(
                Format($"The lists of 'dot' at position {name.Position} differ in length: {Count(weights.Elements.Count, "weight")} but {Count(inputs.Elements.Count, "input")}."),
                inputs.Position);
        }
    }

    private VariableNode Variable(Token name)
    {
        if (FunctionOf(name.Text) is ExpressionFunction function)
        {
            throw new ExpressionException(
                Format($"Function '{UserText.Quote(name.Text)}' at position {name.Position} must be called, as in {Example(function)}."), name.Position);
        }
        if (Array.IndexOf(s_pythonKeywords, name.Text) >= 0)
        {
            throw new ExpressionException(
                Format($"Unexpected '{UserText.Quote(name.Text)}' at position {name.Position}; it is a Python keyword, not a variable."), name.Position);
        }
        if (!_variableIndex.TryGetValue(name.Text, out int index))
        {
            index = _variables.Count;
            _variables.Add(name.Text);
            _variableIndex.Add(name.Text, index);
        }
        return (VariableNode)Add(new VariableNode(name.Position, name.Text, index));
    }

    private void Expect(TokenKind kind, Token open)
    {
        if (_current.Kind == kind)
        {
            Advance();
            return;
        }
        if (_current.Kind == TokenKind.End)
        {
            throw new ExpressionException(Format($"The '{UserText.Quote(open.Text)}' at position {open.Position} is never closed."), open.Position);
        }
        throw Unexpected();
    }

    private ExpressionException Unexpected() => _current.Kind == TokenKind.End
        ? new ExpressionException(
            Format($"Unexpected end of the expression at position {_current.Position}; expected a number, a variable, a function call or '('."),
            _current.Position)
        : new ExpressionException(Format($"Unexpected '{UserText.Quote(_current.Text)}' at position {_current.Position}."), _current.Position);

    private void Advance()
    {
        _previousPosition = _current.Position;
        _current = _tokenizer.Next();
    }

    private Node Add(Node node)
    {
        _postfix.Add(node);
        return node;
    }
}
