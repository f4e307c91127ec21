using System.Globalization;
using System.Runtime.CompilerServices;
using MicroNet.Ops;

namespace MicroNet;

/// <summary>
/// One scalar node of a computation graph: a number, the gradient of some output with respect to it,
/// the values it was computed from and the op that computed it.
/// </summary>
/// <remarks>
/// <para>
/// Arithmetic on values builds the graph as it computes (the forward pass); <see cref="Backward"/> then
/// fills in <see cref="Grad"/> for every value the output depends on. A <c>double</c> converts to a leaf
/// value implicitly, so <c>2 * x + 1</c> works; nothing converts back, because that would silently drop the
/// graph: read <see cref="Data"/> instead.
/// </para>
/// <para>
/// Values compare by reference: two nodes holding the same number are still two nodes. A graph is not
/// safe to build or walk from several threads at once.
/// </para>
/// <para>
/// Only values that <see cref="RequiresGrad">require a gradient</see> get one, as in PyTorch: a leaf made with
/// <c>new Value(x)</c> or by the implicit conversion from <c>double</c> requires one (as every value does in
/// micrograd), a leaf made with <see cref="Constant"/> or marked <c>RequiresGrad = false</c> (input data) does not,
/// and a computed value requires one when any of its inputs does. <see cref="Backward"/> leaves the
/// <see cref="Grad"/> of the others at 0 and spends no work on them.
/// </para>
/// </remarks>
public sealed partial class Value
{
    // Labels are rare (drawings, examples), so they live beside the nodes rather than in a field of each: that field
    // would make every node 88 bytes instead of 80.
    private static readonly ConditionalWeakTable<Value, string> s_labels = [];

    // A node's children: up to two inline (most ops are unary or binary, and a separate array would cost 40 bytes
    // more per node), more than two in _many. Children are never null, so the inline count is the non-null entries.
    private readonly ChildPair _pair;
    private readonly Value[]? _many;
    private readonly double _parameter;
    private readonly OpCode _op;
    private bool _requiresGrad;
    private double _data;

    /// <summary>Creates a leaf value: an input or a parameter, with no children. It requires a gradient; see <see cref="RequiresGrad"/>.</summary>
    public Value(double data, string label = "")
    {
        Data = data;
        _op = OpCode.Leaf;
        _requiresGrad = true;
        if (!string.IsNullOrEmpty(label))
        {
            s_labels.AddOrUpdate(this, label);
        }
    }

    private Value(OpCode op, Value child, double parameter = 0)
    {
        _op = op;
        _pair[0] = child;
        _parameter = parameter;
        _requiresGrad = child._requiresGrad;
        Data = OpTable.Forward(op, new ReadOnlySpan<double>(in child._data), parameter);
    }

    private Value(OpCode op, Value left, Value right, double parameter = 0)
    {
        _op = op;
        _pair[0] = left;
        _pair[1] = right;
        _parameter = parameter;
        _requiresGrad = left._requiresGrad || right._requiresGrad;
        ReadOnlySpan<double> inputs = [left._data, right._data];
        Data = OpTable.Forward(op, inputs, parameter);
    }

    // Keeps an array of more than two children as it is (the elements of a vector's gradient share one).
    private Value(OpCode op, Value[] children, double parameter = 0)
    {
        _op = op;
        if (children.Length > 2)
        {
            _many = children;
        }
        else
        {
            children.CopyTo((Span<Value>)_pair);
        }
        _parameter = parameter;
        foreach (Value child in children)
        {
            if (child._requiresGrad)
            {
                _requiresGrad = true;
                break;
            }
        }
        Data = ComputeForward(children);
    }

    /// <summary>The number this node holds. Settable: an optimizer writes <c>p.Data -= lr * p.Grad</c>.</summary>
    public double Data
    {
        get => _data;
        set => _data = value;
    }

    /// <summary>
    /// d(output) / d(this value), filled in by <see cref="Backward"/> on some output. Starts at 0.
    /// </summary>
    public double Grad { get; set; }

