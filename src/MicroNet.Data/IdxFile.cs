using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace MicroNet.Data;

/// <summary>
/// Reads the IDX format of MNIST and Fashion-MNIST: a 4-byte magic number (two zero bytes, the element type
/// <c>0x08</c> for unsigned bytes, the number of dimensions), one big-endian 32-bit size per dimension, then the
/// elements in row-major order. Files compressed with gzip (<c>.gz</c>, or any file starting with gzip's signature)
/// are decompressed as they are read.
/// </summary>
public static class IdxFile
{
    /// <summary>Reads an IDX file of unsigned bytes: its dimensions and its elements, in row-major order.</summary>
    /// <param name="path">The file, plain or gzip-compressed.</param>
    /// <exception cref="DataFileException">The file is missing, is not an IDX file of unsigned bytes, or is shorter than its header says; the message names it.</exception>
    public static (IReadOnlyList<int> Dimensions, byte[] Elements) ReadBytes(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using Stream stream = Open(path);
            Span<byte> header = stackalloc byte[4];
            if (!ReadFully(stream, header))
            {
                throw Bad(path, "is empty or shorter than an IDX header");
            }
            if (header[0] != 0 || header[1] != 0 || header[2] != 0x08 || header[3] is 0 or > 4)
            {
                throw Bad(path, string.Create(CultureInfo.InvariantCulture,
                    $"is not an IDX file of unsigned bytes (its magic number is 0x{BinaryPrimitives.ReadUInt32BigEndian(header):X8}, not 0x000008nn)"));
            }
            var dimensions = new int[header[3]];
            long count = 1;
            for (int i = 0; i < dimensions.Length; i++)
            {
                if (!ReadFully(stream, header))
                {
                    throw Bad(path, "is truncated inside its header");
                }
                uint size = BinaryPrimitives.ReadUInt32BigEndian(header);
                count *= size;
                if (size > int.MaxValue || count > Array.MaxLength)
                {
                    throw Bad(path, "declares more elements than can be read");
                }
                dimensions[i] = (int)size;
            }
            var elements = new byte[count];
            if (!ReadFully(stream, elements))
            {
                throw Bad(path, string.Create(CultureInfo.InvariantCulture, $"is truncated: its header promises {count} bytes of data"));
            }
            return (dimensions, elements);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new DataFileException($"Cannot read '{path}': {e.Message}", e);
        }
    }

    private static Stream Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataFileException($"The file '{path}' does not exist.");
        }
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        int first = file.ReadByte(), second = file.ReadByte();
        file.Position = 0;
        return first == 0x1f && second == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : new BufferedStream(file, 1 << 16);
    }

    private static bool ReadFully(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = stream.Read(buffer[total..]);
            if (read == 0)
            {
                return false;
            }
            total += read;
        }
        return true;
    }

    private static DataFileException Bad(string path, string what) => new($"The file '{path}' {what}; use the original IDX files (such as train-images-idx3-ubyte.gz).");
}
