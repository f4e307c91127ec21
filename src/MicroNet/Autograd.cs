using System.Globalization;
using MicroNet.Ops;

namespace MicroNet;

/// <summary>
/// Gradients as values, like PyTorch's <c>torch.autograd.grad</c>: the derivative of an output with respect to inputs
/// you choose, returned instead of added to <see cref="Value.Grad"/>, and on request built as a graph of the same ops,
/// so that it can be differentiated again: Hessians, Newton's method, Hessian-vector products, gradient penalties.
/// </summary>
/// <remarks>
/// <para>
/// Every op's derivative is the one its definition in <c>Ops/</c> states; with <c>createGraph: true</c> that same
/// formula runs on values and builds nodes instead of numbers. Its edge cases are PyTorch's, to every order:
/// relu's second derivative is 0 everywhere (also at 0); pow's derivatives are 0 where PyTorch masks them (exponent
/// 0; base 0 with an exponent of at least 0), the masks are not differentiated (so the Hessian of <c>x ** y</c> at
/// <c>y == 0</c> is not symmetric) and the zero a mask sends into the formula it did not take gives NaN where that
/// formula is infinite (second derivatives at base 0); <c>LogSumExp</c> and <c>Dot</c> differentiate their gradients
/// as one vector, so a NaN in one argument's derivative reaches the others' second derivatives.
/// </para>
/// <para>
/// The walks are iterative, so graphs of millions of nodes are fine. Like <see cref="Value.Backward"/>, a graph is not
/// safe to differentiate from several threads at once.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var x = new Value(2.0, "x");
/// Value y = x.Pow(3);
/// Value dy = Autograd.Grad(y, [x], createGraph: true)[0];  // 3 x ** 2 = 12, itself a value
/// Value d2y = Autograd.Grad(dy, [x])[0];                     // 6 x = 12
/// </code>
/// </example>
public static class Autograd
{
    /// <summary>
    /// The derivative of <paramref name="output"/> with respect to each of <paramref name="inputs"/>:
    /// <c>result[i] = d output / d inputs[i]</c>, summed over every path from the input to the output.
    /// </summary>
    /// <remarks>
    /// <para>
    /// No <see cref="Value.Grad"/> is read or written. With <paramref name="createGraph"/> false the results are
    /// <see cref="Value.Constant">constant</see> leaves holding the numbers, bit for bit what <see cref="Value.Backward"/>
    /// would add to the inputs' gradients (from 0). With it true they are nodes of a new graph made of the same ops,
    /// which depends on the inputs, so that <see cref="Grad"/> or <see cref="Value.Backward"/> can differentiate them
    /// again, to any order; that graph holds the masks (relu's, pow's) decided by the values when it was built.
    /// </para>
    /// <para>
    /// An input may be any value in the graph, not only a leaf. An input the output does not depend on gets 0, and so
    /// does every input when the output <see cref="Value.RequiresGrad">requires no gradient</see> (a constant). NaN and
    /// infinity follow IEEE arithmetic through each op's derivative, as in PyTorch.
    /// </para>
    /// </remarks>
    /// <param name="output">The value to differentiate.</param>
    /// <param name="inputs">The values to differentiate it with respect to; each must require a gradient.</param>
    /// <param name="createGraph">Whether to build the derivatives as a graph that can be differentiated again.</param>
    /// <returns>One value per input, in the order of <paramref name="inputs"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="output"/>, <paramref name="inputs"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException">An input does not require a gradient.</exception>
    public static Value[] Grad(Value output, IReadOnlyList<Value> inputs, bool createGraph = false)
    {
        CheckArguments(output, inputs);
        var result = new Value[inputs.Count];
        if (createGraph)
        {
            Value[] gradients = Gradients<Value>(output, inputs, Value.Constant(1));
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = gradients[i] ?? Value.Constant(0);
            }
        }
        else
        {
            Real[] gradients = Gradients<Real>(output, inputs, 1);
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = Value.Constant(gradients[i].Data);
            }
        }
        return result;
    }

    /// <summary>
    /// The matrix of second derivatives of <paramref name="output"/>: <c>hessian[i, j] = d(d output / d inputs[i]) /
    /// d inputs[j]</c>, row i being the gradient of <see cref="Grad">Grad</see>(output, inputs, createGraph: true)[i].
    /// </summary>
    /// <remarks>
    /// The matrix is not symmetrised: where PyTorch's conventions make it asymmetric (<c>x ** y</c> at <c>y == 0</c>),
    /// so is this one. Entries follow IEEE arithmetic, NaN and infinity included, as PyTorch's do. No
    /// <see cref="Value.Grad"/> is read or written.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="output"/>, <paramref name="inputs"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException">An input does not require a gradient.</exception>
    public static double[,] Hessian(Value output, IReadOnlyList<Value> inputs)
    {
        Value[] gradient = Grad(output, inputs, createGraph: true);
        int n = inputs.Count;
        var hessian = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            Real[] row = Gradients<Real>(gradient[i], inputs, 1);
            for (int j = 0; j < n; j++)
            {
                hessian[i, j] = row[j].Data;
            }
        }
        return hessian;
    }

    private static void CheckArguments(Value output, IReadOnlyList<Value> inputs)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(inputs);
        for (int i = 0; i < inputs.Count; i++)
        {
            Value input = inputs[i] ?? throw new ArgumentNullException(nameof(inputs), $"inputs[{i}] is null.");
            if (!input.RequiresGrad)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"inputs[{i}] does not require a gradient: it is a constant, or computed from constants only. Set RequiresGrad = true on the leaf to differentiate with respect to it."),
                    nameof(inputs));
            }
        }
    }

    /// <summary>
    /// Backpropagation from <paramref name="output"/> (whose gradient is <paramref name="seed"/>) into a buffer instead of
    /// <see cref="Value.Grad"/>: on <see cref="Real"/> the same additions, in the same order, as <see cref="Value.Backward"/>;
    /// on <see cref="Value"/> the same formulas building a graph. Only nodes that lead to an input are visited (those are
    /// the only ones an input's gradient depends on). An input the walk does not reach gets the default: 0, or null.
    /// </summary>
    private static T[] Gradients<T>(Value output, IReadOnlyList<Value> inputs, T seed)
        where T : IScalar<T>
    {
        var order = new List<Value>();
        if (output.RequiresGrad)
        {
            output.CollectTopologicalOrder(order, requiringGradOnly: true);
        }
        Value.Number(order);
        bool[] leads = LeadsToInputs(order, inputs);
        var gradients = new T[order.Count];
        int widest = 0;
        foreach (Value node in order)
        {
            widest = Math.Max(widest, node.ChildSpan.Length);
        }
        var values = new T[widest];
        var local = new T[widest];
        if (order.Count > 0)
        {
            gradients[^1] = seed;
        }
        for (int p = order.Count - 1; p >= 0; p--)
        {
            Value node = order[p];
            T gradient = gradients[p];
            if (!leads[p] || node.IsLeaf || gradient is null)
            {
                continue;
            }
            ReadOnlySpan<Value> children = node.ChildSpan;
            for (int i = 0; i < children.Length; i++)
            {
                values[i] = T.Of(children[i]);
            }
            OpTable.Backward(node.OpCode, values.AsSpan(0, children.Length), T.Of(node), node.Parameter, gradient, local.AsSpan(0, children.Length));
            for (int i = 0; i < children.Length; i++)
            {
                Value child = children[i];
                if (child.RequiresGrad && leads[child.PositionIn(order)])
                {
                    gradients[child.PositionIn(order)] += local[i];
                }
            }
            Array.Clear(local, 0, children.Length);
        }
        var result = new T[inputs.Count];
        for (int i = 0; i < result.Length; i++)
        {
            int position = inputs[i].PositionIn(order);
            if (position >= 0)
            {
                result[i] = gradients[position];
            }
        }
        return result;
    }

    // Whether each node of the order is an input or has a child that leads to one; children come before parents.
    private static bool[] LeadsToInputs(List<Value> order, IReadOnlyList<Value> inputs)
    {
        var leads = new bool[order.Count];
        foreach (Value input in inputs)
        {
            int position = input.PositionIn(order);
            if (position >= 0)
            {
                leads[position] = true;
            }
        }
        for (int p = 0; p < order.Count; p++)
        {
            foreach (Value child in order[p].ChildSpan)
            {
                if (leads[p])
                {
                    break;
                }
                leads[p] = child.RequiresGrad && leads[child.PositionIn(order)];
            }
        }
        return leads;
    }
}
