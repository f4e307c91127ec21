using System.Globalization;
using System.Text;
using MicroNet.Loss;
using MicroNet.Nn;
using MicroNet.Optimizers;
using MicroNet.Playground.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace MicroNet.Playground.Runs;

/// <summary>A point added by a click, or one row of uploaded data: coordinates and a label (a class index, or a number for regression).</summary>
internal sealed record PlaygroundPoint(double X, double Y, double Label);

/// <summary>Points from an uploaded CSV file: the names of its x, y and label columns, its classes (none for regression) and its rows.</summary>
internal sealed record UploadedPoints(string XName, string YName, string LabelName, IReadOnlyList<string> ClassNames, IReadOnlyList<PlaygroundPoint> Points);

/// <summary>
/// Everything that defines a run: the dataset and its seed, the points added and deleted by hand, the network and the
/// training settings. It is the page's link (the part after <c>#</c>), so that a link reproduces the run; the page sends
/// it as it is and this type is the one place that reads and checks it.
/// </summary>
/// <remarks>
/// The link is a query string: <c>data=moons&amp;n=200&amp;noise=0.1&amp;train=0.5&amp;seed=1&amp;features=x,y&amp;layers=4,2&amp;
/// activation=tanh&amp;optimizer=adam&amp;lr=0.03&amp;batch=10&amp;l2=0</c>, plus <c>loss</c> when one is chosen,
/// <c>add=x:y:label;...</c> and <c>remove=i,j</c> for edits, and for uploaded data <c>col</c> (x, y and label column
/// names), <c>class</c> (one per class) and <c>pts=x:y:label;...</c>. Every key is optional; a missing one takes its
/// default. A bad one is a <see cref="RequestException"/> naming the key.
/// </remarks>
internal sealed record PlaygroundState
{
    public string Dataset { get; init; } = "moons";

    public int PointCount { get; init; } = 200;

    public double Noise { get; init; } = 0.1;

    public double TrainShare { get; init; } = 0.5;

    public int Seed { get; init; } = 1;

    public IReadOnlyList<InputFeature> Features { get; init; } = [InputFeature.All[0], InputFeature.All[1]];

    public IReadOnlyList<int> HiddenLayers { get; init; } = [4, 2];

    public Activation Activation { get; init; } = Activation.Tanh;

    /// <summary>The loss; null for the default of the data's problem kind.</summary>
    public LossFunction? Loss { get; init; }

    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    public double LearningRate { get; init; } = 0.03;

    public int BatchSize { get; init; } = 10;

    public double L2 { get; init; }

    /// <summary>Points added by clicks, after the dataset's own.</summary>
    public IReadOnlyList<PlaygroundPoint> Added { get; init; } = [];

    /// <summary>Indices of the dataset's own points deleted by shift-clicks, ascending.</summary>
    public IReadOnlyList<int> Removed { get; init; } = [];

    /// <summary>The uploaded points when <see cref="Dataset"/> is <c>csv</c>; null otherwise.</summary>
    public UploadedPoints? Upload { get; init; }

    public DatasetChoice Choice => DatasetChoice.Find(Dataset)!;

    private static readonly string[] s_keys =
        ["data", "n", "noise", "train", "seed", "features", "layers", "activation", "loss", "optimizer", "lr", "batch", "l2", "add", "remove", "col", "class", "pts"];

