using System.Runtime.InteropServices;

namespace Erofs.Interop;

internal static partial class Libc
{
    /// <summary>
    /// <c>ssize_t lgetxattr(const char *path, const char *name, void *value, size_t size)</c>:
    /// reads an extended attribute of a symlink itself. With <paramref name="size"/> 0 it
    /// returns the value's length without copying it.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "lgetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial nint Lgetxattr(string path, string name, byte* value, nuint size);

    /// <summary>
    /// <c>lgetxattr</c> with the path and name as raw NUL-terminated bytes, so a path that is
    /// not valid UTF-8 reaches the kernel unchanged.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "lgetxattr", SetLastError = true)]
    internal static unsafe partial nint Lgetxattr(byte* path, byte* name, byte* value, nuint size);
}
