namespace MicroNet.IO;

/// <summary>Writes a file so that it appears whole or not at all; see <see cref="OutputFile"/> for the rules.</summary>
public static class AtomicFile
{
    /// <summary>
    /// Checks <paramref name="path"/> as an output (<see cref="OutputFile.Check"/>) and writes it
    /// (<see cref="OutputFile.Write"/>): <paramref name="write"/> gets a temporary path in the same folder, and the
    /// result is flushed and renamed onto <paramref name="path"/>; a device or a pipe is written through. If
    /// <paramref name="write"/> throws, the temporary file is deleted and <paramref name="path"/> is left as it was.
    /// </summary>
    /// <exception cref="OutputFileException">The path cannot be an output: empty, a folder, a disk, or its folder is missing or read-only.</exception>
    /// <exception cref="IOException">Writing failed.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder cannot be written.</exception>
    public static void Write(string path, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        OutputFile.Check(path).Write(write);
    }
}
