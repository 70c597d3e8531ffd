using System.Runtime.InteropServices;

namespace Erofs.Interop;

internal static partial class Libc
{
    /// <summary>XATTR_LIST_MAX and XATTR_SIZE_MAX (linux/limits.h): no name list or value is longer.</summary>
    internal const int XattrMax = 65536;

    /// <summary>
    /// <c>ssize_t llistxattr(const char *path, char *list, size_t size)</c>: the NUL-terminated
    /// attribute names of the file itself (a symlink is not followed), path as raw bytes.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "llistxattr", SetLastError = true)]
    internal static unsafe partial nint Llistxattr(byte* path, byte* list, nuint size);
}
