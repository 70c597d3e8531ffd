using System.Runtime.InteropServices;

namespace Erofs.Interop;

internal static partial class Libc
{
    /// <summary><c>int symlink(const char *target, const char *linkpath)</c>, the target as raw NUL-terminated bytes.</summary>
    [LibraryImport("libc", EntryPoint = "symlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int Symlink(byte* target, string linkPath);
}
