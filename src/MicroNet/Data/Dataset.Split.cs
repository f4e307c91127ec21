namespace MicroNet.Data;

/// <summary>Splitting a dataset into training, validation and test rows, stratified by class.</summary>
public sealed partial class Dataset
{
    /// <summary>
    /// Divides the rows at random into training, validation and test parts. For classification the split is
    /// stratified: each class is divided in the given proportions on its own (rounded to whole rows per class), so
    /// every part has about the class balance of the whole. The test part gets the rows left over.
    /// </summary>
    /// <param name="trainFraction">The share of rows for training, in (0, 1].</param>
    /// <param name="validationFraction">The share of rows for validation, in [0, 1); with <paramref name="trainFraction"/> at most 1.</param>
    /// <param name="seed">Seeds the random assignment: the same seed gives the same split.</param>
    /// <exception cref="ArgumentOutOfRangeException">A fraction is outside its range, or the two add up to more than 1.</exception>
    public DatasetSplit Split(double trainFraction, double validationFraction, int seed)
    {
        if (!(trainFraction > 0 && trainFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(trainFraction), trainFraction, "The training fraction must be above 0 and at most 1.");
        }
        if (!(validationFraction >= 0 && validationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must be at least 0 and below 1.");
        }
        if (trainFraction + validationFraction > 1 + 1e-9)
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction,
                Invariant($"The training and validation fractions add up to {trainFraction + validationFraction}; they must leave at most 1."));
        }
        var random = new Random(seed);
        List<int> train = [], validation = [], test = [];
        List<int>[] groups = Kind.IsClassification()
            ? [.. Enumerable.Range(0, ClassCount).Select(c => Enumerable.Range(0, Count).Where(i => _classes[i] == c).ToList())]
            : [Enumerable.Range(0, Count).ToList()];
        int[][] orders = new int[groups.Length][];
        for (int g = 0; g < groups.Length; g++)
        {
            orders[g] = [.. groups[g]];
            random.Shuffle(orders[g]);
        }
        (int Train, int Validation)[] counts = PartCounts(orders, trainFraction, validationFraction);
        for (int g = 0; g < orders.Length; g++)
        {
            int[] order = orders[g];
            (int trainCount, int validationCount) = counts[g];
            train.AddRange(order[..trainCount]);
            validation.AddRange(order[trainCount..(trainCount + validationCount)]);
            test.AddRange(order[(trainCount + validationCount)..]);
        }
        return new DatasetSplit(Mixed(train, random), Mixed(validation, random), Mixed(test, random));

        // Stratification appends class after class; shuffle so that each part does not come sorted by class.
        Dataset Mixed(List<int> indices, Random random)
        {
            int[] array = [.. indices];
            random.Shuffle(array);
            return Subset(array);
        }
    }

    // How many rows of each group (class) go to training and to validation: each group's share rounded. When groups
    // are so small that rounding each one skews the parts (1,000 classes of 2 rows: 1,000 training rows, 0 for
    // validation), the parts' sizes are set for the whole table instead and given out to the groups by largest
    // remainder, so the parts keep the sizes asked for and each class spreads as evenly as its rows allow.
    private static (int Train, int Validation)[] PartCounts(int[][] orders, double trainFraction, double validationFraction)
    {
        (int Train, int Validation)[] counts = [.. orders.Select(order =>
        {
            int trainCount = (int)Math.Round(order.Length * trainFraction, MidpointRounding.AwayFromZero);
            int validationCount = Math.Min((int)Math.Round(order.Length * validationFraction, MidpointRounding.AwayFromZero), order.Length - trainCount);
            return (trainCount, validationCount);
        })];
        int total = orders.Sum(o => o.Length);
        int wantedTrain = (int)Math.Round(total * trainFraction, MidpointRounding.AwayFromZero);
        int wantedValidation = Math.Min((int)Math.Round(total * validationFraction, MidpointRounding.AwayFromZero), total - wantedTrain);
        int wantedTest = total - wantedTrain - wantedValidation;
        int gotValidation = counts.Sum(c => c.Validation), gotTest = total - counts.Sum(c => c.Train) - gotValidation;
        bool Skewed(int got, int wanted) => Math.Abs(got - wanted) > Math.Max(2, wanted / 4);
        if (!Skewed(gotValidation, wantedValidation) && !Skewed(gotTest, wantedTest))
        {
            return counts;
        }
        int[] trainCounts = Allocate(orders, wantedTrain, trainFraction, new int[orders.Length]);
        int[] validationCounts = Allocate(orders, wantedValidation, validationFraction, trainCounts);
        return [.. trainCounts.Zip(validationCounts)];

        // Each group's floor of its share, then one more to the groups with the largest remainders until the part is full;
        // never more rows than a group has left after the parts already given.
        static int[] Allocate(int[][] orders, int wanted, double fraction, int[] taken)
        {
            var result = new int[orders.Length];
            for (int g = 0; g < orders.Length; g++)
            {
                result[g] = Math.Min((int)Math.Floor(orders[g].Length * fraction), orders[g].Length - taken[g]);
            }
            int[] byRemainder = [.. Enumerable.Range(0, orders.Length).OrderByDescending(g => orders[g].Length * fraction - result[g]).ThenBy(g => g)];
            for (int left = wanted - result.Sum(), i = 0; left > 0 && i < byRemainder.Length * 2; i++)
            {
                int g = byRemainder[i % byRemainder.Length];
                if (result[g] + taken[g] < orders[g].Length)
                {
                    result[g]++;
                    left--;
                }
            }
            return result;
        }
    }
}
