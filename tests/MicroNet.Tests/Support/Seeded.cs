using CsCheck;

namespace MicroNet.Tests.Support;

/// <summary>Draws inputs from CsCheck generators with a fixed seed, so that every run tests the same cases.</summary>
/// <remarks>
/// CsCheck's <c>Sample</c> seeds only its first iteration and draws the rest from the clock; these tests want
/// the same inputs on every run, so they drive the generators with one seeded <see cref="PCG"/>.
/// </remarks>
internal static class Seeded
{
    public const ulong DefaultSeed = 20_251_126;

    /// <summary>Calls <paramref name="assert"/> on <paramref name="count"/> inputs drawn from <paramref name="gen"/>; a failure names the input.</summary>
    public static void Sample<T>(Gen<T> gen, Action<T> assert, int count = 200, ulong seed = DefaultSeed)
    {
        var pcg = new PCG(1, seed);
        for (int i = 0; i < count; i++)
        {
            T input = gen.Generate(pcg, null, out _);
            try
            {
                assert(input);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"Sample {i} of {count} (seed {seed}) failed for input {Check.Print(input)}: {e.Message}", e);
            }
        }
    }
}
