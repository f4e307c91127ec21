using System.Globalization;

namespace MicroNet.IO;

/// <summary>
/// An output path, checked before any work so that a run never ends by destroying something: not empty, its folder
/// exists and can be written, it is not a folder, a disk or a socket, and it is not the same file as any input (after
/// following symbolic links; on Linux also a hard link, by device and inode). <see cref="Write"/> then writes it so
/// that nothing is lost: a regular file whole or not at all, a device or a pipe written through.
/// </summary>
/// <remarks>
/// <para>
/// A regular file (or a new one) is written to a hidden temporary file beside it, flushed to disk, given the
/// permissions of the file it replaces, and renamed over it; if writing fails, the temporary file is deleted and the
/// old file stays as it was. A symbolic link is written through to its target, and stays a link.
/// </para>
/// <para>
/// A character device (<c>/dev/null</c>, <c>/dev/stdout</c>, a terminal) or a FIFO (a named pipe, or <c>/dev/fd/N</c>
/// from a shell's process substitution) cannot be replaced by a rename, and replacing it is never what was meant: it is
/// written through, in place. A FIFO that no process reads within <see cref="InputFile.PipeWait"/> is given up on.
/// </para>
/// <para>
/// <see cref="DeletePendingTemporaryFiles()"/> removes the temporary files of writes in progress, for a program that is
/// stopping on a signal; after it, no write in progress renames its file into place.
/// </para>
/// </remarks>
public sealed class OutputFile
{
    private static readonly Lock s_pendingLock = new();
    // Temporary files of writes in progress; true once abandoned (deleted), so that the write never renames it into place.
    private static readonly Dictionary<string, bool> s_pending = new(StringComparer.Ordinal);

    private readonly string _target;
    private readonly FileNodeKind _kind;

    private OutputFile(string path, string target, FileNodeKind kind)
    {
        Path = path;
        _target = target;
        _kind = kind;
    }

    /// <summary>The path as given.</summary>
    public string Path { get; }

    /// <summary>Whether the path is a device or a pipe, written through rather than replaced.</summary>
    public bool IsWrittenThrough => _kind is FileNodeKind.CharacterDevice or FileNodeKind.Fifo;

