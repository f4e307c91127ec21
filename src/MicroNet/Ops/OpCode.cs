namespace MicroNet.Ops;

/// <summary>Names each op so that a node can store which one made it as plain data.</summary>
internal enum OpCode : byte
{
    Leaf,
    Add,
    Multiply,
    Power,
    PowerValue,
    Exp,
    Log,
    Tanh,
    Relu,
    Sigmoid,
    Sum,
    Dot,
    LogSumExp,
    Softplus,

    // Made only by derivatives (Autograd), never by a user's arithmetic.
    Divide,
    ReluMask,
    SigmoidGrad,
    PowMask,
    Element,
}
