using Erofs.Runtime.Interop;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Runtime.Store;

/// <summary>
/// Which image file, in which version: device, inode, size, mtime and ctime (nanoseconds). Any write,
/// truncate, chmod or replacement of the image changes it, so results keyed by it go stale on their own.
/// </summary>
/// <param name="Device">st_dev as (major &lt;&lt; 32) | minor.</param>
/// <param name="Inode">st_ino.</param>
/// <param name="Size">st_size.</param>
/// <param name="ModifiedNanoseconds">mtime in nanoseconds since the epoch.</param>
/// <param name="ChangedNanoseconds">ctime in nanoseconds since the epoch.</param>
public readonly record struct ImageIdentity(ulong Device, ulong Inode, ulong Size, long ModifiedNanoseconds, long ChangedNanoseconds)
{
    /// <summary>The identity of the file at <paramref name="path"/> (following symlinks).</summary>
    /// <exception cref="IOException">The file cannot be examined.</exception>
    public static ImageIdentity Of(string path) => From(StoreFile.Stat(path));

    /// <summary>The identity of an open image (the daemon's own descriptor, immune to renames).</summary>
    /// <exception cref="IOException">The descriptor cannot be examined.</exception>
    public static ImageIdentity Of(SafeFileHandle image) => From(StoreFile.Stat(image, "image"));

    /// <summary>A file name for this identity: hex fields joined by '-'.</summary>
    public string Key => $"{Device:x}-{Inode:x}-{Size:x}-{ModifiedNanoseconds:x}-{ChangedNanoseconds:x}";

    private static ImageIdentity From(StoreStatx s) => new(
        ((ulong)s.DevMajor << 32) | s.DevMinor,
        s.Ino,
        s.Size,
        s.MtimeSeconds * 1_000_000_000 + s.MtimeNanoseconds,
        s.CtimeSeconds * 1_000_000_000 + s.CtimeNanoseconds);
}
