using MicroNet.Nn;

namespace MicroNet.Tests.Engine;

/// <summary>Which values <see cref="Value.Backward"/> gives a gradient: those that <see cref="Value.RequiresGrad">require</see> one.</summary>
public static class RequiresGradTests
{
    [Fact]
    public static void NewValueAndImplicitDouble_RequireGrad_ButConstantDoesNot()
    {
        var leaf = new Value(2);
        Value converted = 2.0;
        Value constant = Value.Constant(2.0);

        Assert.True(leaf.RequiresGrad);
        Assert.True(converted.RequiresGrad);
        Assert.False(constant.RequiresGrad);
        Assert.Equal(2.0, constant.Data);
    }

    [Fact]
    public static void InteriorNode_RequiresGradWhenAnyChildDoes()
    {
        var x = new Value(3);
        var input = new Value(4) { RequiresGrad = false };

        Assert.True((x * input).RequiresGrad);
        Assert.True((2 * x).RequiresGrad);
        Assert.False((input * Value.Constant(2)).RequiresGrad);
        Assert.True((input * 2).RequiresGrad);
        Assert.False(Value.Sum(input, input, Value.Constant(1.0)).RequiresGrad);
        Assert.True(Value.Sum(input, input, 1.0).RequiresGrad);
    }

    [Fact]
    public static void RequiresGrad_SetOnInteriorNode_Throws()
    {
        var x = new Value(3);
        Value y = x.Tanh();

        Assert.Throws<InvalidOperationException>(() => y.RequiresGrad = false);
    }

    [Fact]
    public static void Backward_ConstantAndInputLeaves_KeepGradZeroOthersAsBefore()
    {
        var x = new Value(3);
        var input = new Value(4) { RequiresGrad = false };
        Value three = Value.Constant(3.0);
        Value product = input * three;
        Value y = x * product + 1;

        y.Backward();

        Assert.Equal(12.0, x.Grad);
        Assert.Equal(0.0, input.Grad);
        Assert.Equal(0.0, three.Grad);
        Assert.Equal(0.0, product.Grad);
        Assert.Equal(1.0, y.Grad);
    }

    [Fact]
    public static void Backward_ConstantMadeToRequireGrad_GetsItsGradient()
    {
        var x = new Value(3);
        Value c = Value.Constant(5.0);
        c.RequiresGrad = true;

        (x * c).Backward();

        Assert.Equal(3.0, c.Grad);
    }

    [Fact]
    public static void Backward_OutputRequiresNoGrad_ChangesNothing()
    {
        var input = new Value(4) { RequiresGrad = false };
        Value y = input * input;

        y.Backward();

        Assert.Equal(0.0, y.Grad);
        Assert.Equal(0.0, input.Grad);
    }

    [Fact]
    public static void MlpForward_PlainNumbers_InputsRequireNoGradParametersGetTheSameGradients()
    {
        double[] inputs = [0.5, -1.5, 2];
        var model = new Mlp(3, [4, 1], seed: 7);
        Value fromNumbers = model.ForwardSingle(inputs);
        Assert.All(fromNumbers.TopologicalOrder().Where(v => v.IsLeaf && !model.Parameters().Contains(v)), v => Assert.False(v.RequiresGrad));
        fromNumbers.Backward();
        double[] expected = [.. model.Parameters().Select(p => p.Grad)];
        model.ZeroGrad();

        Value[] leaves = [.. inputs.Select(x => new Value(x))];
        model.ForwardSingle(leaves).Backward();

        Assert.Equal(expected, model.Parameters().Select(p => p.Grad));
        Assert.All(leaves, v => Assert.NotEqual(0.0, v.Grad));
    }
}
