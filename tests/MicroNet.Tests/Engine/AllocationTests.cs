namespace MicroNet.Tests.Engine;

/// <summary>
/// What building a graph allocates, counted by the runtime (<see cref="GC.GetAllocatedBytesForCurrentThread"/>): the counts
/// are deterministic, unlike times. A node of up to two children is one 80-byte object; it was 112 bytes when the children
/// lived in an array of their own.
/// </summary>
public static class AllocationTests
{
    private const int Nodes = 100_000;

    // Room for whatever the runtime allocates once on this thread while the loop runs (far less than a byte per node).
    private const long Slack = 4096;

    [Fact]
    public static void Build_ChainOfAdditions_AllocatesAtMost80BytesPerNode()
    {
        Value one = new(1);
        Value x = new(0.5);
        x += one;

        long bytes = Allocated(() =>
        {
            for (int i = 0; i < Nodes; i++)
            {
                x += one;
            }
        });

        Assert.True(bytes <= 80L * Nodes + Slack, $"{(double)bytes / Nodes:F1} bytes per node");
        Assert.Equal(Nodes + 1.5, x.Data);
    }

    [Fact]
    public static void Build_ChainOfUnaryOps_AllocatesAtMost80BytesPerNode()
    {
        Value x = new Value(0.5).Tanh();

        long bytes = Allocated(() =>
        {
            for (int i = 0; i < Nodes; i++)
            {
                x = x.Tanh();
            }
        });

        Assert.True(bytes <= 80L * Nodes + Slack, $"{(double)bytes / Nodes:F1} bytes per node");
    }

    [Fact]
    public static void Build_NaryNodes_KeepTheirChildArrayAndNothingMore()
    {
        Value[] terms = [new(1), new(2), new(3)];
        _ = Value.Sum(terms);

        Value sum = null!;
        long bytes = Allocated(() => sum = Value.Sum(terms));

        // The node (80 bytes) and its array of three children (24 + 3 * 8 bytes).
        Assert.True(bytes <= 80 + 48, $"{bytes} bytes");
        Assert.Equal(6, sum.Data);
        Assert.Equal(terms, sum.Children);
    }

    private static long Allocated(Action build)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        build();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