    /// <summary>
    /// Whether <see cref="Backward"/> computes a gradient for this value, as PyTorch's <c>requires_grad</c>.
    /// </summary>
    /// <remarks>
    /// True for a leaf made with <c>new Value(x)</c> or by the implicit conversion from <c>double</c>; false for a
    /// leaf made with <see cref="Constant"/> and for the inputs <c>Mlp.Forward</c> wraps from plain numbers. Set it on
    /// a leaf to change that: false for an input you only feed data through, true to get the gradient of a
    /// constant. A computed value derives it when it is made: true when any of its children requires a
    /// gradient; changing a leaf later affects only values computed afterwards. A value that requires no
    /// gradient keeps <see cref="Grad"/> 0 through <see cref="Backward"/>, and backward does no work below it.
    /// </remarks>
    /// <exception cref="InvalidOperationException">Set on a value that is not a leaf.</exception>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (!IsLeaf)
            {
                throw new InvalidOperationException(
                    "Only a leaf's RequiresGrad can be set; a computed value requires a gradient when any of its inputs does.");
            }
            _requiresGrad = value;
        }
    }

    /// <summary>A name for drawings, such as <c>"w1"</c>. Empty unless set.</summary>
    public string Label
    {
        get => s_labels.TryGetValue(this, out string? label) ? label : "";
        set
        {
            if (string.IsNullOrEmpty(value))
            {
                s_labels.Remove(this);
            }
            else
            {
                s_labels.AddOrUpdate(this, value);
            }
        }
    }

    /// <summary>The symbol of the op that made this value (<c>+</c>, <c>*</c>, <c>**2</c>, <c>tanh</c>, ...), or empty for a leaf.</summary>
    public string Op => OpTable.Symbol(_op, _parameter);

    /// <summary>The values this one was computed from, in the order the op received them. Empty for a leaf.</summary>
    /// <remarks>A node of up to two children stores them inline, so for it each call returns a new list.</remarks>
    public IReadOnlyList<Value> Children => _many ?? ChildSpan.ToArray();

    /// <summary>True for a value that no op made: an input or a parameter.</summary>
    public bool IsLeaf => _op == OpCode.Leaf;

    internal OpCode OpCode => _op;

    internal double Parameter => _parameter;

    /// <summary>The children, in the order the op received them, without a copy.</summary>
    internal ReadOnlySpan<Value> ChildSpan => _many ?? ((ReadOnlySpan<Value>)_pair)[..(_pair[1] is not null ? 2 : _pair[0] is not null ? 1 : 0)];

    /// <summary>
    /// Wraps a number as a leaf value, so that <c>Value a = 2.0;</c>, <c>2 * x</c> and <c>1 - x</c> work. Like every
    /// value in micrograd it gets a gradient; use <see cref="Constant"/> for a number whose gradient nobody reads.
    /// </summary>
    public static implicit operator Value(double data) => new(data);

    /// <summary>
    /// A leaf that does not <see cref="RequiresGrad">require a gradient</see>: a target, a label or another number
    /// fixed by the data. <see cref="Backward"/> spends no work on it and its <see cref="Grad"/> stays 0.
    /// </summary>
    public static Value Constant(double data) => new(data) { _requiresGrad = false };

    /// <summary><c>a + b</c>; both gradients are 1.</summary>
    public static Value operator +(Value a, Value b) => new(OpCode.Add, a, b);

    /// <summary><c>a * b</c>; d/da = b, d/db = a.</summary>
    public static Value operator *(Value a, Value b) => new(OpCode.Multiply, a, b);

    /// <summary><c>-a</c>, built as <c>a * -1</c> as in micrograd.</summary>
    public static Value operator -(Value a) => a * Constant(-1);

    /// <summary><c>a - b</c>, built as <c>a + (-b)</c> as in micrograd.</summary>
    public static Value operator -(Value a, Value b) => a + (-b);

    /// <summary><c>a / b</c>, built as <c>a * b ** -1</c> as in micrograd. Division by 0 gives ±infinity or NaN, not an exception.</summary>
    public static Value operator /(Value a, Value b) => a * b.Pow(-1);

    /// <summary><c>this ** exponent</c> for a constant exponent; d/dx = exponent * x ** (exponent - 1).</summary>
    public Value Pow(double exponent) => new(OpCode.Power, this, exponent);

    /// <summary>
    /// <c>this ** exponent</c> where the exponent is a value too; gradients flow to both. A negative base gives
    /// NaN where the real result is undefined, as in PyTorch.
    /// </summary>
    public Value Pow(Value exponent) => new(OpCode.PowerValue, this, exponent);

    /// <summary><c>e ** x</c>; d/dx = e ** x.</summary>
    public Value Exp() => new(OpCode.Exp, this);

    /// <summary>Natural logarithm; d/dx = 1 / x. <c>Log(0)</c> is -infinity and a negative input gives NaN.</summary>
    public Value Log() => new(OpCode.Log, this);

    /// <summary>Hyperbolic tangent; d/dx = 1 - tanh(x) ** 2. Saturates to exactly ±1 (gradient 0) for large inputs.</summary>
    public Value Tanh() => new(OpCode.Tanh, this);

    /// <summary>
    /// <c>max(0, x)</c>; d/dx = 1 where x &gt; 0, else 0 (0 at exactly 0, as micrograd). NaN stays NaN and passes its
    /// gradient through, as in PyTorch.
    /// </summary>
    public Value Relu() => new(OpCode.Relu, this);

    /// <summary><c>1 / (1 + e ** -x)</c>, computed without overflow for large negative x; d/dx = y * (1 - y).</summary>
    public Value Sigmoid() => new(OpCode.Sigmoid, this);

    /// <summary>
    /// <c>ln(1 + e ** x)</c>, a smooth relu, computed as <c>max(x, 0) + ln(1 + e ** -|x|)</c> so that it is exact and
    /// finite for any finite x; d/dx = sigmoid(x). NaN gives NaN; +infinity gives +infinity.
    /// </summary>
    public Value Softplus() => new(OpCode.Softplus, this);

    /// <summary>The sum of <paramref name="values"/> as one node (0 for none); each gradient is 1.</summary>
    public static Value Sum(params ReadOnlySpan<Value> values) => Nary(OpCode.Sum, values);

    /// <summary>The sum of <paramref name="values"/> as one node (0 for none); each gradient is 1.</summary>
    public static Value Sum(IEnumerable<Value> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Sum([.. values]);
    }

    /// <summary>
    /// <c>ln(e ** values[0] + ... + e ** values[n-1])</c> as one node, computed stably as
    /// <c>m + ln(sum(e ** (values[i] - m)))</c> with <c>m = max(values)</c>; d/dvalues[i] = softmax(values)[i] =
    /// <c>e ** (values[i] - result)</c>.
    /// </summary>
    /// <remarks>
    /// Large inputs do not overflow: <c>LogSumExp(1000, 0)</c> is 1000 with gradients 1 and <c>e ** -1000</c>, which rounds to 0. As PyTorch's
    /// <c>logsumexp</c>: no values give -infinity, any +infinity gives +infinity, NaN in any value gives NaN.
    /// </remarks>
    public static Value LogSumExp(params ReadOnlySpan<Value> values) => Nary(OpCode.LogSumExp, values);

    /// <inheritdoc cref="LogSumExp(ReadOnlySpan{Value})"/>
    public static Value LogSumExp(IEnumerable<Value> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return LogSumExp([.. values]);
    }

    /// <summary>
    /// <c>weights[0] * inputs[0] + ... + weights[n-1] * inputs[n-1]</c> as one node; d/dweights[i] = inputs[i]
    /// and d/dinputs[i] = weights[i].
    /// </summary>
    /// <exception cref="ArgumentException">The two lists differ in length.</exception>
    public static Value Dot(IReadOnlyList<Value> weights, IReadOnlyList<Value> inputs)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(inputs);
        if (weights.Count != inputs.Count)
        {
            throw new ArgumentException(
                $"Expected {weights.Count} inputs to match {weights.Count} weights, but got {inputs.Count}.", nameof(inputs));
        }
        for (int i = 0; i < weights.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(weights[i], nameof(weights));
            ArgumentNullException.ThrowIfNull(inputs[i], nameof(inputs));
        }
        return new(OpCode.Dot, DotOp.Children(weights, inputs));
    }

    /// <summary>Text such as <c>Value(data=-20, grad=46)</c>, numbers in invariant culture.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Value(data={Data:R}, grad={Grad:R})");

    // An op over any number of values, each checked for null.
    private static Value Nary(OpCode op, ReadOnlySpan<Value> values)
    {
        foreach (Value v in values)
        {
            ArgumentNullException.ThrowIfNull(v, nameof(values));
        }
        return Create(op, values);
    }

    /// <summary>A node of <paramref name="op"/> on <paramref name="children"/>, stored inline when there are at most two.</summary>
    internal static Value Create(OpCode op, ReadOnlySpan<Value> children, double parameter = 0) => children.Length switch
    {
        1 => new(op, children[0], parameter),
        2 => new(op, children[0], children[1], parameter),
        _ => new(op, children.ToArray(), parameter),
    };

    private double ComputeForward(Value[] children)
    {
        int n = children.Length;
        Span<double> inputs = n <= StackLimit ? stackalloc double[n] : new double[n];
        for (int i = 0; i < n; i++)
        {
            inputs[i] = children[i]._data;
        }
        return OpTable.Forward(_op, inputs, _parameter);
    }

    [InlineArray(2)]
    private struct ChildPair
    {
        private Value _element;
    }
}
