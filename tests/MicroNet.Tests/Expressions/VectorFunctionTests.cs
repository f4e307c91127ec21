using MicroNet.Expressions;

namespace MicroNet.Tests.Expressions;

/// <summary>softplus, logsumexp, sum and dot in expressions: Python's syntax, one node of the matching op each.</summary>
public sealed class VectorFunctionTests
{
    [Theory]
    [InlineData("softplus(0)", 0.69314718055994529)]
    [InlineData("logsumexp(1, 2)", 2.3132616875182228)]
    [InlineData("logsumexp(3)", 3)]
    [InlineData("logsumexp(1000, 1000)", 1000.6931471805599)]
    [InlineData("sum()", 0)]
    [InlineData("sum(1)", 1)]
    [InlineData("sum(1, 2, 3) * 2", 12)]
    [InlineData("dot([1, 2], [3, 4])", 11)]
    [InlineData("dot([], [])", 0)]
    [InlineData("dot([1 + 1, -1], [2 ** 2, sum(1, 2)])", 5)]
    [InlineData("-dot([2], [3]) ** 2", -36)]
    public void Evaluate_Constants_MatchesPython(string text, double expected)
    {
        double actual = Expression.Parse(text).Evaluate(new Dictionary<string, double>()).Output.Data;

        Assert.Equal(expected, actual, 13);
    }

    [Fact]
    public void Evaluate_EachFunction_IsOneNodeOfItsOp()
    {
        var values = new Dictionary<string, double> { ["w1"] = 1, ["w2"] = 2, ["x1"] = 3, ["x2"] = 4 };

        Value dot = Expression.Parse("dot([w1, w2], [x1, x2])").Evaluate(values).Output;
        Value sum = Expression.Parse("sum(w1, w2, x1)").Evaluate(values).Output;
        Value logSumExp = Expression.Parse("logsumexp(w1, x2)").Evaluate(values).Output;
        Value softplus = Expression.Parse("softplus(w1)").Evaluate(values).Output;
        Value empty = Expression.Parse("sum()").Evaluate(values).Output;

        Assert.Equal("dot", dot.Op);
        Assert.Equal(["w1", "w2", "x1", "x2"], dot.Children.Select(c => c.Label));
        Assert.Equal(11, dot.Data);
        Assert.Equal("sum", sum.Op);
        Assert.Equal(3, sum.Children.Count);
        Assert.Equal("logsumexp", logSumExp.Op);
        Assert.Equal(Math.Log(Math.Exp(1) + Math.Exp(4)), logSumExp.Data, 15);
        Assert.Equal("softplus", softplus.Op);
        Assert.Equal("sum", empty.Op);
        Assert.Empty(empty.Children);
    }

    [Theory]
    [InlineData("logsumexp(a, b*c)", "logsumexp(a, (b * c))")]
    [InlineData("sum()", "sum()")]
    [InlineData("sum(a, -b) ** 2", "(sum(a, (-b)) ** 2)")]
    [InlineData("dot([a, b], [c, d + 1])", "dot([a, b], [c, (d + 1)])")]
    [InlineData("dot([sum(a)], [dot([b], [c])])", "dot([sum(a)], [dot([b], [c])])")]
    [InlineData("softplus(a) - softplus(-a)", "(softplus(a) - softplus((-a)))")]
    public void Parse_NewFunctions_GroupAsPython(string text, string grouped)
    {
        Assert.Equal(grouped, ExpressionParserTests.Grouped(Expression.Parse(text).Root));
    }

    [Fact]
    public void Parse_DotLists_VariablesAreInOrderOfFirstAppearance()
    {
        Assert.Equal(["x", "w", "b"], Expression.Parse("dot([x, w], [b, x]) + sum(b, w)").Variables);
    }

    [Fact]
    public void Evaluate_DotWithReusedVariables_AccumulatesGradients()
    {
        ExpressionResult result = Expression.Parse("dot([x, y], [x, x])").Evaluate(new Dictionary<string, double> { ["x"] = 1.5, ["y"] = -2 });
        result.Output.Backward();

        Assert.Equal(1.5 * 1.5 - 2 * 1.5, result.Output.Data);
        Assert.Equal(2 * 1.5 - 2, result.Variable("x").Grad);
        Assert.Equal(1.5, result.Variable("y").Grad);
    }

    [Fact]
    public void Parse_DeepNestingInsideAList_IsStillLimited()
    {
        string text = "dot([" + new string('(', Expression.MaxDepth + 5) + "x" + new string(')', Expression.MaxDepth + 5) + "], [1])";

        ExpressionException error = Assert.Throws<ExpressionException>(() => Expression.Parse(text));

        Assert.Contains("nests more than 200 levels", error.Message, StringComparison.Ordinal);
    }
}