    /// <summary>
    /// Checks <paramref name="path"/> as an output of a command that reads <paramref name="inputs"/> (null entries are
    /// skipped), before any work.
    /// </summary>
    /// <exception cref="OutputFileException">The path cannot be used; the message says why, naming it.</exception>
    public static OutputFile Check(string path, IEnumerable<string?>? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new OutputFileException("The output file name is empty; give a file name.");
        }
        string quoted = $"'{UserText.Quote(path)}'";
        string fullPath;
        try
        {
            fullPath = System.IO.Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new OutputFileException($"Cannot write {quoted}: it is not a valid file name ({e.Message.TrimEnd('.')}).", e);
        }
        string target = FinalTarget(fullPath);
        FileNode node = FileNode.Of(target);
        switch (node.Kind)
        {
            case FileNodeKind.Directory:
                throw new OutputFileException($"Cannot write {quoted}: it is a folder; give a file name inside it.");
            case FileNodeKind.BlockDevice or FileNodeKind.Socket or FileNodeKind.Other:
                throw new OutputFileException($"Cannot write {quoted}: it is a {(node.Kind == FileNodeKind.BlockDevice ? "disk device" : "special file")}, not a file.");
        }
        string? sameAs = inputs?.OfType<string>().FirstOrDefault(input => IsSameFile(input, target, node));
        if (sameAs is not null)
        {
            throw new OutputFileException(
                $"Cannot write {quoted}: it is the same file as the input '{UserText.Quote(sameAs)}', which writing it would destroy; choose another name.");
        }
        if (node.Kind is FileNodeKind.Missing or FileNodeKind.Regular)
        {
            CheckFolder(quoted, target);
        }
        return new OutputFile(path, target, node.Kind);
    }

    /// <summary>
    /// Calls <paramref name="write"/> with the path to write, then puts the result in place: for a regular file, a
    /// temporary path beside it, then flushed, given the old file's permissions and renamed over it; for a device or a
    /// pipe, the path itself. If <paramref name="write"/> throws, a temporary file is deleted and the old file stays.
    /// </summary>
    /// <exception cref="IOException">Writing failed (a full disk); the message names <see cref="Path"/>, not the temporary file.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder cannot be written.</exception>
    public void Write(Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (_kind == FileNodeKind.Fifo)
        {
            // Opening a pipe to write waits for a reader; held open while write opens it again, so that the reader
            // sees one stream, and given up after PipeWait rather than waited on for ever.
            Task<FileStream> open = Task.Run(() => new FileStream(_target, FileMode.Open, FileAccess.Write));
            if (!open.Wait(InputFile.PipeWait))
            {
                throw new IOException(string.Create(CultureInfo.InvariantCulture,
                    $"Cannot write '{UserText.Quote(Path)}': it is a named pipe that no process read within {InputFile.PipeWait.TotalSeconds:F0} seconds."));
            }
            using FileStream held = open.GetAwaiter().GetResult();
            write(_target);
            return;
        }
        if (IsWrittenThrough)
        {
            write(_target);
            return;
        }
        string directory = System.IO.Path.GetDirectoryName(_target) ?? ".";
        string temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(_target)}.{Guid.NewGuid():N}.tmp");
        Track(temp);
        try
        {
            write(temp);
            ThrowIfAbandoned(temp);
            using (var stream = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite))
            {
                // Data on disk before the rename makes it visible: a crash then leaves the old file or the new one.
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows() && File.Exists(_target))
            {
                File.SetUnixFileMode(temp, File.GetUnixFileMode(_target));
            }
            lock (s_pendingLock)
            {
                if (s_pending.GetValueOrDefault(temp))
                {
                    throw Abandoned();
                }
                File.Move(temp, _target, overwrite: true);
                s_pending.Remove(temp);
            }
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UnauthorizedAccessException($"Cannot write '{UserText.Quote(Path)}': access to it or to its folder is denied.", e);
        }
        catch (IOException e) when (e is not OutputFileException)
        {
            string reason = e.Message.Replace(temp, Path, StringComparison.Ordinal).TrimEnd('.');
            throw new IOException($"Cannot write '{UserText.Quote(Path)}': {reason}.", e);
        }
        finally
        {
            Untrack(temp);
        }
    }

    /// <summary>
    /// Deletes the temporary files of the writes in progress and stops those writes from renaming anything into place;
    /// for a program stopping on a signal. Returns how many files it deleted.
    /// </summary>
    public static int DeletePendingTemporaryFiles() => DeletePendingTemporaryFiles(_ => true);

    // The temporary files that match (tests pick their own, since other tests write at the same time).
    internal static int DeletePendingTemporaryFiles(Func<string, bool> which)
    {
        lock (s_pendingLock)
        {
            int deleted = 0;
            foreach (string temp in s_pending.Keys.Where(which).ToList())
            {
                s_pending[temp] = true;
                try
                {
                    if (File.Exists(temp))
                    {
                        File.Delete(temp);
                        deleted++;
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Best effort while stopping: a file that cannot be deleted now cannot be deleted at all.
                }
            }
            return deleted;
        }
    }

    private void ThrowIfAbandoned(string temp)
    {
        lock (s_pendingLock)
        {
            if (s_pending.GetValueOrDefault(temp))
            {
                throw Abandoned();
            }
        }
    }

    private OperationCanceledException Abandoned() => new($"Writing '{UserText.Quote(Path)}' was abandoned.");

    private static void Track(string temp)
    {
        lock (s_pendingLock)
        {
            s_pending[temp] = false;
        }
    }

    private static void Untrack(string temp)
    {
        lock (s_pendingLock)
        {
            s_pending.Remove(temp);
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    // The file a path finally names, following symbolic links (the path itself when it is not a link, or is a broken one).
    private static string FinalTarget(string fullPath)
    {
        try
        {
            return new FileInfo(fullPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? fullPath;
        }
        catch (IOException)
        {
            // A loop of links: the rename would replace the link itself, which the folder check below still allows.
            return fullPath;
        }
    }

    private static bool IsSameFile(string input, string target, FileNode node)
    {
        string inputTarget;
        try
        {
            inputTarget = FinalTarget(System.IO.Path.GetFullPath(input));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
        if (string.Equals(inputTarget, target, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
        {
            return true;
        }
        if (node.Kind != FileNodeKind.Regular || !node.HasIdentity)
        {
            return false;
        }
        FileNode other = FileNode.Of(inputTarget);
        return other.HasIdentity && other.Device == node.Device && other.Inode == node.Inode;
    }

    // The folder must exist and take a new file: probed by creating and deleting an empty one, since permissions alone
    // do not tell (a read-only mount, an ACL).
    private static void CheckFolder(string quoted, string target)
    {
        string directory = System.IO.Path.GetDirectoryName(target) ?? ".";
        if (!Directory.Exists(directory))
        {
            throw new OutputFileException($"Cannot write {quoted}: the folder '{UserText.Quote(directory)}' does not exist.");
        }
        string probe = System.IO.Path.Combine(directory, $".micronet-probe-{Guid.NewGuid():N}.tmp");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFileException($"Cannot write {quoted}: its folder '{UserText.Quote(directory)}' cannot be written ({e.GetType().Name switch
            {
                nameof(UnauthorizedAccessException) => "permission denied",
                _ => e.Message.TrimEnd('.'),
            }}).", e);
        }
    }
}
