namespace MicroNet.Tests.Support;

/// <summary>
/// The expression of micrograd's <c>test_sanity_check</c> over <c>x = -4</c>, after <c>y.Backward()</c>. PyTorch gives
/// <c>y = -20</c> and <c>dy/dx = 46</c>.
/// </summary>
internal sealed record MicrogradSanityCheck(Value X, Value Y)
{
    public static MicrogradSanityCheck AfterBackward()
    {
        var x = new Value(-4.0);
        Value z = 2 * x + 2 + x;
        Value q = z.Relu() + z * x;
        Value h = (z * z).Relu();
        Value y = h + q + q * x;
        y.Backward();
        return new MicrogradSanityCheck(x, y);
    }
}
