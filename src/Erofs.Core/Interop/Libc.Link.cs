using System.Runtime.InteropServices;

namespace Erofs.Interop;

internal static partial class Libc
{
    /// <summary>
    /// <c>int link(const char *oldpath, const char *newpath)</c>. On Linux a symlink
    /// <paramref name="oldPath"/> is linked itself, not its target.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Link(string oldPath, string newPath);
}