    /// <summary>Reads a link's query string (with or without a leading <c>#</c> or <c>?</c>).</summary>
    /// <exception cref="RequestException">A key is unknown or repeated, or a value is out of range; the message names it.</exception>
    public static PlaygroundState Parse(string? query)
    {
        query = (query ?? "").TrimStart('#', '?');
        Dictionary<string, StringValues> values = QueryHelpers.ParseQuery(query);
        foreach ((string key, StringValues value) in values)
        {
            if (!s_keys.Contains(key, StringComparer.Ordinal))
            {
                throw new RequestException($"The link has an unknown setting '{UserText.Quote(key)}'; the settings are {UserText.Choices(s_keys)}.");
            }
            if (value.Count > 1 && key is not ("col" or "class"))
            {
                throw new RequestException($"The setting '{key}' appears {value.Count} times in the link; give it once.");
            }
        }
        string? One(string key) => values.TryGetValue(key, out StringValues v) ? v[0] : null;

        var defaults = new PlaygroundState();
        string dataset = One("data") ?? defaults.Dataset;
        DatasetChoice choice = DatasetChoice.Find(dataset)
            ?? throw RequestException.BadSetting("data", dataset, "one of " + DatasetChoice.Choices);
        var state = new PlaygroundState
        {
            Dataset = choice.Name,
            PointCount = Integer(One("n"), "n", defaults.PointCount, PlaygroundLimits.MinPoints, PlaygroundLimits.MaxPoints),
            Noise = Number(One("noise"), "noise", defaults.Noise, 0, PlaygroundLimits.MaxNoise),
            TrainShare = Number(One("train"), "train", defaults.TrainShare, PlaygroundLimits.MinTrainShare, PlaygroundLimits.MaxTrainShare),
            Seed = Integer(One("seed"), "seed", defaults.Seed, 0, int.MaxValue - 3),
            Features = One("features") is { } features ? ParseFeatures(features) : defaults.Features,
            HiddenLayers = One("layers") is { } layers ? ParseLayers(layers) : defaults.HiddenLayers,
            Activation = Named(One("activation"), "activation", defaults.Activation, ActivationExtensions.Names),
            Loss = One("loss") is { Length: > 0 } loss
                ? LossFunction.Find(loss) ?? throw RequestException.BadSetting("loss", loss, "one of " + LossFunction.Choices)
                : null,
            Optimizer = Named(One("optimizer"), "optimizer", defaults.Optimizer, OptimizerKindExtensions.Names),
            LearningRate = Number(One("lr"), "lr", defaults.LearningRate, PlaygroundLimits.MinLearningRate, PlaygroundLimits.MaxLearningRate),
            BatchSize = Integer(One("batch"), "batch", defaults.BatchSize, 1, PlaygroundLimits.MaxPoints),
            L2 = Number(One("l2"), "l2", 0, 0, PlaygroundLimits.MaxL2),
            Added = One("add") is { Length: > 0 } added ? ParsePoints(added, "add") : [],
            Removed = One("remove") is { Length: > 0 } removed ? ParseIndices(removed) : [],
        };
        if (choice.Name == DatasetChoice.Csv)
        {
            state = state with { Upload = ParseUpload(values) };
        }
        else if (values.ContainsKey("col") || values.ContainsKey("class") || values.ContainsKey("pts"))
        {
            throw new RequestException("The settings 'col', 'class' and 'pts' belong to uploaded data (data=csv); remove them or upload a file.");
        }
        return state;
    }

    /// <summary>The link: every setting in a fixed order, numbers in the invariant culture, names percent-encoded.</summary>
    public string ToQuery()
    {
        var query = new StringBuilder();
        void Add(string key, string value)
        {
            if (query.Length > 0)
            {
                query.Append('&');
            }
            query.Append(key).Append('=').Append(Escape(value));
        }
        Add("data", Dataset);
        if (Upload is null)
        {
            Add("n", Format(PointCount));
            Add("noise", Format(Noise));
        }
        Add("train", Format(TrainShare));
        Add("seed", Format(Seed));
        Add("features", string.Join(',', Features.Select(f => f.Key)));
        Add("layers", string.Join(',', HiddenLayers.Select(Format)));
        Add("activation", Activation.ToName());
        if (Loss is not null)
        {
            Add("loss", Loss.Name);
        }
        Add("optimizer", Optimizer.ToName());
        Add("lr", Format(LearningRate));
        Add("batch", Format(BatchSize));
        Add("l2", Format(L2));
        if (Added.Count > 0)
        {
            Add("add", FormatPoints(Added));
        }
        if (Removed.Count > 0)
        {
            Add("remove", string.Join(',', Removed.Select(Format)));
        }
        if (Upload is { } upload)
        {
            Add("col", upload.XName);
            Add("col", upload.YName);
            Add("col", upload.LabelName);
            foreach (string name in upload.ClassNames)
            {
                Add("class", name);
            }
            Add("pts", FormatPoints(upload.Points));
        }
        return query.ToString();
    }

