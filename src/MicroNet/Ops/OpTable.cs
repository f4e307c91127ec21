using System.Globalization;

namespace MicroNet.Ops;

/// <summary>Dispatches an <see cref="OpCode"/> to its definition. Holds no math of its own.</summary>
internal static class OpTable
{
    public static string Symbol(OpCode op, double parameter) => op switch
    {
        OpCode.Leaf => "",
        OpCode.Add => AddOp.Symbol(parameter),
        OpCode.Multiply => MultiplyOp.Symbol(parameter),
        OpCode.Power => PowerOp.Symbol(parameter),
        OpCode.PowerValue => PowerValueOp.Symbol(parameter),
        OpCode.Exp => ExpOp.Symbol(parameter),
        OpCode.Log => LogOp.Symbol(parameter),
        OpCode.Tanh => TanhOp.Symbol(parameter),
        OpCode.Relu => ReluOp.Symbol(parameter),
        OpCode.Sigmoid => SigmoidOp.Symbol(parameter),
        OpCode.Sum => SumOp.Symbol(parameter),
        OpCode.Dot => DotOp.Symbol(parameter),
        OpCode.LogSumExp => LogSumExpOp.Symbol(parameter),
        OpCode.Softplus => SoftplusOp.Symbol(parameter),
        OpCode.Divide => DivideOp.Symbol(parameter),
        OpCode.ReluMask => ReluMaskOp.Symbol(parameter),
        OpCode.SigmoidGrad => SigmoidGradOp.Symbol(parameter),
        OpCode.PowMask => PowMaskOp.Symbol(parameter),
        OpCode.Element => ElementOp.Symbol(parameter),
        _ => throw Unknown(op),
    };

    public static double Forward(OpCode op, ReadOnlySpan<double> inputs, double parameter) => op switch
    {
        OpCode.Add => AddOp.Forward(inputs, parameter),
        OpCode.Multiply => MultiplyOp.Forward(inputs, parameter),
        OpCode.Power => PowerOp.Forward(inputs, parameter),
        OpCode.PowerValue => PowerValueOp.Forward(inputs, parameter),
        OpCode.Exp => ExpOp.Forward(inputs, parameter),
        OpCode.Log => LogOp.Forward(inputs, parameter),
        OpCode.Tanh => TanhOp.Forward(inputs, parameter),
        OpCode.Relu => ReluOp.Forward(inputs, parameter),
        OpCode.Sigmoid => SigmoidOp.Forward(inputs, parameter),
        OpCode.Sum => SumOp.Forward(inputs, parameter),
        OpCode.Dot => DotOp.Forward(inputs, parameter),
        OpCode.LogSumExp => LogSumExpOp.Forward(inputs, parameter),
        OpCode.Softplus => SoftplusOp.Forward(inputs, parameter),
        OpCode.Divide => DivideOp.Forward(inputs, parameter),
        OpCode.ReluMask => ReluMaskOp.Forward(inputs, parameter),
        OpCode.SigmoidGrad => SigmoidGradOp.Forward(inputs, parameter),
        OpCode.PowMask => PowMaskOp.Forward(inputs, parameter),
        OpCode.Element => ElementOp.Forward(inputs, parameter),
        _ => throw Unknown(op),
    };

    /// <summary>The chain rule on numbers: the eager engine's and the compiled replay's backward pass.</summary>
    public static void Backward(OpCode op, ReadOnlySpan<double> inputs, double output, double parameter, double outputGrad, Span<double> inputGrads) =>
        Backward(op, Real.Of(inputs), output, parameter, outputGrad, Real.Of(inputGrads));

