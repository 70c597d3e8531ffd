using System.Runtime.InteropServices;

namespace Erofs.Interop;

internal static partial class Libc
{
    /// <summary>AT_EMPTY_PATH: with an empty path, act on the descriptor <c>dirfd</c> itself.</summary>
    internal const int AtEmptyPath = 0x1000;

    /// <summary>STATX_BASIC_STATS: every field that plain stat(2) returns.</summary>
    internal const uint StatxBasicStats = 0x7FF;

    /// <summary>
    /// <c>int statx(int dirfd, const char *path, int flags, unsigned int mask, struct statx *buf)</c>
    /// (glibc 2.28+, Linux 4.11+). The path is raw NUL-terminated bytes, relative to
    /// <paramref name="dirfd"/> unless absolute; flags AT_SYMLINK_NOFOLLOW stats a symlink itself.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    internal static unsafe partial int Statx(int dirfd, byte* path, int flags, uint mask, StatxBuffer* buffer);
}

/// <summary>
/// <c>struct statx</c> from linux/stat.h: 256 bytes, the same on every architecture. Only the
/// fields a scan reads are named; offsets are the kernel's.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct StatxBuffer
{
    /// <summary>stx_nlink: number of hard links.</summary>
    [FieldOffset(16)] public uint Nlink;
    /// <summary>stx_uid.</summary>
    [FieldOffset(20)] public uint Uid;
    /// <summary>stx_gid.</summary>
    [FieldOffset(24)] public uint Gid;
    /// <summary>stx_mode: S_IFMT type plus permission bits.</summary>
    [FieldOffset(28)] public ushort Mode;
    /// <summary>stx_ino.</summary>
    [FieldOffset(32)] public ulong Ino;
    /// <summary>stx_size: bytes (regular files), target length (symlinks).</summary>
    [FieldOffset(40)] public ulong Size;
    /// <summary>stx_blocks: 512-byte blocks allocated.</summary>
    [FieldOffset(48)] public ulong Blocks;
    /// <summary>stx_mtime.tv_sec.</summary>
    [FieldOffset(112)] public long MtimeSeconds;
    /// <summary>stx_mtime.tv_nsec.</summary>
    [FieldOffset(120)] public uint MtimeNanoseconds;
    /// <summary>stx_rdev_major: device number of a character or block device.</summary>
    [FieldOffset(128)] public uint RdevMajor;
    /// <summary>stx_rdev_minor.</summary>
    [FieldOffset(132)] public uint RdevMinor;
    /// <summary>stx_dev_major: the filesystem holding the file.</summary>
    [FieldOffset(136)] public uint DevMajor;
    /// <summary>stx_dev_minor.</summary>
    [FieldOffset(140)] public uint DevMinor;
}
