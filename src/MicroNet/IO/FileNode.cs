using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace MicroNet.IO;

/// <summary>What kind of thing a path names in the file system.</summary>
internal enum FileNodeKind
{
    Missing,
    Regular,
    Directory,
    CharacterDevice,
    BlockDevice,
    Fifo,
    Socket,
    Other,
}

/// <summary>
/// A path's kind and identity (device and inode), after following symbolic links. On Linux from <c>statx(2)</c>, whose
/// layout is the same on every architecture; elsewhere from <see cref="File"/> and <see cref="Directory"/>, without an
/// identity (then two paths are the same file only if their resolved full paths are equal).
/// </summary>
internal readonly record struct FileNode(FileNodeKind Kind, ulong Device, ulong Inode)
{
    private const int AtCurrentDirectory = -100;
    private const uint StatxBasicStats = 0x7ff;
    private const int StatxSize = 256;
    private const int ModeOffset = 28, InodeOffset = 32, DeviceMajorOffset = 136, DeviceMinorOffset = 140;

    /// <summary>Whether the identity is known (Linux), so that hard links to one file compare equal.</summary>
    public bool HasIdentity => Inode != 0;

    /// <summary>The node <paramref name="path"/> names, following symbolic links; <see cref="FileNodeKind.Missing"/> if there is none.</summary>
    public static FileNode Of(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            var buffer = new byte[StatxSize];
            try
            {
                if (Statx(AtCurrentDirectory, NullTerminated(path), 0, StatxBasicStats, buffer) == 0)
                {
                    ushort mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(ModeOffset));
                    ulong device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(DeviceMajorOffset)) << 32)
                        | BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(DeviceMinorOffset));
                    return new FileNode(KindOf(mode), device, BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(InodeOffset)));
                }
                return Fallback(path);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return Fallback(path);
            }
        }
        return Fallback(path);
    }

    private static FileNode Fallback(string path) =>
        new(Directory.Exists(path) ? FileNodeKind.Directory : File.Exists(path) ? FileNodeKind.Regular : FileNodeKind.Missing, 0, 0);

    private static FileNodeKind KindOf(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => FileNodeKind.Regular,
        0x4000 => FileNodeKind.Directory,
        0x2000 => FileNodeKind.CharacterDevice,
        0x6000 => FileNodeKind.BlockDevice,
        0x1000 => FileNodeKind.Fifo,
        0xC000 => FileNodeKind.Socket,
        _ => FileNodeKind.Other,
    };

    private static byte[] NullTerminated(string path) => Encoding.UTF8.GetBytes(path + '\0');

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, byte[] path, int flags, uint mask, byte[] buffer);
}