    /// <summary>The chain rule on any <see cref="IScalar{T}"/>: on <see cref="Value"/>, the graph <see cref="Autograd"/> builds.</summary>
    public static void Backward<T>(OpCode op, ReadOnlySpan<T> inputs, T output, double parameter, T outputGrad, Span<T> inputGrads)
        where T : IScalar<T>
    {
        switch (op)
        {
            case OpCode.Leaf: break;
            case OpCode.Add: AddOp.Backward(inputs, output, parameter, outputGrad, inputGrads); break;
            case OpCode.Multiply: MultiplyOp.Backward(inputs, output, parameter, outputGrad, inputGrads); break;
            case OpCode.Power: PowerOp.Backward(inputs, output, parameter, outputGrad, inputGrads); break;
            case OpCode.PowerValue: PowerValueOp.Backward(inputs, output, parameter, outputGrad, inputGrads); break;
            case OpCode.Exp: ExpOp.Backward(inputs, output, parameter, outputGrad, inputGrads); break;
            case OpCode.Log: LogOp.Backward(inputs, output, parameter, outputGrad, inputGrads); break;
            case OpCode.Tanh: TanhOp.Backward(inputs, output, parameter, outputGrad, inputGrads); break;
            case OpCode.Relu: ReluOp.Backward(inputs, output, parameter, outputGrad, inputGrads); break;
            case OpCode.Sigmoid: SigmoidOp.Backward(inputs, output, parameter, outputGrad, inputGrads); break;
            case OpCode.Sum: SumOp.Backward(inputs, output, parameter, outputGrad, inputGrads); break;
            case OpCode.Dot: DotOp.Backward(inputs, output, parameter, outputGrad, inputGrads); break;
            case OpCode.LogSumExp: LogSumExpOp.Backward(inputs, output, parameter, outputGrad, inputGrads); break;
            case OpCode.Softplus: SoftplusOp.Backward(inputs, output, parameter, outputGrad, inputGrads); break;
            case OpCode.Divide: DivideOp.Backward(inputs, output, parameter, outputGrad, inputGrads); break;
            case OpCode.ReluMask: ReluMaskOp.Backward(inputs, output, parameter, outputGrad, inputGrads); break;
            case OpCode.SigmoidGrad: SigmoidGradOp.Backward(inputs, output, parameter, outputGrad, inputGrads); break;
            case OpCode.PowMask: PowMaskOp.Backward(inputs, output, parameter, outputGrad, inputGrads); break;
            case OpCode.Element: ElementOp.Backward(inputs, output, parameter, outputGrad, inputGrads); break;
            default: throw Unknown(op);
        }
    }

    /// <summary>
    /// Calls <paramref name="visitor"/> with <paramref name="op"/>'s definition as a type argument, so that a caller can
    /// build code specialised to one op (a compiled replay's kernels) without a list of ops of its own.
    /// </summary>
    public static TResult Visit<TResult>(OpCode op, IOpVisitor<TResult> visitor) => op switch
    {
        OpCode.Add => visitor.Visit<AddOp>(),
        OpCode.Multiply => visitor.Visit<MultiplyOp>(),
        OpCode.Power => visitor.Visit<PowerOp>(),
        OpCode.PowerValue => visitor.Visit<PowerValueOp>(),
        OpCode.Exp => visitor.Visit<ExpOp>(),
        OpCode.Log => visitor.Visit<LogOp>(),
        OpCode.Tanh => visitor.Visit<TanhOp>(),
        OpCode.Relu => visitor.Visit<ReluOp>(),
        OpCode.Sigmoid => visitor.Visit<SigmoidOp>(),
        OpCode.Sum => visitor.Visit<SumOp>(),
        OpCode.Dot => visitor.Visit<DotOp>(),
        OpCode.LogSumExp => visitor.Visit<LogSumExpOp>(),
        OpCode.Softplus => visitor.Visit<SoftplusOp>(),
        OpCode.Divide => visitor.Visit<DivideOp>(),
        OpCode.ReluMask => visitor.Visit<ReluMaskOp>(),
        OpCode.SigmoidGrad => visitor.Visit<SigmoidGradOp>(),
        OpCode.PowMask => visitor.Visit<PowMaskOp>(),
        OpCode.Element => visitor.Visit<ElementOp>(),
        _ => throw Unknown(op),
    };

    internal static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static InvalidOperationException Unknown(OpCode op) => new($"Op {op} has no definition in OpTable.");
}