    /// <summary>A number as links and JSON write it: the shortest text that reads back to the same double, invariant culture.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    // A limit as a person writes it in a message: 0.000001 rather than 1E-06.
    private static string Plain(double value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    private static string FormatPoints(IReadOnlyList<PlaygroundPoint> points) =>
        string.Join(';', points.Select(p => $"{Format(p.X)}:{Format(p.Y)}:{Format(p.Label)}"));

    // Percent-encodes all but letters, digits and - . _ ~ , : ; so that lists stay readable in the address bar.
    private static string Escape(string value) => Uri.EscapeDataString(value)
        .Replace("%2C", ",", StringComparison.Ordinal).Replace("%3A", ":", StringComparison.Ordinal).Replace("%3B", ";", StringComparison.Ordinal);

    private static int Integer(string? text, string key, int fallback, int min, int max)
    {
        if (text is null)
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
            ? value
            : throw RequestException.BadSetting(key, text, $"a whole number from {Format(min)} to {Format(max)}");
    }

    private static double Number(string? text, string key, double fallback, double min, double max)
    {
        if (text is null)
        {
            return fallback;
        }
        return TryNumber(text, out double value) && value >= min && value <= max
            ? value
            : throw RequestException.BadSetting(key, text, $"a number from {Plain(min)} to {Plain(max)}");
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static T Named<T>(string? text, string key, T fallback, NameTable<T> names)
        where T : struct, Enum
    {
        if (text is null)
        {
            return fallback;
        }
        return names.TryParse(text, out T value) ? value : throw RequestException.BadSetting(key, text, "one of " + names.Choices);
    }

    private static InputFeature[] ParseFeatures(string text)
    {
        string[] keys = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (keys.Length == 0)
        {
            throw new RequestException($"The setting 'features' is empty; the network needs at least one input from {InputFeature.Choices}.");
        }
        var features = new List<InputFeature>();
        foreach (string key in keys)
        {
            InputFeature feature = InputFeature.Find(key) ?? throw RequestException.BadSetting("features", key, "among " + InputFeature.Choices);
            if (features.Contains(feature))
            {
                throw new RequestException($"The setting 'features' lists '{key}' twice; give each input once.");
            }
            features.Add(feature);
        }
        // The network's inputs in the page's order, whatever order the link gave.
        return [.. InputFeature.All.Where(features.Contains)];
    }

    private static int[] ParseLayers(string text)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > PlaygroundLimits.MaxHiddenLayers)
        {
            throw new RequestException($"The setting 'layers' has {parts.Length} hidden layers; the playground takes at most {PlaygroundLimits.MaxHiddenLayers}.");
        }
        return [.. parts.Select(p => Integer(p, "layers", 0, 1, PlaygroundLimits.MaxNeurons))];
    }

    private static int[] ParseIndices(string text)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > PlaygroundLimits.MaxPoints)
        {
            throw new RequestException($"The setting 'remove' lists {parts.Length} points; a dataset has at most {PlaygroundLimits.MaxPoints}.");
        }
        int[] indices = [.. parts.Select(p => Integer(p, "remove", 0, 0, PlaygroundLimits.MaxPoints - 1)).Distinct().Order()];
        return indices;
    }

    private static PlaygroundPoint[] ParsePoints(string text, string key)
    {
        string[] parts = text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > PlaygroundLimits.MaxPoints)
        {
            throw new RequestException($"The setting '{key}' has {parts.Length} points; the playground takes at most {PlaygroundLimits.MaxPoints}.");
        }
        var points = new PlaygroundPoint[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            string[] fields = parts[i].Split(':');
            if (fields.Length != 3 || !TryNumber(fields[0], out double x) || !TryNumber(fields[1], out double y) || !TryNumber(fields[2], out double label)
                || Math.Abs(x) > 1e9 || Math.Abs(y) > 1e9 || Math.Abs(label) > 1e9)
            {
                throw RequestException.BadSetting(key, parts[i], "points written x:y:label with finite numbers up to 1e9, separated by ';'");
            }
            points[i] = new PlaygroundPoint(x, y, label);
        }
        return points;
    }

    private static UploadedPoints ParseUpload(Dictionary<string, StringValues> values)
    {
        if (!values.TryGetValue("col", out StringValues columns) || columns.Count != 3 || !values.TryGetValue("pts", out StringValues points))
        {
            throw new RequestException("Uploaded data (data=csv) needs 'col' three times (the x, y and label columns) and 'pts'; upload the file again.");
        }
        string[] names = [.. columns.Select(c => c ?? "")];
        if (names.Any(string.IsNullOrWhiteSpace) || names.Distinct(StringComparer.Ordinal).Count() != 3)
        {
            throw new RequestException("The columns 'col' must be three different, non-empty names: x, y and label.");
        }
        string[] classes = values.TryGetValue("class", out StringValues classValues) ? [.. classValues.Select(c => c ?? "")] : [];
        if (classes.Length == 1 || classes.Length > PlaygroundLimits.MaxClasses || classes.Distinct(StringComparer.Ordinal).Count() != classes.Length)
        {
            throw new RequestException($"The classes 'class' must be 2 to {PlaygroundLimits.MaxClasses} different names, or none for a number label.");
        }
        return new UploadedPoints(names[0], names[1], names[2], classes, ParsePoints(points[0] ?? "", "pts"));
    }
}
