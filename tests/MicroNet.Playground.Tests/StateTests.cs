using MicroNet.Playground.Runs;

namespace MicroNet.Playground.Tests;

/// <summary>The link: read and written by <see cref="PlaygroundState"/> alone, so that a link reproduces a run.</summary>
public static class StateTests
{
    [Fact]
    public static void Parse_Empty_GivesTheDefaults() =>
        Assert.Equal(new PlaygroundState().ToQuery(), PlaygroundState.Parse("").ToQuery());

    [Theory]
    [InlineData("data=spiral&n=300&noise=0.25&train=0.7&seed=12&features=x,y,sinx&layers=&activation=relu&loss=hinge&optimizer=sgd&lr=0.1&batch=1&l2=0.001&add=1.5:-2.25:1;0:0:0&remove=3,17")]
    [InlineData("data=csv&train=0.5&seed=1&features=x,y&layers=4,2&activation=tanh&optimizer=adam&lr=0.03&batch=10&l2=0&col=width%20%28cm%29&col=h%26w&col=kind&class=a,b&class=%C3%A9t%C3%A9&pts=1:2:0;3.25:-4:1")]
    public static void ToQuery_OfParse_IsTheSameLink(string link) =>
        Assert.Equal(link, PlaygroundState.Parse(link).ToQuery());

    [Fact]
    public static void Parse_Upload_DecodesNames()
    {
        PlaygroundState state = PlaygroundState.Parse("#data=csv&col=width%20(cm)&col=h%26w&col=kind&class=a%2Cb&class=%C3%A9t%C3%A9&pts=1:2:0;3:4:1");

        Assert.Equal(("width (cm)", "h&w", "kind"), (state.Upload!.XName, state.Upload.YName, state.Upload.LabelName));
        Assert.Equal(["a,b", "été"], state.Upload.ClassNames);
        Assert.Equal([new PlaygroundPoint(1, 2, 0), new PlaygroundPoint(3, 4, 1)], state.Upload.Points);
    }

    [Fact]
    public static void Parse_FeaturesInAnyOrder_KeepsThePagesOrder() =>
        Assert.Equal(["x", "y2", "sinx"], PlaygroundState.Parse("features=sinx,y2,x").Features.Select(f => f.Key));

    [Fact]
    public static void Parse_RemovedIndices_AreSortedAndDistinct() =>
        Assert.Equal([2, 5, 9], PlaygroundState.Parse("remove=9,2,5,2").Removed);

    [Fact]
    public static void PointSet_SameStateTwice_SamePoints()
    {
        PlaygroundState state = PlaygroundState.Parse("data=blobs&n=50&seed=3&add=1:1:0&remove=4");

        PointSet a = PointSet.From(state), b = PointSet.From(state);

        Assert.Equal(a.X, b.X);
        Assert.Equal(a.Labels, b.Labels);
        Assert.Equal(50, a.Count);
        Assert.Equal(-1, a.Origins[^1]);
        Assert.DoesNotContain(4, a.Origins);
    }
}
