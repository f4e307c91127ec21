using MicroNet.Expressions;

namespace MicroNet.Tests.Expressions;

public sealed class ExpressionErrorTests
{
    [Theory]
    [InlineData("", "The expression is empty.", 0)]
    [InlineData("   ", "The expression is empty.", 0)]
    [InlineData("2 * (a + )", "Unexpected ')' at position 9.", 9)]
    [InlineData("1 +", "Unexpected end of the expression at position 3; expected a number, a variable, a function call or '('.", 3)]
    [InlineData("1 2", "Unexpected '2' at position 2.", 2)]
    [InlineData("a b", "Unexpected 'b' at position 2.", 2)]
    [InlineData("a * (b c)", "Unexpected 'c' at position 7.", 7)]
    [InlineData("a * b)", "Unexpected ')' at position 5 with no matching '('.", 5)]
    [InlineData("(a * (b + 1)", "The '(' at position 0 is never closed.", 0)]
    [InlineData("tanh(a", "The '(' at position 4 is never closed.", 4)]
    [InlineData("()", "Unexpected ')' at position 1.", 1)]
    [InlineData("a ** ", "Unexpected end of the expression at position 5; expected a number, a variable, a function call or '('.", 5)]
    [InlineData("a * * b", "Unexpected '*' at position 4.", 4)]
    [InlineData("a, b", "Unexpected ',' at position 1.", 1)]
    [InlineData("a $ b", "Unexpected character '$' at position 2.", 2)]
    [InlineData("a.b", "Unexpected character '.' at position 1.", 1)]
    [InlineData("a ^ 2", "Unsupported operator '^' at position 2; write a power as a ** b, as in Python.", 2)]
    [InlineData("a // 2", "Unsupported operator '//' at position 2; the operators are + - * / and **.", 2)]
    [InlineData("a % 2", "Unsupported operator '%' at position 2; the operators are + - * / and **.", 2)]
    [InlineData("1e", "Invalid number '1e' at position 0; write numbers as 2, 0.5, .5 or 1e-3.", 0)]
    [InlineData("x + 2x", "Invalid number '2x' at position 4; write numbers as 2, 0.5, .5 or 1e-3.", 4)]
    [InlineData("1_000", "Invalid number '1_000' at position 0; write numbers as 2, 0.5, .5 or 1e-3.", 0)]
    [InlineData("0x1F", "Invalid number '0x1F' at position 0; write numbers as 2, 0.5, .5 or 1e-3.", 0)]
    [InlineData("1.2.3", "Invalid number '1.2.3' at position 0; write numbers as 2, 0.5, .5 or 1e-3.", 0)]
    [InlineData("007", "Invalid number '007' at position 0; integers cannot start with 0, as in Python.", 0)]
    [InlineData("foo(1)", "Unknown function 'foo' at position 0; known functions are tanh, exp, log, relu, sigmoid, softplus, pow, logsumexp, sum and dot.", 0)]
    [InlineData("2 * sqrt(x)", "Unknown function 'sqrt' at position 4; known functions are tanh, exp, log, relu, sigmoid, softplus, pow, logsumexp, sum and dot.", 4)]
    [InlineData("tanh + 1", "Function 'tanh' at position 0 must be called, as in tanh(x).", 0)]
    [InlineData("tanh(1, 2)", "Function 'tanh' at position 0 takes 1 argument but was given 2.", 0)]
    [InlineData("exp()", "Function 'exp' at position 0 takes 1 argument but was given 0.", 0)]
    [InlineData("1 + pow(2)", "Function 'pow' at position 4 takes 2 arguments but was given 1.", 4)]
    [InlineData("pow(2, 3, 5)", "Function 'pow' at position 0 takes 2 arguments but was given 3.", 0)]
    [InlineData("pow + 1", "Function 'pow' at position 0 must be called, as in pow(x, 2).", 0)]
    [InlineData("softplus(x, y)", "Function 'softplus' at position 0 takes 1 argument but was given 2.", 0)]
    [InlineData("2 * logsumexp()", "Function 'logsumexp' at position 4 takes at least 1 argument but was given 0.", 4)]
    [InlineData("sum * 2", "Function 'sum' at position 0 must be called, as in sum(x, y).", 0)]
    [InlineData("dot", "Function 'dot' at position 0 must be called, as in dot([w1, w2], [x1, x2]).", 0)]
    [InlineData("dot([x])", "Function 'dot' at position 0 takes 2 arguments but was given 1.", 0)]
    [InlineData("dot([x], [y], [z])", "Function 'dot' at position 0 takes 2 arguments but was given 3.", 0)]
    [InlineData("dot([x], y)", "Function 'dot' at position 0 takes two lists, as in dot([w1, w2], [x1, x2]); the argument at position 9 is not a list.", 9)]
    [InlineData("dot(x + 1, [y])", "Function 'dot' at position 0 takes two lists, as in dot([w1, w2], [x1, x2]); the argument at position 4 is not a list.", 4)]
    [InlineData("1 + dot([x, y], [z])", "The lists of 'dot' at position 4 differ in length: 2 weights but 1 input.", 16)]
    [InlineData("[x, y]", "Unexpected '[' at position 0; a list is only an argument of dot, as in dot([w1, w2], [x1, x2]).", 0)]
    [InlineData("tanh([x])", "Unexpected '[' at position 5; a list is only an argument of dot, as in dot([w1, w2], [x1, x2]).", 5)]
    [InlineData("dot([x, [y]], [z, w])", "Unexpected '[' at position 8; a list is only an argument of dot, as in dot([w1, w2], [x1, x2]).", 8)]
    [InlineData("dot([x, y], [z, w", "The '[' at position 12 is never closed.", 12)]
    [InlineData("dot([x, y], [z, w)", "Unexpected ')' at position 17.", 17)]
    [InlineData("dot([x y], [z, w])", "Unexpected 'y' at position 7.", 7)]
    [InlineData("x]", "Unexpected ']' at position 1.", 1)]
    [InlineData("lambda + 1", "Unexpected 'lambda' at position 0; it is a Python keyword, not a variable.", 0)]
    [InlineData("a if b else c", "Unexpected 'if' at position 2.", 2)]
    public void Parse_InvalidText_ThrowsWithMessageAndPosition(string text, string message, int position)
    {
        ExpressionException error = Assert.Throws<ExpressionException>(() => Expression.Parse(text));

        Assert.Equal(message, error.Message);
        Assert.Equal(position, error.Position);
    }

