using System.Runtime.InteropServices;

namespace Erofs.Interop;

internal static partial class Libc
{
    /// <summary>
    /// <c>int lsetxattr(const char *path, const char *name, const void *value, size_t size, int flags)</c>:
    /// sets an extended attribute on a symlink itself rather than on its target.
    /// Flags 0 create the attribute or replace an existing one.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "lsetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int Lsetxattr(string path, string name, byte* value, nuint size, int flags);
}
