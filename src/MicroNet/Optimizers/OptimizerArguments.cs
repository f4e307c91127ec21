using System.Globalization;

namespace MicroNet.Optimizers;

/// <summary>The argument checks every optimizer shares, with PyTorch's limits.</summary>
internal static class OptimizerArguments
{
    public static Value[] Parameters(IEnumerable<Value> parameters, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(parameters, parameterName);
        Value[] array = [.. parameters];
        var seen = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < array.Length; i++)
        {
            if (array[i] is null)
            {
                throw new ArgumentNullException(parameterName, string.Create(CultureInfo.InvariantCulture, $"Parameter {i} is null."));
            }
            if (!seen.Add(array[i]))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Parameter {i} appears twice; it would be updated twice per step. Pass each parameter once."),
                    parameterName);
            }
        }
        return array;
    }

    public static double LearningRate(double value, string parameterName)
    {
        if (!(value >= 0 && double.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(parameterName, value, "The learning rate must be a finite number, 0 or more.");
        }
        return value;
    }

    public static double NonNegative(double value, string parameterName, string what)
    {
        if (!(value >= 0 && double.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(parameterName, value, $"The {what} must be a finite number, 0 or more.");
        }
        return value;
    }

    public static double Beta(double value, string parameterName)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(parameterName, value, "An Adam beta must be at least 0 and below 1.");
        }
        return value;
    }

    public static void ZeroGrad(Value[] parameters)
    {
        foreach (Value p in parameters)
        {
            p.Grad = 0;
        }
    }
}