    [Theory]
    [InlineData(1000, '(', ")")]
    [InlineData(200, '(', ")")]
    [InlineData(100_000, '-', "")]
    public void Parse_TooDeepNesting_ThrowsInsteadOfOverflowingTheStack(int depth, char opener, string closer)
    {
        string text = new string(opener, depth) + "x" + string.Concat(Enumerable.Repeat(closer, depth));

        ExpressionException error = Assert.Throws<ExpressionException>(() => Expression.Parse(text));

        Assert.Equal($"The expression nests more than 200 levels deep at position {Expression.MaxDepth - 1}; simplify it.", error.Message);
        Assert.Equal(Expression.MaxDepth - 1, error.Position);
    }

    [Fact]
    public void Parse_TooManyChainedPowers_Throws()
    {
        string text = "x" + string.Concat(Enumerable.Repeat("**x", 10_000));

        ExpressionException error = Assert.Throws<ExpressionException>(() => Expression.Parse(text));

        // x**x**...: the 200th '**' opens level 201.
        Assert.Equal(1 + (3 * 199), error.Position);
        Assert.Equal("**", text.Substring(error.Position, 2));
    }

    [Fact]
    public void Evaluate_MissingVariable_NamesItAndPointsAtItsFirstUse()
    {
        Expression expression = Expression.Parse("a * b + b");

        ExpressionException error = Assert.Throws<ExpressionException>(
            () => expression.Evaluate(new Dictionary<string, double> { ["a"] = 1 }));

        Assert.Equal("Variable 'b' has no value.", error.Message);
        Assert.Equal(4, error.Position);
    }

    [Theory]
    [InlineData("2 * (a + )", 9, "2 * (a + )\n         ^")]
    [InlineData("1 +", 3, "1 +\n   ^")]
    [InlineData("foo(1)", 0, "foo(1)\n^")]
    [InlineData("a +\tfoo(1)", 4, "a +\\tfoo(1)\n     ^")]
    [InlineData("a +\nb )", 6, "a +\\nb )\n       ^")]
    [InlineData("a+\u001b[31mb", 2, "a+\\x1B[31mb\n  ^")]
    [InlineData("a", -1, "a")]
    public void ShowPosition_PutsACaretUnderThePosition(string text, int position, string expected)
    {
        Assert.Equal(expected, Expression.ShowPosition(text, position));
    }

    [Fact]
    public void ShowPosition_LongText_ShowsEightyCharactersAroundThePosition()
    {
        string text = string.Concat(Enumerable.Repeat("a+", 30_000)) + "?" + string.Concat(Enumerable.Repeat("+b", 30_000));

        string[] lines = Expression.ShowPosition(text, 60_000).Split('\n');

        Assert.Equal("…" + string.Concat(Enumerable.Repeat("a+", 20)) + "?" + string.Concat(Enumerable.Repeat("+b", 20))[..39] + "…", lines[0]);
        Assert.Equal('?', lines[0][lines[1].IndexOf('^', StringComparison.Ordinal)]);
    }

    [Fact]
    public void ShowPosition_OfAParseError_PointsAtTheOffendingCharacter()
    {
        const string text = "(1 + 2))";
        ExpressionException error = Assert.Throws<ExpressionException>(() => Expression.Parse(text));

        Assert.Equal("(1 + 2))\n       ^", Expression.ShowPosition(text, error.Position));
    }
}
