using System.Runtime.InteropServices;

namespace Erofs.Interop;

internal static partial class Libc
{
    /// <summary>
    /// <c>int lchown(const char *path, uid_t owner, gid_t group)</c>: like chown, but changes a
    /// symlink itself. An id of <c>uint.MaxValue</c> ((uid_t)-1) leaves that id unchanged.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Lchown(string path, uint owner, uint group);
}
