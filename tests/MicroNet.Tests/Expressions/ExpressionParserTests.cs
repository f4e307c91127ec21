using System.Globalization;
using System.Text;
using MicroNet.Expressions;

namespace MicroNet.Tests.Expressions;

public sealed class ExpressionParserTests
{
    // Expected values are what Python prints for the same text.
    [Theory]
    [InlineData("-2**2", -4)]
    [InlineData("2**3**2", 512)]
    [InlineData("2**-1", 0.5)]
    [InlineData("-2**-2", -0.25)]
    [InlineData("2**-1**2", 0.5)]
    [InlineData("-(2)**2", -4)]
    [InlineData("(-2)**2", 4)]
    [InlineData("(1+2)*3", 9)]
    [InlineData("1+2*3", 7)]
    [InlineData("2*3+4", 10)]
    [InlineData("10-4-3", 3)]
    [InlineData("8/4/2", 1)]
    [InlineData("2*-3", -6)]
    [InlineData("--2", 2)]
    [InlineData("+-+2", -2)]
    [InlineData("1e-3", 0.001)]
    [InlineData("1E+2 + 2.5e-1", 100.25)]
    [InlineData(".5 + 2.", 2.5)]
    [InlineData("00 + 007.5", 7.5)]
    [InlineData("pow(2, 3)", 8)]
    [InlineData("pow(2, 3) ** 2", 64)]
    [InlineData("pow(-2, 2 + 1)", -8)]
    [InlineData(" 1 +\t2\n", 3)]
    [InlineData("1/0", double.PositiveInfinity)]
    [InlineData("log(0)", double.NegativeInfinity)]
    [InlineData("(-8) ** (1/3)", double.NaN)]
    [InlineData("relu(-3) + relu(2)", 2)]
    public void Evaluate_Constants_MatchesPython(string text, double expected)
    {
        double actual = Expression.Parse(text).Evaluate(new Dictionary<string, double>()).Output.Data;

        Assert.Equal(expected, actual, 15);
    }

    [Theory]
    [InlineData("-a**2", "(-(a ** 2))")]
    [InlineData("a**-b**c", "(a ** (-(b ** c)))")]
    [InlineData("a**b**c", "(a ** (b ** c))")]
    [InlineData("(a**b)**c", "((a ** b) ** c)")]
    [InlineData("-a*b", "((-a) * b)")]
    [InlineData("a-b-c", "((a - b) - c)")]
    [InlineData("a-(b-c)", "(a - (b - c))")]
    [InlineData("a/b*c", "((a / b) * c)")]
    [InlineData("a+b*c**2", "(a + (b * (c ** 2)))")]
    [InlineData("+a - -b", "((+a) - (-b))")]
    [InlineData("tanh(a + b) * pow(a, -b)", "(tanh((a + b)) * pow(a, (-b)))")]
    public void Parse_Precedence_GroupsAsPython(string text, string grouped)
    {
        Assert.Equal(grouped, Grouped(Expression.Parse(text).Root));
    }

    [Fact]
    public void Evaluate_NegatedPower_GivesValueAndGradientOfMinusASquared()
    {
        ExpressionResult result = Expression.Parse("-a**2").Evaluate(new Dictionary<string, double> { ["a"] = 3 });
        result.Output.Backward();

        Assert.Equal(-9, result.Output.Data);
        Assert.Equal(-6, result.Variable("a").Grad);
    }

    [Fact]
    public void Evaluate_ReusedVariable_IsOneLeafThatAccumulatesGradient()
    {
        Expression expression = Expression.Parse("x*x + x*y + x");
        ExpressionResult result = expression.Evaluate(new Dictionary<string, double> { ["x"] = 2, ["y"] = 5 });
        result.Output.Backward();

        Assert.Equal(2 * 2 + 2 * 5 + 2, result.Output.Data);
        Assert.Equal(2, result.Variables.Count);
        Assert.Same(result.Variable("x"), result.Variables[0]);
        Assert.Equal("x", result.Variables[0].Label);
        Assert.Equal(2 * 2 + 5 + 1, result.Variable("x").Grad);
        Assert.Equal(2, result.Variable("y").Grad);
        Assert.Single(result.Output.TopologicalOrder(), v => v.Label == "x");
    }

    [Fact]
    public void Parse_Variables_AreInOrderOfFirstAppearance()
    {
        Expression expression = Expression.Parse("y + bias * tanh(x_1 + y) / bias");

        Assert.Equal(["y", "bias", "x_1"], expression.Variables);
        Assert.Equal("y + bias * tanh(x_1 + y) / bias", expression.ToString());
    }

    [Fact]
    public void Evaluate_FunctionsAndPow_UseTheValueOps()
    {
        var values = new Dictionary<string, double> { ["x"] = 0.5, ["y"] = 1.5 };
        double expected = Math.Tanh(0.5) + Math.Exp(0.5) + Math.Log(0.5) + 0.5 + 1 / (1 + Math.Exp(-0.5)) + Math.Pow(0.5, 1.5);

        Value output = Expression.Parse("tanh(x) + exp(x) + log(x) + relu(x) + sigmoid(x) + pow(x, y)").Evaluate(values).Output;

        Assert.Equal(expected, output.Data, 14);
    }

    [Fact]
    public void Evaluate_UnusedValues_AreIgnored()
    {
        ExpressionResult result = Expression.Parse("x + 1").Evaluate(new Dictionary<string, double> { ["x"] = 1, ["unused"] = 2 });

        Assert.Equal(2, result.Output.Data);
        Assert.Throws<KeyNotFoundException>(() => result.Variable("unused"));
    }

    [Fact]
    public void Parse_DeeplyNestedButAllowed_Parses()
    {
        string text = new string('(', Expression.MaxDepth - 1) + "x" + new string(')', Expression.MaxDepth - 1);

        ExpressionResult result = Expression.Parse(text).Evaluate(new Dictionary<string, double> { ["x"] = 4 });

        Assert.Equal(4, result.Output.Data);
    }

    [Fact]
    public void Evaluate_LongFlatSum_DoesNotRecurse()
    {
        const int terms = 200_000;
        var text = new StringBuilder("x");
        for (int i = 1; i < terms; i++)
        {
            text.Append(" + x");
        }

        ExpressionResult result = Expression.Parse(text.ToString()).Evaluate(new Dictionary<string, double> { ["x"] = 1 });
        result.Output.Backward();

        Assert.Equal(terms, result.Output.Data);
        Assert.Equal(terms, result.Variable("x").Grad);
    }

    [Fact]
    public void Functions_ListsTheKnownFunctions()
    {
        Assert.Equal(["tanh", "exp", "log", "relu", "sigmoid", "softplus", "pow", "logsumexp", "sum", "dot"], Expression.Functions);
    }

    // A fully parenthesised rendering of the tree; recursion is fine for the small trees these tests use.
    internal static string Grouped(Node node) => node switch
    {
        NumberNode number => number.Number.ToString("R", CultureInfo.InvariantCulture),
        VariableNode variable => variable.Name,
        UnaryNode unary => $"({(unary.Operator == UnaryOperator.Negate ? "-" : "+")}{Grouped(unary.Operand)})",
        BinaryNode binary => $"({Grouped(binary.Left)} {Symbol(binary.Operator)} {Grouped(binary.Right)})",
        CallNode call => $"{Parser.FunctionName(call.Function)}({string.Join(", ", call.Arguments.Select(Grouped))})",
        ListNode list => $"[{string.Join(", ", list.Elements.Select(Grouped))}]",
        _ => throw new ArgumentException(node.GetType().Name),
    };

    private static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        _ => "**",
    };
}
