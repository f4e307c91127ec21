using System.Globalization;

namespace MicroNet.IO;

/// <summary>
/// Opens the files MicroNet reads so that no input can hang it or fill its memory: a named pipe that no process writes
/// to is given up on after <see cref="PipeWait"/>, and whole-file reads stop at a size limit instead of reading
/// <c>/dev/zero</c> forever.
/// </summary>
public static class InputFile
{
    /// <summary>How long opening a named pipe waits for a process to write to it: 10 seconds.</summary>
    public static readonly TimeSpan PipeWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Opens <paramref name="path"/> to read: a file, a device, or a pipe (waiting at most <see cref="PipeWait"/> for a
    /// writer, where opening one would otherwise block for ever).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DirectoryNotFoundException">Its folder does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">It cannot be read, or it is a folder.</exception>
    /// <exception cref="IOException">It is a pipe that no process writes to.</exception>
    public static FileStream OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (FileNode.Of(path).Kind != FileNodeKind.Fifo)
        {
            return File.OpenRead(path);
        }
        Task<FileStream> open = Task.Run(() => File.OpenRead(path));
        if (!open.Wait(PipeWait))
        {
            // The thread stays blocked in open(2) until a writer comes or the process ends; nothing else holds it.
            throw new IOException(string.Create(CultureInfo.InvariantCulture,
                $"'{UserText.Quote(path)}' is a named pipe that no process wrote to within {PipeWait.TotalSeconds:F0} seconds."));
        }
        return open.GetAwaiter().GetResult();
    }

    /// <summary>Reads all of <paramref name="path"/>, refusing a file (or a device) longer than <paramref name="maxBytes"/>.</summary>
    /// <exception cref="InvalidDataException">The file is longer than <paramref name="maxBytes"/>.</exception>
    /// <exception cref="IOException">As <see cref="OpenRead"/>, or reading failed.</exception>
    public static byte[] ReadAllBytes(string path, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        using FileStream stream = OpenRead(path);
        using var bytes = new MemoryStream();
        var buffer = new byte[81920];
        for (int read; (read = stream.Read(buffer)) > 0;)
        {
            if (bytes.Length + read > maxBytes)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"'{UserText.Quote(path)}' is longer than {maxBytes / (1 << 20)} MB."));
            }
            bytes.Write(buffer, 0, read);
        }
        return bytes.ToArray();
    }
}
