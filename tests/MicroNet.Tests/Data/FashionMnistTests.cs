using System.IO.Compression;
using MicroNet.Data;
using MicroNet.Nn;
using MicroNet.Tests.Cli;
using MicroNet.Training;

namespace MicroNet.Tests.Data;

public static class FashionMnistTests
{
    // An IDX file of unsigned bytes: magic 0x000008nn, big-endian sizes, then the elements.
    private static byte[] Idx(int[] dimensions, byte[] elements)
    {
        var bytes = new List<byte> { 0, 0, 8, (byte)dimensions.Length };
        foreach (int size in dimensions)
        {
            bytes.AddRange([(byte)(size >> 24), (byte)(size >> 16), (byte)(size >> 8), (byte)size]);
        }
        bytes.AddRange(elements);
        return [.. bytes];
    }

    private static void Write(string path, byte[] content, bool gzip)
    {
        if (!gzip)
        {
            File.WriteAllBytes(path, content);
            return;
        }
        using FileStream file = File.Create(path);
        using var stream = new GZipStream(file, CompressionLevel.Fastest);
        stream.Write(content);
    }

    private static string TempFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "micronet-idx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    // A tiny Fashion-MNIST look-alike: count images of 2x2 pixels per part, labels i % 10.
    private static string FakeFashion(int count, bool gzip)
    {
        string folder = TempFolder();
        string suffix = gzip ? ".gz" : "";
        foreach (string part in new[] { "train", "t10k" })
        {
            byte[] pixels = [.. Enumerable.Range(0, count * 4).Select(i => (byte)(i * 37 % 256))];
            byte[] labels = [.. Enumerable.Range(0, count).Select(i => (byte)(i % 10))];
            Write(Path.Combine(folder, $"{part}-images-idx3-ubyte{suffix}"), Idx([count, 2, 2], pixels), gzip);
            Write(Path.Combine(folder, $"{part}-labels-idx1-ubyte{suffix}"), Idx([count], labels), gzip);
        }
        return folder;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public static void ReadBytes_PlainOrGzip_GivesDimensionsAndElements(bool gzip)
    {
        string path = Path.Combine(TempFolder(), "images-idx3-ubyte" + (gzip ? ".gz" : ""));
        Write(path, Idx([2, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 255]), gzip);

        (IReadOnlyList<int> dimensions, byte[] elements) = IdxFile.ReadBytes(path);

        Assert.Equal([2, 2, 3], dimensions);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 255], elements);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public static void ReadBytes_BadMagic_OneSentenceNamingTheFile(bool gzip)
    {
        string path = Path.Combine(TempFolder(), "bad");
        Write(path, [0x50, 0x4b, 3, 4, 0, 0, 0, 1, 9], gzip);

        var e = Assert.Throws<DataFileException>(() => IdxFile.ReadBytes(path));

        Assert.Contains($"'{path}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("magic number is 0x504B0304", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public static void ReadBytes_Truncated_OneSentenceNamingTheFile(bool gzip)
    {
        string path = Path.Combine(TempFolder(), "short");
        byte[] whole = Idx([3, 2, 2], new byte[12]);
        Write(path, whole[..^5], gzip);

        var e = Assert.Throws<DataFileException>(() => IdxFile.ReadBytes(path));

        Assert.Contains($"'{path}' is truncated", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public static void ReadBytes_TruncatedHeader_Throws()
    {
        string path = Path.Combine(TempFolder(), "header");
        File.WriteAllBytes(path, [0, 0, 8, 3, 0, 0]);

        var e = Assert.Throws<DataFileException>(() => IdxFile.ReadBytes(path));

        Assert.Contains("truncated inside its header", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public static void Load_SmallFiles_PixelsOver255AndClassNames(bool gzip)
    {
        string folder = FakeFashion(12, gzip);

        (Dataset train, Dataset test) = FashionMnist.Load(folder);

        Assert.Equal(12, train.Count);
        Assert.Equal(12, test.Count);
        Assert.Equal(4, train.FeatureCount);
        Assert.Equal(37 / 255.0, train.Features[0][1]);
        Assert.Equal(3, train.Classes[3]);
        Assert.Equal("Ankle boot", train.ClassNames[9]);
        Assert.Equal(2, FashionMnist.Load(folder, limit: 2).Train.Count);
    }

    [Fact]
    public static void Load_MissingFolder_OneSentenceNamingThePackage()
    {
        string folder = Path.Combine(Path.GetTempPath(), "no-such-fashion-" + Guid.NewGuid().ToString("N"));

        var e = Assert.Throws<DataFileException>(() => FashionMnist.Load(folder));

        Assert.Contains(folder, e.Message, StringComparison.Ordinal);
        Assert.Contains("dataset-fashion-mnist", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public static void Train_FashionMnistMissingFolder_ExitsWithOneLineNamingThePackage()
    {
        string folder = Path.Combine(Path.GetTempPath(), "no-such-fashion-" + Guid.NewGuid().ToString("N"));

        CliRun run = CliRun.Of("train", "--dataset", "fashion-mnist", "--data-dir", folder);

        Assert.Equal(2, run.ExitCode);
        string line = Assert.Single(run.ErrorLines);
        Assert.Contains("apt-get install dataset-fashion-mnist", line, StringComparison.Ordinal);
    }

    [Fact]
    public static void Train_FashionMnistSmallFiles_TrainsAndTestsOnT10k()
    {
        string folder = FakeFashion(40, gzip: true);

        CliRun run = CliRun.Of("train", "--dataset", "fashion-mnist", "--data-dir", folder, "--layers", "4", "--epochs", "2", "--engine", "compiled", "--workers", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("40 training and 40 test images (t10k)", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"test\s+40 ", run.Output);
        // Redirected output has no width limit: the 10-class confusion matrix header stays on one line.
        Assert.Matches(@"true \\ predicted\s+T-shirt/top\s+Trouser\s+Pullover\s+Dress\s+Coat\s+Sandal\s+Shirt\s+Sneaker\s+Bag\s+Ankle boot", run.Output);
    }

    [Fact]
    public static void Train_DataDirWithoutFashionMnist_IsAUsageError() =>
        CliRun.Of("train", "--dataset", "moons", "--data-dir", "/tmp").AssertUsageError("--data-dir");

    [Fact]
    public static void Fit_RealFashionMnistSubset_LearnsSomething()
    {
        Assert.SkipUnless(Directory.Exists(FashionMnist.DefaultDirectory),
            $"Fashion-MNIST is not installed in {FashionMnist.DefaultDirectory} (Debian package {FashionMnist.DebianPackage}).");
        (Dataset train, Dataset test) = FashionMnist.Load(limit: 500);
        Mlp model = ModelBuilder.ForDataset(train, [32], Activation.Relu, seed: 1);

        TrainingResult result = Trainer.Fit(model, train, new TrainingOptions { Epochs = 5, BatchSize = 32, Seed = 1 });

        Assert.False(result.Diverged);
        Assert.InRange(Trainer.Evaluate(model, test).Accuracy!.Value, 0.6, 1);
    }
}
