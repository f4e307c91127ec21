namespace MicroNet.Playground;

/// <summary>
/// How much work one session may ask for, so that a page (or a script posing as one) cannot tie up the machine. The page
/// reads them from <c>/api/options</c>; docs/playground.md lists them.
/// </summary>
internal static class PlaygroundLimits
{
    /// <summary>The fewest points a generated dataset has.</summary>
    public const int MinPoints = 10;

    /// <summary>The most points a dataset has, generated, uploaded or after clicks.</summary>
    public const int MaxPoints = 1000;

    /// <summary>The fewest points left after deleting, enough to split into training and test points.</summary>
    public const int MinPointsLeft = 4;

    /// <summary>The most hidden layers.</summary>
    public const int MaxHiddenLayers = 6;

    /// <summary>The most neurons in a hidden layer.</summary>
    public const int MaxNeurons = 8;

    /// <summary>The most classes an uploaded label column may have (one colour each).</summary>
    public const int MaxClasses = 8;

    /// <summary>The boundary heatmap has this many cells on each side.</summary>
    public const int GridSize = 50;

    /// <summary>Each neuron's heatmap has this many cells on each side (every other cell of the boundary grid).</summary>
    public const int NeuronGridSize = GridSize / 2;

    /// <summary>The most frames (epochs with a fresh heatmap) a playing session sends each second.</summary>
    public const int MaxFramesPerSecond = 30;

    /// <summary>The most optimizer steps a playing session takes each second; small batches on many points slow to it.</summary>
    public const int MaxStepsPerSecond = 20_000;

    /// <summary>A run stops after this many epochs.</summary>
    public const int MaxEpochs = 100_000;

    /// <summary>The largest CSV file the page may upload, in characters.</summary>
    public const int MaxCsvChars = 1 << 20;

    /// <summary>The largest request body Kestrel accepts, in bytes (a CSV file in JSON, escaped, fits).</summary>
    public const int MaxRequestBytes = 4 << 20;

    /// <summary>The largest graph drawn with a node per multiplication (the notebook's form); larger ones use dot nodes.</summary>
    public const int MaxExpandedGraphNodes = 700;

    /// <summary>The smallest and largest learning rate.</summary>
    public const double MinLearningRate = 1e-6, MaxLearningRate = 10;

    /// <summary>The largest L2 factor.</summary>
    public const double MaxL2 = 1;

    /// <summary>The largest noise (the generators' standard deviation, before scaling to the view).</summary>
    public const double MaxNoise = 0.5;

    /// <summary>The smallest and largest share of points used for training (the rest are test points).</summary>
    public const double MinTrainShare = 0.1, MaxTrainShare = 0.9;
}
