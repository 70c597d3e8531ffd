using System.Runtime.InteropServices;

namespace Erofs.Interop;

internal static partial class Libc
{
    /// <summary>PATH_MAX: a symlink target holds at most this many bytes less one.</summary>
    internal const int PathMax = 4096;

    /// <summary>
    /// <c>ssize_t readlinkat(int dirfd, const char *path, char *buf, size_t size)</c>: the raw
    /// target bytes, not NUL-terminated; a result equal to <paramref name="size"/> may be truncated.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "readlinkat", SetLastError = true)]
    internal static unsafe partial nint Readlinkat(int dirfd, byte* path, byte* buffer, nuint size);
}
