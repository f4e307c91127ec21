namespace MicroNet.Optimizers;

/// <summary>
/// An optimizer that can also step parameters held in flat arrays rather than in <see cref="Value"/> objects: what the
/// compiled trainer uses, which keeps the parameters and their gradients as arrays between epochs. The numbers are the
/// ones <see cref="IOptimizer.Step"/> gives, bit for bit: both run the same update per parameter.
/// </summary>
/// <remarks>
/// A step is <see cref="BeginStep"/> once, then <see cref="Update"/> over every parameter, in ranges that may run on
/// several threads at once (each parameter's update reads only its own numbers and state).
/// </remarks>
internal interface IFlatOptimizer : IOptimizer
{
    /// <summary>Starts a step: advances the step count and everything that depends only on it.</summary>
    void BeginStep();

    /// <summary>
    /// Updates parameters <c>first .. first + data.Length</c> (in the order of <see cref="IOptimizer.Parameters"/>) from their
    /// gradients: reads their numbers from <paramref name="data"/> and writes the new ones to <paramref name="updated"/>,
    /// which may be the same memory.
    /// </summary>
    void Update(int first, ReadOnlySpan<double> data, Span<double> updated, ReadOnlySpan<double> gradients);
}
