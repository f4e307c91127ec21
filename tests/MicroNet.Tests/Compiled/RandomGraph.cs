namespace MicroNet.Tests.Compiled;

/// <summary>
/// A random graph as a recipe: leaf data and a list of ops on earlier nodes, so that the same graph can be built
/// again eagerly from other leaf data. Ops pick recent nodes more often than old ones (deep graphs) and reuse nodes.
/// </summary>
internal sealed class RandomGraph
{
    private readonly List<(OpKind Kind, int[] Operands, double Parameter)> _steps = [];

    private RandomGraph(double[] leafData, bool[] leafRequiresGrad)
    {
        LeafData = leafData;
        LeafRequiresGrad = leafRequiresGrad;
    }

    private enum OpKind { Add, Subtract, Multiply, Divide, Negate, Power, PowerValue, Exp, Log, Tanh, Relu, Sigmoid, Softplus, Sum, LogSumExp, Dot, TimesConstant, PlusConstant }

    public double[] LeafData { get; }

    public bool[] LeafRequiresGrad { get; }

    public static RandomGraph Create(Random random, int maxSteps = 40)
    {
        int leafCount = random.Next(1, 7);
        double[] data = [.. Enumerable.Range(0, leafCount).Select(_ => RandomNumber(random))];
        // About one leaf in four is an input that needs no gradient.
        bool[] requiresGrad = [.. Enumerable.Range(0, leafCount).Select(_ => random.Next(4) != 0)];
        var graph = new RandomGraph(data, requiresGrad);
        int steps = random.Next(1, maxSteps + 1);
        OpKind[] kinds = Enum.GetValues<OpKind>();
        for (int i = 0; i < steps; i++)
        {
            int available = leafCount + i;
            OpKind kind = kinds[random.Next(kinds.Length)];
            int arity = kind switch
            {
                OpKind.Add or OpKind.Subtract or OpKind.Multiply or OpKind.Divide or OpKind.PowerValue => 2,
                // Dots up to 12 pairs, so both the left-to-right and the four-partial-sum paths run.
                OpKind.Dot => 2 * random.Next(1, 13),
                OpKind.Sum => random.Next(0, 10),
                OpKind.LogSumExp => random.Next(1, 6),
                _ => 1,
            };
            int[] operands = [.. Enumerable.Range(0, arity).Select(_ => PickOperand(random, available))];
            double parameter = kind switch
            {
                OpKind.Power => new[] { 2.0, 3, -1, 0.5, 0, 1.5 }[random.Next(6)],
                OpKind.TimesConstant or OpKind.PlusConstant => RandomNumber(random),
                _ => 0,
            };
            graph._steps.Add((kind, operands, parameter));
        }
        return graph;
    }

    /// <summary>Builds the graph eagerly on new leaves holding <paramref name="leafData"/>; returns its output.</summary>
    public Value Build(double[] leafData, out Value[] leaves, out List<Value> nodes)
    {
        leaves = new Value[leafData.Length];
        for (int i = 0; i < leaves.Length; i++)
        {
            leaves[i] = new Value(leafData[i]) { RequiresGrad = LeafRequiresGrad[i] };
        }
        return Build(leaves, out nodes);
    }

    /// <summary>Builds the graph eagerly on <paramref name="leaves"/> (one per leaf of the recipe, possibly shared with other builds).</summary>
    public Value Build(Value[] leaves, out List<Value> nodes)
    {
        nodes = [.. leaves];
        foreach ((OpKind kind, int[] operands, double parameter) in _steps)
        {
            List<Value> pool = nodes;
            Value A(int k) => pool[operands[k]];
            Value node = kind switch
            {
                OpKind.Add => A(0) + A(1),
                OpKind.Subtract => A(0) - A(1),
                OpKind.Multiply => A(0) * A(1),
                OpKind.Divide => A(0) / A(1),
                OpKind.Negate => -A(0),
                OpKind.Power => A(0).Pow(parameter),
                OpKind.PowerValue => A(0).Pow(A(1)),
                OpKind.Exp => A(0).Exp(),
                OpKind.Log => A(0).Log(),
                OpKind.Tanh => A(0).Tanh(),
                OpKind.Relu => A(0).Relu(),
                OpKind.Sigmoid => A(0).Sigmoid(),
                OpKind.Softplus => A(0).Softplus(),
                OpKind.Sum => Value.Sum(operands.Select(i => pool[i])),
                OpKind.LogSumExp => Value.LogSumExp(operands.Select(i => pool[i])),
                OpKind.Dot => Value.Dot(
                    [.. operands.Take(operands.Length / 2).Select(i => pool[i])],
                    [.. operands.Skip(operands.Length / 2).Select(i => pool[i])]),
                OpKind.TimesConstant => parameter * A(0),
                OpKind.PlusConstant => A(0) + parameter,
                _ => throw new InvalidOperationException(),
            };
            nodes.Add(node);
        }
        return nodes[^1];
    }

    public static double RandomNumber(Random random) => Math.Round(random.NextDouble() * 4 - 2, 3);

    private static int PickOperand(Random random, int available) =>
        random.Next(2) == 0 ? Math.Max(0, available - 1 - random.Next(4)) : random.Next(available);
}
